"""The service's settings, read from ``LISTPARSE_*`` environment variables.

With nothing set at all the service starts: a SQLite file in :attr:`Settings.data_dir`, the REST
API open (the startup log says so), the default catalog, and every chat channel off until its
secret is set. Secrets are :class:`~pydantic.SecretStr`: they print as ``**********`` and are
never logged.

>>> s = Settings(_env_file=None, api_key="k3y", data_dir="/tmp/lp")
>>> s.api_key
SecretStr('**********')
>>> s.resolved_database_url()
'sqlite:////tmp/lp/listparse.db'
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "default_data_dir", "mask_url"]


def default_data_dir() -> Path:
    """The user's data folder: ``$XDG_DATA_HOME/listparse``, else ``~/.local/share/listparse``."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "listparse"


def mask_url(url: str) -> str:
    """A database URL with its password replaced by ``***``, fit for logs and errors.

    >>> mask_url("postgresql://app:s3cret@db:5432/lists")
    'postgresql://app:***@db:5432/lists'
    """
    return re.sub(r"(//[^:/@]+:)[^@/]*@", r"\1***@", url)


class Settings(BaseSettings):
    """Everything the service can be configured with (environment prefix ``LISTPARSE_``)."""

    model_config = SettingsConfigDict(env_prefix="LISTPARSE_", extra="ignore", frozen=True)

    api_key: SecretStr | None = Field(None, description="when set, /v1 routes need 'Authorization: Bearer <key>'")
    database_url: str | None = Field(
        None, description="sqlite:///path/file.db or postgresql://...; unset: a SQLite file in data_dir"
    )
    data_dir: Path = Field(default_factory=default_data_dir, description="where the default SQLite file lives")
    catalog: Path | None = Field(None, description="a catalog file or a built index; unset: the default catalog")
    link: bool = Field(True, description="link items to the catalog's products")
    public_base_url: str | None = Field(
        None, description="the URL the platforms call, e.g. https://bot.example.com (needed by Twilio)"
    )
    max_body_bytes: int = Field(65536, ge=1024, description="request bodies over this size get 413")
    log_level: str = "INFO"
    threads: int = Field(
        2, ge=1, le=64, description="threads per worker process for the read, delete and export routes"
    )

    telegram_secret_token: SecretStr | None = None
    whatsapp_verify_token: SecretStr | None = None
    whatsapp_app_secret: SecretStr | None = None
    whatsapp_access_token: SecretStr | None = None
    whatsapp_phone_number_id: str | None = None
    slack_signing_secret: SecretStr | None = None
    slack_bot_token: SecretStr | None = None
    twilio_auth_token: SecretStr | None = None
    dialogflow_token: SecretStr | None = None
    dialogflow_basic_user: str | None = None
    dialogflow_basic_password: SecretStr | None = None

    def resolved_database_url(self) -> str:
        """The database URL in use: the one set, else the SQLite file in :attr:`data_dir`."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'listparse.db').as_posix()}"
