"""The lean request path keeps every guarantee: the token check that travels with the view's
first statement still refuses at once, stale role hints never decide, broken connections are
replaced, and a commit that fails is answered as a fault."""

from __future__ import annotations

import json

import psycopg
from flask import jsonify

from app import db
from app.auth import queries
from app.auth.access import _HINTS, current_auth, token_digest
from app.http import ApiBlueprint
from tests.helpers import assert_error, log_lines

ME = "/api/v1/auth/me"
SUMMARY = "/api/v1/garmin/summary"


def set_role(conn, account, role):
    conn.execute(
        "UPDATE aiapp.users SET role = %s WHERE customer_id = %s", (role, account.customer_id)
    )


def test_a_token_revoked_in_the_database_is_refused_on_the_next_request(client, alice, conn):
    assert client.get(SUMMARY, headers=alice.headers).status_code == 200
    assert token_digest(alice.token) in _HINTS  # the next check travels with the view's query
    conn.execute("UPDATE aiapp.auth_tokens SET revoked_at = now()")
    assert_error(client.get(SUMMARY, headers=alice.headers), 401)
    assert token_digest(alice.token) not in _HINTS


def test_an_expired_token_or_disabled_user_is_refused_on_the_next_request(client, alice, conn):
    assert client.get(ME, headers=alice.headers).status_code == 200
    conn.execute("UPDATE aiapp.users SET disabled = true")
    assert_error(client.get(ME, headers=alice.headers), 401)
    conn.execute("UPDATE aiapp.users SET disabled = false")
    assert client.get(ME, headers=alice.headers).status_code == 200
    conn.execute(
        "UPDATE aiapp.auth_tokens"
        " SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second'"
    )
    assert_error(client.get(SUMMARY, headers=alice.headers), 401)


def test_a_refused_token_outranks_the_input_error_it_sent(client, alice, conn):
    body = {"limit": "many", "offset": 0}
    assert_error(client.post("/api/v1/chat/sessions/list", json=body, headers=alice.headers), 400)
    conn.execute("UPDATE aiapp.auth_tokens SET revoked_at = now()")
    assert_error(client.post("/api/v1/chat/sessions/list", json=body, headers=alice.headers), 401)


def test_a_write_with_a_token_revoked_meanwhile_stores_nothing(client, alice, conn):
    message = {"user_message": {"message": "hello"}, "ai_response": {"message": "hi"}}
    assert (
        client.post("/api/v1/chat/messages", json=message, headers=alice.headers).status_code == 200
    )
    conn.execute("UPDATE aiapp.auth_tokens SET revoked_at = now()")
    refused = client.post("/api/v1/chat/messages", json=message, headers=alice.headers)
    assert_error(refused, 401)
    assert conn.execute("SELECT count(*) AS n FROM aiapp.chat_messages").fetchone()["n"] == 2


def test_an_admin_demoted_meanwhile_may_no_longer_act_for_others(client, admin, alice, conn):
    as_alice = f"{SUMMARY}?customer_id={alice.customer_id}"
    assert client.get(as_alice, headers=admin.headers).status_code == 200
    conn.execute(
        "UPDATE aiapp.users SET role = 'user' WHERE customer_id = %s", (admin.customer_id,)
    )
    assert_error(client.get(as_alice, headers=admin.headers), 403)


def test_a_user_promoted_meanwhile_is_an_admin_on_the_next_request(client, alice, bob, conn):
    as_bob = f"{SUMMARY}?customer_id={bob.customer_id}"
    assert_error(client.get(as_bob, headers=alice.headers), 403)
    conn.execute(
        "UPDATE aiapp.users SET role = 'admin' WHERE customer_id = %s", (alice.customer_id,)
    )
    assert client.get(as_bob, headers=alice.headers).status_code == 200


def test_a_stale_role_hint_reruns_the_view_with_the_right_role(make_app, alice, conn):
    """A view that behaves differently for admins must never run on a role the database no
    longer holds: the hint says user, the database says admin, the view sees admin."""
    app = make_app(fresh=True)
    probe = ApiBlueprint("probe", __name__, database="main", url_prefix="/probe")
    from app.auth.access import auth_required

    @probe.route("/role")
    @auth_required
    def role():
        db.execute("auth/select_user_exists", {"email": "nobody@example.com"})
        return jsonify(admin=current_auth().is_admin)

    app.register_blueprint(probe)
    client = app.test_client()
    assert client.get("/probe/role", headers=alice.headers).json == {"admin": False}
    conn.execute(
        "UPDATE aiapp.users SET role = 'admin' WHERE customer_id = %s", (alice.customer_id,)
    )
    assert client.get("/probe/role", headers=alice.headers).json == {"admin": True}


