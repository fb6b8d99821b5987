"""User administration (issue 15, point 5): list and search, disable and enable, forced
password reset, admin grant and revoke, each audited; and the same from the command line."""

from __future__ import annotations

import psycopg
import pytest

from tests.helpers import assert_error

ADMIN = "/api/v1/auth/admin"


def audit_rows(conn):
    return conn.execute(
        "SELECT actor_customer_id, via, target_customer_id, action, detail, request_id"
        " FROM aiapp.admin_audit ORDER BY audit_id"
    ).fetchall()


def test_admin_routes_need_an_admin_token(client, alice, bob):
    assert_error(client.get(f"{ADMIN}/users"), 401)
    assert_error(client.get(f"{ADMIN}/users", headers=alice.headers), 403)
    assert_error(
        client.post(f"{ADMIN}/users/{bob.customer_id}/disable", headers=alice.headers), 403
    )


def test_list_and_search_users(client, alice, bob, admin, conn):
    conn.execute(
        "UPDATE aiapp.users SET username = 'bobby' WHERE customer_id = %s", (bob.customer_id,)
    )
    everyone = client.get(f"{ADMIN}/users", headers=admin.headers)
    assert everyone.status_code == 200
    assert [u["email"] for u in everyone.json["data"]] == [
        "alice@example.com",
        "bob@example.com",
        "admin@example.com",
    ]
    assert "password_hash" not in everyone.json["data"][0]
    by_email = client.get(f"{ADMIN}/users", headers=admin.headers, query_string={"search": "ALI"})
    assert [u["customer_id"] for u in by_email.json["data"]] == [alice.customer_id]
    by_name = client.get(f"{ADMIN}/users", headers=admin.headers, query_string={"search": "bob"})
    assert [u["customer_id"] for u in by_name.json["data"]] == [bob.customer_id]
    wildcard = client.get(f"{ADMIN}/users", headers=admin.headers, query_string={"search": "%"})
    assert wildcard.json["data"] == []
    admins = client.get(f"{ADMIN}/users", headers=admin.headers, query_string={"role": "admin"})
    assert [u["customer_id"] for u in admins.json["data"]] == [admin.customer_id]
    page = client.get(
        f"{ADMIN}/users", headers=admin.headers, query_string={"limit": 1, "offset": 1}
    )
    assert [u["customer_id"] for u in page.json["data"]] == [bob.customer_id]
    assert_error(
        client.get(f"{ADMIN}/users", headers=admin.headers, query_string={"limit": 0}), 400, "limit"
    )


def test_disable_stops_tokens_at_once_and_enable_lets_them_log_in(client, alice, admin, conn):
    assert client.get("/api/v1/auth/me", headers=alice.headers).status_code == 200
    disabled = client.post(f"{ADMIN}/users/{alice.customer_id}/disable", headers=admin.headers)
    assert disabled.status_code == 200, disabled.json
    assert disabled.json["data"]["disabled"] is True
    assert disabled.json["data"]["tokens_revoked"] == 1
    assert_error(client.get("/api/v1/auth/me", headers=alice.headers), 401)
    assert_error(
        client.post("/api/v1/auth/login", json={"email": alice.email, "password": alice.password}),
        401,
    )
    enabled = client.post(f"{ADMIN}/users/{alice.customer_id}/enable", headers=admin.headers)
    assert enabled.json["data"]["disabled"] is False
    again = client.post(
        "/api/v1/auth/login", json={"email": alice.email, "password": alice.password}
    )
    assert again.status_code == 200
    assert_error(client.post(f"{ADMIN}/users/999999/disable", headers=admin.headers), 404)
    assert_error(
        client.post(f"{ADMIN}/users/{admin.customer_id}/disable", headers=admin.headers), 409
    )
    rows = audit_rows(conn)
    assert [
        (r["action"], r["actor_customer_id"], r["target_customer_id"], r["via"]) for r in rows
    ] == [
        ("disable", admin.customer_id, alice.customer_id, "api"),
        ("enable", admin.customer_id, alice.customer_id, "api"),
    ]
    assert rows[0]["detail"] == {"tokens_revoked": 1}
    assert rows[0]["request_id"] == disabled.headers["X-Request-ID"]


