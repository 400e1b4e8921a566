"""Health, readiness, metrics, settings and logs of the service."""

from __future__ import annotations

import gc
import json
import logging

import pytest

from listparse.service.logs import JsonFormatter
from listparse.service.settings import Settings, mask_url


def test_livez_and_readyz(make_client):
    client = make_client()
    assert client.get("/livez").json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["database"] == "ok"


def test_readyz_with_the_default_catalog(make_client):
    r = make_client(link=True).get("/readyz")
    assert r.status_code == 200 and r.json()["catalog"] == "ok" and r.json()["products"] > 1500


def test_readyz_fails_with_a_broken_catalog(make_client, tmp_path):
    bad = tmp_path / "broken.csv"
    bad.write_text("no,useful,columns\n1,2,3\n")
    r = make_client(link=True, catalog=bad).get("/readyz")
    assert r.status_code == 503
    assert "not loaded" in r.json()["catalog"]


def test_the_heap_alive_at_startup_is_frozen_while_the_app_runs(make_client):
    assert gc.get_freeze_count() == 0
    client = make_client(link=True)
    assert gc.get_freeze_count() > 0  # the catalog index, lexicons and tokenizers, warmed up
    client.__exit__(None, None, None)
    assert gc.get_freeze_count() == 0  # given back to the collector at shutdown


def test_warm_up_writes_nothing(make_client):
    client = make_client(link=True)
    context = client.app.state.context
    context.warm_up()
    assert context.read_list("warm-up").items == ()


def test_messages_link_to_the_default_catalog(make_client):
    client = make_client(link=True)
    body = client.post("/v1/lists/linked/messages", json={"text": "ajoute 2 litres de lait"}).json()
    [item] = body["list"]["items"]
    assert item["sku"] is not None


def test_metrics_count_routes_and_messages(make_client):
    client = make_client()
    client.post("/v1/lists/m/messages", json={"text": "add 2 eggs"}, headers={"Idempotency-Key": "a"})
    client.post("/v1/lists/m/messages", json={"text": "add 2 eggs"}, headers={"Idempotency-Key": "a"})
    text = client.get("/metrics").text
    assert 'listparse_http_requests_total{method="POST",route="/v1/lists/{list_id}/messages",status="200"} 2.0' in text
    assert 'listparse_dedup_hits_total{channel="api"} 1.0' in text
    assert 'listparse_messages_total{action="add",channel="api"} 1.0' in text
    assert "listparse_items_parsed_total" in text
    assert "/v1/lists/m/" not in text  # concrete paths never become labels


def test_openapi_is_served(make_client):
    spec = make_client().get("/openapi.json").json()
    assert "/v1/parse" in spec["paths"] and "/v1/lists/{list_id}/messages" in spec["paths"]


def test_no_configuration_starts_with_sqlite_in_the_data_dir(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from listparse.service import create_app

    for name in list(__import__("os").environ):
        if name.startswith("LISTPARSE_") and name != "LISTPARSE_CACHE_DIR":
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    with TestClient(create_app(Settings(link=False))) as client:
        assert client.get("/readyz").status_code == 200
        client.post("/v1/lists/a/messages", json={"text": "add milk"})
    assert (tmp_path / "listparse" / "listparse.db").is_file()


def test_secrets_never_show(capsys):
    s = Settings(_env_file=None, api_key="topsecret", telegram_secret_token="tg-secret",
                 database_url="postgresql://u:dbpass@h/db")
    assert "topsecret" not in repr(s) and "tg-secret" not in str(s)
    assert "dbpass" not in mask_url(s.database_url)


def test_log_lines_keep_only_safe_fields():
    record = logging.LogRecord("listparse.service", logging.INFO, __file__, 1, "request", None, None)
    record.fields = {"route": "/v1/parse", "status": 200, "text": "2 litres de lait", "phone": "+33612345678"}
    line = json.loads(JsonFormatter().format(record))
    assert line["route"] == "/v1/parse" and line["status"] == 200
    assert "text" not in line and "phone" not in line


def test_request_logs_hold_no_message_text_or_ids(make_client, capsys):
    client = make_client()
    client.post("/v1/lists/twilio:+33612345678/messages", json={"text": "ajoute du fromage de chèvre"})
    err = capsys.readouterr().err
    assert "/v1/lists/{list_id}/messages" in err
    assert "33612345678" not in err and "chèvre" not in err


def test_settings_validate():
    with pytest.raises(ValueError):
        Settings(_env_file=None, max_body_bytes=10)


def test_an_unexpected_error_is_a_json_500_and_the_app_goes_on(make_client, capsys):
    client = make_client()
    context = client.app.state.context

    def broken(list_id):
        raise RuntimeError("disk on fire")

    context.read_list = broken
    r = client.get("/v1/lists/a")
    assert r.status_code == 500 and r.json() == {"detail": "internal error"}
    assert '"error": "RuntimeError"' in capsys.readouterr().err
    del context.read_list
    assert client.get("/v1/lists/a").status_code == 200


def test_message_answer_says_what_it_did(make_client):
    body = make_client().post("/v1/lists/w/messages", json={"text": "add 2 eggs and milk"}).json()
    assert (body["lang"], body["action"], body["parsed"]) == ("en", "add", 2)


def test_queued_replies_are_sent_once_even_by_two_processes(make_client):
    from listparse.service.context import ServiceContext
    from listparse.store import OutboxMessage

    client = make_client(start_background=False)
    first = client.app.state.context
    second = ServiceContext(first.settings)  # another worker process on the same database
    sent: list[tuple[str, str]] = []
    for context in (first, second):
        context.register_sender("whatsapp", lambda recipient, body: sent.append((recipient, body)) or True)
    for n in range(5):
        first.handle_message("whatsapp:336", f"add {n + 1} eggs", channel="whatsapp",
                             reply_to=OutboxMessage("whatsapp", "336", ""))
    assert first.drain_outbox(limit=2) == (2, 0)
    assert second.drain_outbox() == (3, 0)
    assert first.drain_outbox() == (0, 0)
    assert [recipient for recipient, _ in sent] == ["336"] * 5
    assert len({body for _, body in sent}) == 5
    second.close()


def test_a_failed_send_is_tried_again(make_client):
    from listparse.store import OutboxMessage

    context = make_client(start_background=False).app.state.context
    outcomes = iter([False, True])
    context.register_sender("slack", lambda recipient, body: next(outcomes))
    context.handle_message("slack:T1:U1", "add milk", channel="slack", reply_to=OutboxMessage("slack", "C1", ""))
    assert context.drain_outbox() == (0, 1)
    assert context.drain_outbox() == (1, 0)
    assert context.drain_outbox() == (0, 0)
