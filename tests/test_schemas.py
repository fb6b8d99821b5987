"""The shared request schema (camelCase spellings, customer_id) and how a parameter's times are
written."""

from datetime import UTC, date, datetime

import pytest
from marshmallow import ValidationError, fields

from app.http import dump_parameter
from app.schemas import ActingSchema, snake_case


class Window(ActingSchema):
    start_date = fields.Date(required=True)
    include_messages = fields.Boolean(load_default=False)


def test_camel_case_keys_load_as_snake_case():
    loaded = Window().load({"startDate": "2024-05-01", "includeMessages": True, "customer_id": 7})
    assert loaded == {
        "start_date": date(2024, 5, 1),
        "include_messages": True,
        "customer_id": 7,
    }


def test_both_spellings_at_once_are_rejected():
    with pytest.raises(ValidationError) as raised:
        Window().load({"start_date": "2024-05-01", "startDate": "1999-01-01"})
    assert raised.value.messages == {"startDate": ["Unknown field."]}


def test_unknown_fields_are_still_rejected():
    with pytest.raises(ValidationError) as raised:
        Window().load({"startDate": "2024-05-01", "endDate": "2024-06-01"})
    assert "endDate" in raised.value.messages


@pytest.mark.parametrize(
    ("name", "snake"),
    [("userMessage", "user_message"), ("ufcUrl", "ufc_url"), ("start_date", "start_date")],
)
def test_snake_case(name, snake):
    assert snake_case(name) == snake


def test_times_in_a_parameter_read_back_as_the_same_moment(conn):
    # Answers never carry Python times (tests/test_conventions.py); a loaded payload's times go
    # to PostgreSQL as ISO 8601, which it reads back exactly, fractions of a second included.
    for micro in (0, 510300, 511030, 1):
        moment = datetime(2026, 11, 25, 10, 2, 28, micro, tzinfo=UTC)
        read = conn.execute(
            "SELECT (%s::jsonb ->> 'at')::timestamptz AS t", (dump_parameter({"at": moment}),)
        ).fetchone()["t"]
        assert read == moment