def test_forced_password_reset(client, alice, admin, conn):
    issued = client.post(f"{ADMIN}/users/{alice.customer_id}/password-reset", headers=admin.headers)
    assert issued.status_code == 200, issued.json
    code = issued.json["data"]["reset_code"]
    assert issued.json["data"]["password_reset_pending"] is True
    assert_error(client.get("/api/v1/auth/me", headers=alice.headers), 401)
    refused = client.post(
        "/api/v1/auth/login", json={"email": alice.email, "password": alice.password}
    )
    assert_error(refused, 403)
    wrong = client.post(
        "/api/v1/auth/password-reset",
        json={"email": alice.email, "code": "not-the-code", "new_password": "a new secret"},
    )
    assert_error(wrong, 422, "code")
    done = client.post(
        "/api/v1/auth/password-reset",
        json={"email": alice.email, "code": code, "new_password": "a new secret"},
    )
    assert done.status_code == 200, done.json
    assert_error(
        client.post(
            "/api/v1/auth/password-reset",
            json={"email": alice.email, "code": code, "new_password": "another one!"},
        ),
        422,
        "code",
    )
    assert_error(
        client.post("/api/v1/auth/login", json={"email": alice.email, "password": alice.password}),
        401,
    )
    assert (
        client.post(
            "/api/v1/auth/login", json={"email": alice.email, "password": "a new secret"}
        ).status_code
        == 200
    )
    stored = conn.execute(
        "SELECT password_reset_hash, password_reset_expires_at FROM aiapp.users"
        " WHERE customer_id = %s",
        (alice.customer_id,),
    ).fetchone()
    assert stored == {"password_reset_hash": None, "password_reset_expires_at": None}
    assert [r["action"] for r in audit_rows(conn)] == ["password_reset"]


def test_grant_and_revoke_admin(client, alice, bob, admin, conn):
    assert_error(client.get(f"{ADMIN}/users", headers=alice.headers), 403)
    granted = client.post(f"{ADMIN}/users/{alice.customer_id}/admin", headers=admin.headers)
    assert granted.json["data"]["role"] == "admin"
    # A token the process has seen as a user's: acting for another user is checked fresh.
    acting = client.get(
        "/api/v1/auth/me", headers=alice.headers, query_string={"customer_id": bob.customer_id}
    )
    assert acting.json["data"]["customer_id"] == bob.customer_id
    assert client.get(f"{ADMIN}/users", headers=alice.headers).status_code == 200
    revoked = client.delete(f"{ADMIN}/users/{alice.customer_id}/admin", headers=admin.headers)
    assert revoked.json["data"]["role"] == "user"
    assert_error(client.get(f"{ADMIN}/users", headers=alice.headers), 403)
    assert_error(
        client.delete(f"{ADMIN}/users/{admin.customer_id}/admin", headers=admin.headers), 409
    )
    listed = client.get(
        f"{ADMIN}/audit",
        headers=admin.headers,
        query_string={"target_customer_id": alice.customer_id},
    )
    assert [r["action"] for r in listed.json["data"]] == ["revoke_admin", "grant_admin"]
    first = client.get(f"{ADMIN}/audit", headers=admin.headers, query_string={"limit": 1})
    older = client.get(
        f"{ADMIN}/audit",
        headers=admin.headers,
        query_string={"before": first.json["data"][0]["audit_id"]},
    )
    assert [r["action"] for r in older.json["data"]] == ["grant_admin"]


def test_the_admin_audit_is_append_only(client, alice, admin, conn, app_database_url):
    client.post(f"{ADMIN}/users/{alice.customer_id}/disable", headers=admin.headers)
    with (
        psycopg.connect(app_database_url, autocommit=True) as app_conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        app_conn.execute("DELETE FROM aiapp.admin_audit")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE aiapp.admin_audit SET action = 'enable'")


def test_the_command_line_administers_users_and_is_audited(app, client, alice, conn):
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["users", "list", "--search", "ali"])
    assert listed.exit_code == 0, listed.output
    assert listed.output.split("\t")[:3] == [str(alice.customer_id), alice.email, "user"]
    disabled = runner.invoke(args=["users", "disable", "ALICE@example.com"])
    assert disabled.exit_code == 0, disabled.output
    assert "1 tokens revoked" in disabled.output
    assert_error(client.get("/api/v1/auth/me", headers=alice.headers), 401)
    assert "disabled" in runner.invoke(args=["users", "list"]).output
    assert runner.invoke(args=["users", "enable", alice.email]).exit_code == 0
    assert runner.invoke(args=["users", "grant-admin", alice.email]).exit_code == 0
    assert runner.invoke(args=["users", "revoke-admin", alice.email]).exit_code == 0
    reset = runner.invoke(args=["users", "reset-password", alice.email])
    code = reset.output.rsplit(" ", 1)[-1].strip()
    done = client.post(
        "/api/v1/auth/password-reset",
        json={"email": alice.email, "code": code, "new_password": "set from the cli"},
    )
    assert done.status_code == 200, done.json
    missing = runner.invoke(args=["users", "disable", "nobody@example.com"])
    assert missing.exit_code != 0
    assert "no account" in missing.output
    rows = audit_rows(conn)
    assert [(r["action"], r["via"], r["actor_customer_id"]) for r in rows] == [
        ("disable", "cli", None),
        ("enable", "cli", None),
        ("grant_admin", "cli", None),
        ("revoke_admin", "cli", None),
        ("password_reset", "cli", None),
    ]
