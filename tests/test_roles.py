"""Least privilege: the API's role has DML only, and the access log is append-only by grant."""

import psycopg
import pytest
from psycopg import errors

from app.config import DATABASE_NAMES
from app.localdb import APP_ROLE

APP_SCHEMAS = ("aiapp", "aiapp_nonprod", "blood", "ufc", "habits", "clinical")


@pytest.fixture
def app_conn(app_database_url):
    with psycopg.connect(app_database_url, autocommit=True) as connection:
        yield connection


def test_the_app_connects_as_the_application_role(app, client):
    assert client.get("/ready").status_code == 200
    for database in DATABASE_NAMES:
        with app.extensions["db"].pool(database).connection() as connection:
            assert connection.execute("SELECT current_user").fetchone()["current_user"] == APP_ROLE


@pytest.mark.parametrize(
    "statement",
    [
        "DROP TABLE aiapp.users",
        "DROP SCHEMA blood CASCADE",
        "CREATE TABLE aiapp.intruder (id int)",
        "ALTER TABLE ufc.fighters ADD COLUMN intruder int",
        "TRUNCATE aiapp.auth_tokens",
        "UPDATE clinical.access_log SET action = 'forged'",
        "DELETE FROM clinical.access_log",
    ],
)
def test_the_application_role_cannot_change_structure_or_rewrite_the_log(app_conn, statement):
    with pytest.raises(errors.InsufficientPrivilege):
        app_conn.execute(statement)


def test_the_application_role_reads_and_appends_to_the_log(app_conn):
    assert app_conn.execute("SELECT count(*) FROM clinical.access_log").fetchone() == (0,)
    privileges = app_conn.execute(
        "SELECT has_table_privilege('clinical.access_log', 'INSERT'),"
        " has_table_privilege('clinical.access_log', 'UPDATE')"
    ).fetchone()
    assert privileges == (True, False)


def test_every_app_object_belongs_to_the_owner_role(conn):
    owners = conn.execute(
        "SELECT DISTINCT n.nspname, pg_get_userbyid(c.relowner) AS owner FROM pg_class AS c"
        " JOIN pg_namespace AS n ON n.oid = c.relnamespace"
        " WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'v', 'm', 'p')",
        (list(APP_SCHEMAS),),
    ).fetchall()
    assert {row["owner"] for row in owners} == {"storage_owner"}
    assert {row["nspname"] for row in owners} == set(APP_SCHEMAS)
    schema_owners = conn.execute(
        "SELECT DISTINCT pg_get_userbyid(nspowner) AS owner FROM pg_namespace"
        " WHERE nspname = ANY(%s)",
        (list(APP_SCHEMAS),),
    ).fetchall()
    assert [row["owner"] for row in schema_owners] == ["storage_owner"]
