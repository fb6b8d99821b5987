"""The conventions of issue 11, checked over the SQL of every domain."""

import re
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from app.http import RawJSON, api_ok, dump_bytes, joined

SQL = Path(__file__).resolve().parent.parent / "sql"
DOMAINS = ("auth", "chat", "blood", "ufc", "habits", "clinical", "training", "garmin", "seed")
FILES = sorted(path for domain in DOMAINS for path in (SQL / domain).glob("*.sql"))
# to_json or to_jsonb of a whole row (an alias, alias.*, or a row constructor): the answer
# would follow the table's columns, so a renamed column would change the API unseen.
WHOLE_ROW = re.compile(r"\bto_jsonb?\(\s*(?:row\s*\()?\s*[a-z_][a-z0-9_]*\s*(?:\.\*)?\s*\)", re.I)
# A partial update that is told which fields were sent by flags, or by NULL meaning "keep".
FLAGS = re.compile(r"%\(set_\w+\)s")
OVERLAY = re.compile(r"jsonb_populate_record\(\s*(?!NULL::)[a-z_]+", re.I)


def test_the_checked_files_are_there():
    assert len(FILES) > 100


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_answers_are_built_from_explicit_columns(path):
    assert not WHOLE_ROW.search(path.read_text()), "build the JSON from a column list"


@pytest.mark.parametrize(
    "path", [p for p in FILES if p.stem.startswith("update_")], ids=lambda p: p.stem
)
def test_partial_updates_take_one_jsonb_patch(path):
    text = path.read_text()
    assert not FLAGS.search(text), "take the payload as %(patch)s and test `patch ? 'key'`"
    assert not OVERLAY.search(text), "read the patch with jsonb_populate_record(NULL::table, ...)"


def test_the_checks_catch_what_they_are_for():
    assert WHOLE_ROW.search("SELECT to_jsonb(s) - 'search_vector'")
    assert WHOLE_ROW.search("SELECT to_jsonb(f.*)")
    assert WHOLE_ROW.search("json_agg(to_json(trend) ORDER BY trend.calendar_date)")
    assert not WHOLE_ROW.search("SELECT to_jsonb(%(tags)s::text[])")
    assert FLAGS.search("CASE WHEN %(set_name)s THEN")
    assert OVERLAY.search("FROM jsonb_populate_record(f, %(patch)s)")
    assert not OVERLAY.search("FROM jsonb_populate_record(NULL::fighters, %(patch)s::jsonb)")


@pytest.mark.parametrize(
    "moment", [datetime(2026, 12, 2, 4, 5, 6, 500, tzinfo=UTC), datetime(2026, 12, 2), time(4, 5)]
)
def test_a_time_handed_to_the_envelope_is_refused(moment):
    # Every time in an answer is PostgreSQL's: a view that hands Python one fails here, and in
    # the contract test, which calls every route, rather than answering in a second format.
    with pytest.raises(TypeError, match="build the answer in PostgreSQL"):
        api_ok({"at": moment})
    with pytest.raises(TypeError, match="build the answer in PostgreSQL"):
        api_ok({"ok": True}, meta={"items": [{"at": moment}]})


def test_a_date_in_meta_is_written_as_iso_8601():
    # The query a list answers for is echoed in meta with its dates, as PostgreSQL writes them.
    assert dump_bytes({"start_date": date(2026, 12, 2)}) == b'{"start_date":"2026-12-02"}'


def test_joined_keeps_postgresql_text_as_it_is():
    built = RawJSON('{"expires_at" : "2026-12-02T04:05:06.5+00:00", "user" : {"id" : 1}}')
    assert joined({"token": "t"}, built, RawJSON("{}"), {"n": 2}).text == (
        '{"token":"t", "expires_at" : "2026-12-02T04:05:06.5+00:00", "user" : {"id" : 1}, "n":2}'
    )
