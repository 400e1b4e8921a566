"""Property-based requests from the REST routes' own OpenAPI spec: no answer is a 5xx.

Schemathesis generates bodies, path parameters and headers from ``/openapi.json`` and sends
them to the real app (SQLite, linking to the default catalog).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402


_FOLDER = tempfile.mkdtemp(prefix="listparse-fuzz-")
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)


def _app():
    from listparse.service import Settings, create_app

    url = f"sqlite:///{os.path.join(_FOLDER, 'fuzz.db')}"
    return create_app(Settings(_env_file=None, database_url=url, data_dir=_FOLDER), start_background=False)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app()).include(path_regex="^/v1/")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_rest_routes_never_answer_5xx(case):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}"
    case.validate_response(response, checks=[not_a_server_error])
