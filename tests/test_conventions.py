"""The conventions of issue 11, checked over the SQL of every domain."""

import re
from pathlib import Path

import pytest

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