def test_pooled_connections_killed_by_the_server_are_replaced_without_an_error(client, alice, conn):
    assert client.get(SUMMARY, headers=alice.headers).status_code == 200
    killed = conn.execute(
        "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity"
        " WHERE usename = 'storage_app' AND pid <> pg_backend_pid()"
    ).fetchone()["n"]
    assert killed >= 1
    assert client.get(SUMMARY, headers=alice.headers).status_code == 200
    assert client.get(ME, headers=alice.headers).json["data"]["customer_id"] == alice.customer_id


def test_a_connection_lost_before_commit_is_a_503_and_stores_nothing(
    make_app, database_url, conn, capsys
):
    app = make_app(fresh=True, LOG_LEVEL="INFO")
    probe = ApiBlueprint("probe", __name__, database="main", url_prefix="/probe")

    @probe.route("/write-then-lose-connection", methods=["POST"])
    def write_then_lose_connection():
        db.set_row_security(bypass="probe")  # users are written before anyone is known
        queries.insert_user(
            email="lost@example.com",
            password_hash="$2b$04$" + "x" * 53,
            username=None,
            display_name=None,
            role="user",
            language=None,
            photo_url=None,
        )
        # The server process of this transaction (behind PgBouncer, not the client's own pid).
        pid = db.connection().execute("SELECT pg_backend_pid() AS pid").fetchone()["pid"]
        with psycopg.connect(database_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        return jsonify(done=True)

    app.register_blueprint(probe)
    response = app.test_client().post("/probe/write-then-lose-connection")
    assert_error(response, 503)
    assert response.headers["Retry-After"]
    stored = conn.execute("SELECT count(*) AS n FROM aiapp.users WHERE email = 'lost@example.com'")
    assert stored.fetchone()["n"] == 0
    access = [line for line in log_lines(capsys.readouterr().out) if line["logger"] == "app.access"]
    assert [(line["path"], line["status"]) for line in access] == [
        ("/probe/write-then-lose-connection", 503)
    ]


def test_a_statement_timeout_is_answered_as_such(make_app, alice):
    app = make_app(fresh=True, DB_STATEMENT_TIMEOUT_MS="50")
    probe = ApiBlueprint("probe", __name__, database="main", url_prefix="/probe")

    @probe.route("/slow")
    def slow():
        db.connection().execute("SELECT pg_sleep(2)")
        return jsonify(done=True)

    app.register_blueprint(probe)
    response = app.test_client().get("/probe/slow")
    body = assert_error(response, 503)
    assert "statement timeout" in body["message"]
    assert response.headers["Retry-After"]
    assert "canceling" not in response.get_data(as_text=True)


def test_a_customer_id_beyond_bigint_is_refused_by_name(client, alice):
    body = assert_error(
        client.get(f"{SUMMARY}?customer_id=9223372036854775808", headers=alice.headers),
        400,
        "customer_id",
    )
    assert "bigint" not in str(body)


def test_a_user_promoted_meanwhile_reaches_admin_routes_at_once(client, alice, conn):
    assert client.get(ME, headers=alice.headers).status_code == 200  # the hint says user
    assert_error(client.get("/api/v1/auth/admin/users", headers=alice.headers), 403)
    set_role(conn, alice, "admin")
    assert client.get("/api/v1/auth/admin/users", headers=alice.headers).status_code == 200
    set_role(conn, alice, "user")
    assert_error(client.get("/api/v1/auth/admin/users", headers=alice.headers), 403)


def test_a_deferred_refusal_is_not_logged_as_a_clinical_access(client, admin, conn):
    """The admin's token check travels with the clinical view's first statement; the user it
    names does not exist, so the answer is that 404 and no access-log row names anyone."""
    assert client.get("/api/v1/auth/me", headers=admin.headers).status_code == 200
    answer = client.get("/api/v1/clinical/patients?customer_id=999999", headers=admin.headers)
    assert_error(answer, 404)
    assert conn.execute("SELECT count(*) AS n FROM clinical.access_log").fetchone()["n"] == 0


def test_an_answer_holding_an_integer_beyond_64_bits_is_still_written(make_app):
    """A stored JSON document may hold such a number; orjson refuses it, the answer must not."""
    from app.http import api_ok

    with make_app().test_request_context():
        body = api_ok({"data": {"n": 2**70}, "when": None}).get_data()
    assert json.loads(body)["data"] == {"data": {"n": 2**70}, "when": None}
