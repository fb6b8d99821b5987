"""GET /maintenance/favorites, POST /maintenance/files (the file audit) and the login alias."""

import pytest

from tests.helpers import TEST_PASSWORD, assert_error
from tests.test_chat_helpers import CHAT, store


def favorite(client, account, message_id):
    response = client.put(
        f"{CHAT}/messages",
        headers=account.headers,
        json={"message_id": message_id, "patch": {"favorite": True}},
    )
    assert response.status_code == 200


def test_favorites_export_only_the_callers_favorites_newest_first(client, alice, bob, conn):
    first = store(client, alice, "keep this", ai="and this")
    second = store(client, alice, "later favorite")
    store(client, alice, "not a favorite")
    theirs = store(client, bob, "bob's favorite")
    for message_id in (first["user_message_id"], first["ai_message_id"], second["user_message_id"]):
        favorite(client, alice, message_id)
    favorite(client, bob, theirs["user_message_id"])
    conn.execute(
        "UPDATE aiapp.chat_messages SET created_at = created_at + interval '1 minute'"
        " WHERE message_id = %s",
        (second["user_message_id"],),
    )
    response = client.get(
        f"{CHAT}/maintenance/favorites",
        headers=alice.headers,
        query_string={"customer_id": alice.customer_id},
    )
    session = response.json["data"]["session"]
    assert session["session_id"].startswith("favorites_")
    assert (session["session_name"], session["customer_id"]) == (
        "Favorite Messages",
        alice.customer_id,
    )
    assert [m["message_id"] for m in session["messages"]] == [
        second["user_message_id"],
        first["ai_message_id"],
        first["user_message_id"],
    ]
    assert all(m["favorite"] and m["customer_id"] == alice.customer_id for m in session["messages"])
    bare = client.get(
        f"{CHAT}/maintenance/favorites",
        headers=alice.headers,
        query_string={"include_session_metadata": "false"},
    ).json["data"]["session"]
    assert set(bare) == {"session_id", "messages"}
    assert len(bare["messages"]) == 3


def test_no_favorites_is_an_empty_pseudo_session(client, alice):
    response = client.get(f"{CHAT}/maintenance/favorites", headers=alice.headers)
    assert response.json["data"]["session"]["messages"] == []
    assert_error(client.get(f"{CHAT}/maintenance/favorites"), 401)


def files(client, account, **body):
    response = client.post(f"{CHAT}/maintenance/files", headers=account.headers, json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json


def texts(result):
    return [m["message"] for m in result["data"]["messages"]]


@pytest.fixture
def attachments(client, alice, bob, conn):
    """Messages of alice with and without attachments, at known times, and one of bob's."""
    made = [
        ("report", {"file_locations": ["https://f.example.com/Q1-Report.PDF"]}, "2024-01-10"),
        ("notes", {"file_locations": ["https://f.example.com/notes.txt"]}, "2024-02-10"),
        ("phone", {"file_locations": ["/storage/emulated/0/local.pdf"]}, "2024-03-10"),
        ("picture", {"image_locations": ["https://f.example.com/cat.png"]}, "2024-04-10"),
        (
            "inline ![cat](https://f.example.com/inline-cat.png)",
            {"image_locations": ["https://f.example.com/other.png"]},
            "2024-05-10",
        ),
        ("plain", {}, "2024-06-10"),
    ]
    for text, locations, day in made:
        response = client.post(
            f"{CHAT}/messages",
            headers=alice.headers,
            json={"user_message": {"message": text, **locations}},
        )
        data = response.json["data"]
        conn.execute(
            "UPDATE aiapp.chat_messages SET created_at = %s WHERE message_id = %s",
            (f"{day}T12:00:00Z", data["user_message_id"]),
        )
    client.post(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={
            "user_message": {"message": "make a chart"},
            "ai_response": {"message": "chart", "file_locations": ["https://f.example.com/c.pdf"]},
        },
    )
    client.post(
        f"{CHAT}/messages",
        headers=bob.headers,
        json={
            "user_message": {"message": "bob's", "file_locations": ["https://f.example.com/b.pdf"]}
        },
    )


def test_file_audit_lists_messages_with_files_newest_first(client, alice, attachments):
    result = files(client, alice)
    assert texts(result) == ["chart", "notes", "report"]
    assert result["meta"] == {"total": 3, "offset": 0, "limit": 30}
    assert result["data"]["count"] == 3
    page = files(client, alice, offset=1, limit=1)
    assert (texts(page), page["meta"]["total"]) == (["notes"], 3)


def test_file_audit_filters(client, alice, attachments):
    assert texts(files(client, alice, file_extension=".pdf")) == ["chart", "report"]
    assert texts(files(client, alice, fileExtension="PDF", exactFilename="q1-report")) == ["report"]
    assert texts(files(client, alice, ai_only=True)) == ["chart"]
    assert texts(files(client, alice, older_then_date="2024-02-10T12:00:00Z")) == [
        "notes",
        "report",
    ]
    assert texts(
        files(client, alice, younger_then_date="2024-02-01", older_then_date="2024-03-01")
    ) == ["notes"]
    assert texts(files(client, alice, check_image_locations=True)) == [
        "chart",
        "inline ![cat](https://f.example.com/inline-cat.png)",
        "picture",
        "notes",
        "report",
    ]
    assert texts(files(client, alice, check_image_locations=True, exact_filename="inline-cat")) == [
        "inline ![cat](https://f.example.com/inline-cat.png)"
    ]
    assert texts(files(client, alice, exact_filename="inline-cat")) == []
    assert texts(files(client, alice, exact_filename="local.pdf")) == []  # device-local paths


def test_file_audit_never_shows_another_users_files(client, bob, attachments):
    assert texts(files(client, bob)) == ["bob's"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"limit": 1000}, "limit"),
        ({"offset": -5}, "offset"),
        ({"older_then_date": "soon"}, "older_then_date"),
        ({"file_extension": ""}, "file_extension"),
        ({"ai_only": "maybe"}, "ai_only"),
        ({"sort": "name"}, "sort"),
    ],
)
def test_file_audit_bad_input_is_400(client, alice, body, field):
    response = client.post(f"{CHAT}/maintenance/files", headers=alice.headers, json=body)
    assert_error(response, 400, field)


def test_login_alias_issues_a_token_like_the_main_login(client, alice):
    response = client.post(
        f"{CHAT}/auth/login",
        json={"customer_id": alice.customer_id, "username": alice.email, "password": TEST_PASSWORD},
    )
    data = response.json["data"]
    assert (data["customer_id"], data["email"], data["token_type"]) == (
        alice.customer_id,
        alice.email,
        "Bearer",
    )
    assert data["user"]["customer_id"] == alice.customer_id
    token = {"Authorization": f"Bearer {data['token']}"}
    assert client.get(f"{CHAT}/prompts", headers=token).status_code == 200
    by_email = client.post(
        f"{CHAT}/auth/login", json={"email": alice.email, "password": TEST_PASSWORD}
    )
    assert by_email.status_code == 200
    wrong = client.post(f"{CHAT}/auth/login", json={"email": alice.email, "password": "nope"})
    assert_error(wrong, 401)
    assert_error(client.post(f"{CHAT}/auth/login", json={"password": "x"}), 400, "email")
