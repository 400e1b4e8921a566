"""The REST API on the real app, against SQLite and PostgreSQL alike."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest


def items_of(client, list_id: str) -> list[tuple[str, float | None, str | None]]:
    body = client.get(f"/v1/lists/{list_id}").json()
    return [(i["name"], i["quantity"], i["unit"]) for i in body["items"]]


def send(client, list_id: str, text: str, **headers):
    return client.post(f"/v1/lists/{list_id}/messages", json={"text": text}, headers=headers)


def test_parse_route_returns_the_parse_result(make_client):
    client = make_client()
    r = client.post("/v1/parse", json={"text": "1,5 kg de pommes et 2 litres de lait", "lang": "fr"})
    assert r.status_code == 200
    body = r.json()
    assert body["lang"] == "fr"
    assert [(i["name"], i["quantity"], i["unit"]) for i in body["items"]] == [
        ("pommes", 1.5, "kilogram"), ("lait", 2.0, "liter")]


@pytest.mark.parametrize("payload, status", [
    ({}, 422),
    ({"text": 3}, 422),
    ({"text": "lait", "lang": "de"}, 422),
    ({"text": "lait", "extra": 1}, 422),
    ({"text": ""}, 200),
])
def test_parse_route_validates(make_client, payload, status):
    assert make_client().post("/v1/parse", json=payload).status_code == status


def test_a_conversation_adds_lists_removes(make_client):
    client = make_client()
    r = send(client, "kitchen", "ajoute deux litres de lait et du pain")
    assert r.status_code == 200
    assert r.json()["list"]["list_id"] == "kitchen"
    assert items_of(client, "kitchen") == [("lait", 2.0, "liter"), ("pain", None, None)]
    send(client, "kitchen", "enlève le pain")
    assert items_of(client, "kitchen") == [("lait", 2.0, "liter")]
    export = client.get("/v1/lists/kitchen/export?format=text")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/plain")
    assert "lait" in export.text
    assert client.get("/v1/lists/kitchen/export?format=json").json()["items"][0]["name"] == "lait"


def test_quantities_merge_across_messages(make_client):
    client = make_client()
    send(client, "l1", "add 2 eggs")
    send(client, "l1", "add 3 eggs")
    [(name, quantity, _)] = items_of(client, "l1")
    assert quantity == 5.0


def test_delete_an_item_by_id(make_client):
    client = make_client()
    body = send(client, "l2", "add milk and bread").json()
    first = body["list"]["items"][0]
    r = client.delete(f"/v1/lists/l2/items/{first['item_id']}")
    assert r.status_code == 200
    assert [i["name"] for i in r.json()["items"]] == [body["list"]["items"][1]["name"]]
    assert client.delete(f"/v1/lists/l2/items/{first['item_id']}").status_code == 404
    assert client.delete("/v1/lists/never/items/1").status_code == 404


def test_an_unknown_list_is_empty(make_client):
    assert make_client().get("/v1/lists/nobody").json() == {"list_id": "nobody", "lang": None, "items": []}


@pytest.mark.parametrize("list_id", ["a%2Fb", "x" * 201, "semi%3Bcolon", "%00"])
def test_bad_list_ids_are_refused(make_client, list_id):
    assert make_client().get(f"/v1/lists/{list_id}").status_code in (404, 422)


def test_idempotency_key_applies_a_message_once(make_client):
    client = make_client()
    first = send(client, "l3", "add 2 eggs", **{"Idempotency-Key": "k-1"})
    again = send(client, "l3", "add 2 eggs", **{"Idempotency-Key": "k-1"})
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json()
    assert items_of(client, "l3")[0][1] == 2.0
    send(client, "l3", "add 2 eggs", **{"Idempotency-Key": "k-2"})
    assert items_of(client, "l3")[0][1] == 4.0


def test_idempotency_keys_are_per_list(make_client):
    client = make_client()
    send(client, "a", "add 2 eggs", **{"Idempotency-Key": "same"})
    send(client, "b", "add 2 eggs", **{"Idempotency-Key": "same"})
    assert items_of(client, "a")[0][1] == items_of(client, "b")[0][1] == 2.0


# A worker handles one message at a time, so messages run side by side in separate workers:
# here two instances of the app on one database, each called from several threads.


def test_concurrent_messages_lose_no_update(make_client):
    clients = [make_client(), make_client()]
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda i: send(clients[i % 2], "busy", "add 1 egg").status_code, range(40)))
    assert codes == [200] * 40
    assert items_of(clients[0], "busy")[0][1] == 40.0


def test_concurrent_duplicates_apply_once(make_client):
    clients = [make_client(), make_client()]
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(
            lambda i: send(clients[i % 2], "dup", "add 1 egg", **{"Idempotency-Key": "one"}).status_code, range(16)))
    assert codes == [200] * 16
    assert items_of(clients[1], "dup")[0][1] == 1.0


@pytest.mark.parametrize("text", ["", "🥛🥖🧀", "\x00\x01\x1b[31m", "x" * 19_000, "ajoute du lait\u202e et du pain"])
def test_odd_messages_get_a_reply(make_client, text):
    r = send(make_client(), "odd", text)
    assert r.status_code == 200
    assert isinstance(r.json()["reply"], str)


def test_api_key_is_required_when_set(make_client):
    client = make_client(api_key="s3cret")
    assert client.get("/v1/lists/a").status_code == 401
    assert client.get("/v1/lists/a", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/v1/lists/a", headers={"Authorization": "Basic s3cret"}).status_code == 401
    assert send(client, "a", "add milk").status_code == 401
    assert items_of_with(client, "a", "s3cret") == []
    assert client.get("/v1/lists/a", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert client.get("/livez").status_code == 200  # operations routes need no key


def items_of_with(client, list_id: str, key: str) -> list:
    return client.get(f"/v1/lists/{list_id}", headers={"Authorization": f"Bearer {key}"}).json()["items"]


def test_oversize_body_gets_413(make_client):
    client = make_client()
    big = {"text": "lait " * 20_000}
    assert client.post("/v1/parse", json=big).status_code == 413
    assert send(client, "big", "lait " * 20_000).status_code == 413
    assert items_of(client, "big") == []


def test_oversize_chunked_body_gets_413(make_client):
    client = make_client()

    def chunks():
        for _ in range(100):
            yield b"x" * 1024

    r = client.post("/v1/parse", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
