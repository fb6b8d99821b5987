"""No internals in any answer: constraint errors read as per-field messages for people, data
errors as one plain message, everything else as a 500 naming only the request id."""

import pytest
from flask import jsonify

from app import db
from app.http import ApiBlueprint
from tests.helpers import assert_error, log_lines

# Words of PostgreSQL's and psycopg's own messages that must never reach a client.
INTERNAL_WORDS = (
    "violates",
    "constraint",
    "DETAIL",
    "CONTEXT",
    "relation",
    "syntax",
    "psycopg",
    "Traceback",
    "_fkey",
    "_check",
    "bigint out of range",
)

STATEMENTS = {
    # ufc.subscriptions.fighter_id references ufc.fighters; no fighter 987654 exists.
    "foreign-key": "INSERT INTO ufc.subscriptions (customer_id, fighter_id) "
    "SELECT customer_id, 987654 FROM aiapp.users LIMIT 1",
    # fighters_name_check: char_length(name) BETWEEN 1 AND 100.
    "check": "INSERT INTO ufc.fighters (name, ufc_url) VALUES (repeat('x', 101), 'u')",
    "not-null": "INSERT INTO ufc.fighters (name, ufc_url) VALUES ('Ann', NULL)",
    "unique": "INSERT INTO ufc.fighters (name, ufc_url) VALUES ('Ann', 'a'), ('ANN', 'b')",
    # subscriptions_customer_fighter_key: UNIQUE (customer_id, fighter_id), not registered.
    "unique-pair": "WITH f AS (INSERT INTO ufc.fighters (name, ufc_url) VALUES ('Bo', 'u') "
    "RETURNING id) INSERT INTO ufc.subscriptions (customer_id, fighter_id) "
    "SELECT u.customer_id, f.id FROM aiapp.users AS u, f, generate_series(1, 2)",
    "data": "SELECT 'nine'::integer",
    "bigint": "SELECT 9223372036854775807::bigint + 1",
    "programming": "SELECT * FROM ufc.no_such_table",
}


@pytest.fixture
def probe(make_app, alice):
    app = make_app(fresh=True, LOG_LEVEL="INFO")
    blueprint = ApiBlueprint("errors_probe", __name__, database="ufc", url_prefix="/probe")

    @blueprint.route("/<kind>", methods=["POST"])
    def run(kind):
        db.set_row_security(bypass="probe")  # the statements name users; nobody is signed in
        db.connection().execute(STATEMENTS[kind])
        return jsonify(done=True)

    app.register_blueprint(blueprint)
    return app.test_client()


def assert_no_internals(response):
    text = response.get_data(as_text=True)
    for word in INTERNAL_WORDS:
        assert word not in text, (word, text)


@pytest.mark.parametrize(
    ("kind", "code", "field"),
    [
        ("foreign-key", 404, "fighter_id"),
        ("check", 400, "name"),
        ("not-null", 400, "ufc_url"),
        ("unique", 409, "name"),
        ("unique-pair", 409, "fighter_id"),
    ],
)
def test_constraint_errors_name_the_field_in_words_for_people(probe, kind, code, field):
    response = probe.post(f"/probe/{kind}")
    body = assert_error(response, code, field)
    assert_no_internals(response)
    assert all(message.endswith(".") for message in body["data"]["errors"][field])


@pytest.mark.parametrize("kind", ["data", "bigint"])
def test_data_errors_are_400_without_the_database_text(probe, kind):
    response = probe.post(f"/probe/{kind}")
    assert_error(response, 400, "_schema")
    assert_no_internals(response)


def test_any_other_database_error_is_a_500_naming_only_the_request_id(probe, capsys):
    response = probe.post("/probe/programming", headers={"X-Request-ID": "trace-sql"})
    body = assert_error(response, 500)
    assert_no_internals(response)
    assert "trace-sql" in body["message"]
    assert body["data"]["errors"] == {"request_id": "trace-sql"}
    logged = [line for line in log_lines(capsys.readouterr().out) if line["level"] == "error"]
    assert logged[0]["request_id"] == "trace-sql"
    assert "no_such_table" in logged[0]["exception"]  # the full error is in the log
