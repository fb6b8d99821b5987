"""Saved prompts: GET/POST/PUT/DELETE /prompts, the /prompts/<id> forms and POST /prompts/list."""

import pytest

from tests.helpers import assert_error
from tests.test_chat_helpers import CHAT, count, rows


def add(client, account, title="Greeting", prompt="Say hello", **extra):
    response = client.post(
        f"{CHAT}/prompts", headers=account.headers, json={"title": title, "prompt": prompt, **extra}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json["data"]


def test_create_list_update_and_delete(client, alice, bob):
    first = add(client, alice, "Greeting", "Say hello")
    assert (first["customer_id"], first["title"], first["prompt"]) == (
        alice.customer_id,
        "Greeting",
        "Say hello",
    )
    second = client.post(
        f"{CHAT}/prompts",
        headers=alice.headers,
        json={"customer_id": alice.customer_id, "title": "Summary", "promptText": "Summarise"},
    ).json["data"]
    add(client, bob, "Bob's", "not alice's")
    listed = client.get(
        f"{CHAT}/prompts", headers=alice.headers, query_string={"customer_id": alice.customer_id}
    )
    prompts = listed.json["data"]["prompts"]
    assert [(p["prompt_id"], p["prompt"]) for p in prompts] == [
        (first["prompt_id"], "Say hello"),
        (second["prompt_id"], "Summarise"),
    ]
    by_post = client.post(f"{CHAT}/prompts/list", headers=alice.headers, json={})
    assert by_post.json["data"]["prompts"] == prompts

    renamed = client.put(
        f"{CHAT}/prompts",
        headers=alice.headers,
        json={"promptId": first["prompt_id"], "title": "Hello"},
    ).json["data"]
    assert (renamed["title"], renamed["prompt"]) == ("Hello", "Say hello")
    assert renamed["updated_at"] >= first["updated_at"]
    rewritten = client.put(
        f"{CHAT}/prompts/{first['prompt_id']}", headers=alice.headers, json={"prompt": "Hi!"}
    ).json["data"]
    assert (rewritten["title"], rewritten["prompt"]) == ("Hello", "Hi!")

    removed = client.delete(
        f"{CHAT}/prompts", headers=alice.headers, json={"prompt_id": first["prompt_id"]}
    )
    assert removed.json["data"] == {"removed_count": 1, "prompt_id": first["prompt_id"]}
    by_path = client.delete(f"{CHAT}/prompts/{second['prompt_id']}", headers=alice.headers)
    assert by_path.json["data"] == {"removed_count": 1, "prompt_id": second["prompt_id"]}
    assert client.get(f"{CHAT}/prompts", headers=alice.headers).json["data"] == {"prompts": []}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "t" * 101, "prompt": "p"}, "title"),
        ({"title": "", "prompt": "p"}, "title"),
        ({"title": "t"}, "prompt"),
        ({"prompt": "p"}, "title"),
        ({"title": "t", "prompt": "p", "folder": "x"}, "folder"),
        ({"title": 5, "prompt": "p"}, "title"),
    ],
)
def test_bad_prompt_is_400_and_nothing_is_saved(client, alice, conn, body, field):
    response = client.post(f"{CHAT}/prompts", headers=alice.headers, json=body)
    assert_error(response, 400, field)
    assert count(conn, "prompts") == 0


def test_another_users_prompt_is_404(client, alice, bob, conn):
    prompt_id = add(client, alice)["prompt_id"]
    edit = {"prompt_id": prompt_id, "title": "Stolen"}
    assert_error(client.put(f"{CHAT}/prompts", headers=bob.headers, json=edit), 404)
    assert_error(
        client.delete(f"{CHAT}/prompts", headers=bob.headers, json={"prompt_id": prompt_id}), 404
    )
    assert_error(client.delete(f"{CHAT}/prompts/{prompt_id}", headers=bob.headers), 404)
    assert rows(conn, "SELECT title FROM aiapp.prompts") == [{"title": "Greeting"}]
    assert client.get(f"{CHAT}/prompts", headers=bob.headers).json["data"] == {"prompts": []}


def test_update_needs_an_id_and_keeps_limits(client, alice):
    prompt_id = add(client, alice)["prompt_id"]
    assert_error(
        client.put(f"{CHAT}/prompts", headers=alice.headers, json={"title": "x"}), 400, "prompt_id"
    )
    too_long = {"prompt_id": prompt_id, "title": "t" * 101}
    assert_error(client.put(f"{CHAT}/prompts", headers=alice.headers, json=too_long), 400, "title")
    assert_error(client.get(f"{CHAT}/prompts"), 401)
