"""`flask users create` and `flask db upgrade|rollback|status` against the test database."""

import bcrypt

from app import migrations


def test_create_admin_user(app, client, conn):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--email", "Root@Example.com", "--admin", "--display-name", "Ops"],
        input="a strong password\na strong password\n",
    )
    assert result.exit_code == 0, result.output
    assert "created admin Root@Example.com" in result.output
    row = conn.execute("SELECT role, display_name, password_hash FROM aiapp.users").fetchone()
    assert (row["role"], row["display_name"]) == ("admin", "Ops")
    assert bcrypt.checkpw(b"a strong password", row["password_hash"].encode())
    login = client.post(
        "/api/v1/auth/login", json={"email": "root@example.com", "password": "a strong password"}
    )
    assert login.json["data"]["user"]["role"] == "admin"


def test_create_user_rejects_duplicates_and_weak_passwords(app, alice, conn):
    runner = app.test_cli_runner()
    duplicate = runner.invoke(
        args=["users", "create", "--email", "ALICE@example.com", "--password", "long enough"]
    )
    assert duplicate.exit_code != 0
    assert "already exists" in duplicate.output
    weak = runner.invoke(args=["users", "create", "--email", "new@example.com", "--password", "x"])
    assert weak.exit_code != 0
    assert "8 characters" in weak.output
    assert conn.execute("SELECT count(*) AS n FROM aiapp.users").fetchone()["n"] == 1


def test_db_status_rollback_upgrade(app, conn):
    runner = app.test_cli_runner()
    last = migrations.migration_ids()[-1]
    status = runner.invoke(args=["db", "status"])
    assert status.exit_code == 0
    assert f"applied  {last}" in status.output

    rolled = runner.invoke(args=["db", "rollback"])
    assert rolled.exit_code == 0, rolled.output
    assert f"rolled back: {last}" in rolled.output
    assert f"pending  {last}" in runner.invoke(args=["db", "status"]).output

    upgraded = runner.invoke(args=["db", "upgrade"])
    assert f"applied: {last}" in upgraded.output
    assert "already up to date" in runner.invoke(args=["db", "upgrade"]).output
