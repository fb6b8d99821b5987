"""The conventions of issue 11, checked over the SQL of every package and the modules of app/."""

import ast
import re
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from app.http import RawJSON, api_ok, dump_bytes, joined

SQL = Path(__file__).resolve().parent.parent / "sql"
FOLDERS = ("auth", "chat", "blood", "ufc", "habits", "clinical", "training", "garmin", "seed")
FILES = sorted(path for folder in FOLDERS for path in (SQL / folder).glob("*.sql"))
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


# -- from a URL to its SQL without a search tool: a module of app/<package>/ runs the statements
# of sql/<package>/ (the app's own modules, app/*.py, those of sql/core/). A module that runs
# another folder's statements is declared here, with the reason.
APP = SQL.parent / "app"
BORROWED_SQL: dict[str, dict[str, str]] = {
    # Export and erasure reach every app schema, not auth's tables only: their statements
    # have a folder of their own, named after what they do.
    "auth/privacy.py": {"privacy": "export and erasure across every schema"},
    "auth/queries.py": {"privacy": "lock_user, the erasure's first step"},
}
SQL_NAME = re.compile(r"^([a-z_]+)/[a-z0-9_]+$")
MODULES = sorted(p.relative_to(APP).as_posix() for p in APP.rglob("*.py"))


def sql_folder_of(module: str) -> str:
    """The sql/ folder a module's statements belong in: its package's, core for app/*.py."""
    return module.split("/")[0] if "/" in module else "core"


def statements_named_in(source: str) -> set[str]:
    """Every string of the source that names a file of sql/ (`"folder/verb_noun"`)."""
    return {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and SQL_NAME.match(node.value)
        and (SQL / f"{node.value}.sql").is_file()
    }


def foreign_statements(module: str, source: str) -> list[str]:
    allowed = {sql_folder_of(module), *BORROWED_SQL.get(module, {})}
    return sorted(n for n in statements_named_in(source) if n.split("/")[0] not in allowed)


def foreign_queries_imports(module: str, source: str) -> list[str]:
    """`from app.<other> import queries` under a name that does not say whose they are."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("app."):
            continue
        package = node.module.split(".")[1]
        for alias in node.names:
            name = alias.asname or alias.name
            foreign = alias.name.endswith("queries") and package != sql_folder_of(module)
            if foreign and not name.startswith(f"{package}_"):
                found.append(f"{node.module}.{alias.name} as {name}")
    return found


def test_the_modules_checked_are_there():
    assert len(MODULES) > 80
    named = set().union(*(statements_named_in((APP / m).read_text()) for m in MODULES))
    assert len(named) > 200  # the names are found where the modules bind them
    for module, folders in BORROWED_SQL.items():
        used = {n.split("/")[0] for n in statements_named_in((APP / module).read_text())}
        assert used >= folders.keys(), f"{module} no longer borrows {folders.keys() - used}"


@pytest.mark.parametrize("module", MODULES)
def test_a_module_runs_the_sql_of_its_own_package(module):
    source = (APP / module).read_text()
    foreign = foreign_statements(module, source)
    assert not foreign, (
        f"{foreign} are not in sql/{sql_folder_of(module)}/: move them there, or declare the "
        "folder in BORROWED_SQL with the reason"
    )
    assert not foreign_queries_imports(module, source), (
        "import another package's queries as <package>_queries: a call then says whose SQL it runs"
    )


def test_the_layout_check_catches_what_it_is_for():
    probe = 'from app.habits import queries\nrun_on(conn, "habits/select_habit")\n'
    assert foreign_statements("chat/probe.py", probe) == ["habits/select_habit"]
    assert foreign_queries_imports("chat/probe.py", probe) == ["app.habits.queries as queries"]
    assert foreign_statements("habits/probe.py", probe) == []
    assert foreign_statements("health.py", 'BOOK["core/select_applied_migrations"]') == []
    renamed = "from app.habits import queries as habits_queries\n"
    assert foreign_queries_imports("chat/probe.py", renamed) == []


MAX_MODULE_LINES = 400  # issue 11: a module a newcomer reads whole


@pytest.mark.parametrize("module", MODULES)
def test_no_module_is_over_400_lines(module):
    lines = len((APP / module).read_text().splitlines())
    assert lines <= MAX_MODULE_LINES, f"{module} has {lines} lines: split it by what it does"


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


@pytest.mark.parametrize(
    "part",
    [RawJSON(None), RawJSON("null"), RawJSON("[1, 2]"), RawJSON('"text"'), RawJSON("3")],
)
def test_joined_refuses_a_part_that_is_not_an_object(part):
    with pytest.raises(TypeError, match="JSON objects"):
        joined({"token": "t"}, part)


def test_joined_refuses_a_key_in_two_parts():
    built = RawJSON('{"customer_id" : 1, "user" : {"token" : "nested is fine"}}')
    assert joined({"token": "t"}, built).text.startswith('{"token":"t", ')
    with pytest.raises(ValueError, match="customer_id"):
        joined(built, {"customer_id": 2})
    with pytest.raises(ValueError, match="session"):
        joined(RawJSON('{"session" : {}}'), RawJSON('{"session" : null}'))
