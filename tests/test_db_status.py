"""`flask db status` works with the app's own role, which may only read yoyo's table."""

from app import migrations


def test_db_status_with_the_app_role_reads_only(make_app, conn, app_database_url):
    app = make_app(MIGRATIONS_DB_URL="")  # migrations_url() falls back to DATABASE_URL
    assert app.config["SETTINGS"].migrations_url() == app_database_url  # storage_app
    result = app.test_cli_runner().invoke(args=["db", "status"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines == [f"applied  {migration_id}" for migration_id in migrations.migration_ids()]
    # Nothing was created: yoyo's bookkeeping is as the migrations left it.
    assert conn.execute("SELECT count(*) AS n FROM yoyo._yoyo_log").fetchone()["n"] > 0


def test_db_status_on_a_database_yoyo_never_touched(conn, pg_server):
    conn.execute("CREATE DATABASE never_migrated")
    try:
        states = migrations.status(pg_server.url("never_migrated"))
    finally:
        conn.execute("DROP DATABASE never_migrated")
    assert states == [(migration_id, False) for migration_id in migrations.migration_ids()]
