"""`flask ufc import-csv FILE`: COPY into a temporary table, one upsert by ufc_url, a report."""

import pytest

from tests.test_ufc_fighters import add_fighter

HEADER = "name,ufcUrl,weightClass,height,weight,record,nextFightDate,tags,age,mydesc\n"


def run_import(app, tmp_path, text):
    path = tmp_path / "fighters.csv"
    path.write_text(text, encoding="utf-8")
    return app.test_cli_runner().invoke(args=["ufc", "import-csv", str(path)])


def stored(conn):
    rows = conn.execute(
        "SELECT name, ufc_url, weight_class, record, next_fight_date::text AS day, tags, age,"
        " description FROM ufc.fighters ORDER BY ufc_url"
    ).fetchall()
    return {row["ufc_url"]: row for row in rows}


def test_import_inserts_updates_and_reports(app, tmp_path, conn):
    add_fighter(conn, "Jon Jones", ufc_url="u/jones", record="27-1-0", weight_class="Heavyweight")
    add_fighter(conn, "Tom Aspinall", ufc_url="u/aspinall", record="15-3-0")
    result = run_import(
        app,
        tmp_path,
        HEADER
        + 'Jon Jones,u/jones,Heavyweight,76,248,28-1-0,2025-11-15,"[""GOAT""]",38,"Bones"\n'
        + "Tom Aspinall,u/aspinall,Lightweight,70,155,15-3-0,,,,\n"
        + "Alex Pereira,u/pereira,Light Heavyweight,76,205,12-2-0,0000-00-00,,37,\n",
    )
    assert result.exit_code == 0, result.output
    assert "inserted 1, updated 1, unchanged 1, rejected 0" in result.output
    fighters = stored(conn)
    assert fighters["u/jones"] | {"ufc_url": None} == {
        "name": "Jon Jones",
        "ufc_url": None,
        "weight_class": "Heavyweight",
        "record": "28-1-0",
        "day": "2025-11-15",
        "tags": ["GOAT"],
        "age": 38,
        "description": "Bones",
    }
    assert fighters["u/pereira"]["day"] is None
    assert fighters["u/pereira"]["tags"] == []
    assert fighters["u/aspinall"]["record"] == "15-3-0"


def test_rejected_rows_are_reported_with_line_and_reason(app, tmp_path, conn):
    jones = add_fighter(conn, "Jon Jones", ufc_url="u/jones")
    result = run_import(
        app,
        tmp_path,
        HEADER
        + "Good One,u/good,Flyweight,64,125,10-0-0,,,,\n"
        + ",u/no-name,Flyweight,64,125,,,,,\n"
        + "Too Old,u/old,Flyweight,64,125,,,,200,\n"
        + "Bad Date,u/date,Flyweight,64,125,,soon,,,\n"
        + "JON JONES,u/other-jones,Heavyweight,76,248,,,,,\n"
        + "First Take,u/twice,Flyweight,64,125,,,,,\n"
        + "Second Take,u/twice,Flyweight,64,125,,,,,\n"
        + "Good One,u/good-again,Flyweight,64,125,,,,,\n",
    )
    assert result.exit_code == 0, result.output
    assert "inserted 2, updated 0, unchanged 0, rejected 6" in result.output
    for report in (
        "line 3: name: Field may not be null.",
        "line 4: age: Must be greater than or equal to 0 and less than or equal to 120.",
        "line 5: next_fight_date: Not a valid date: use YYYY-MM-DD.",
        f"line 6: fighter {jones} already has the name Jon Jones",
        "line 7: line 8 has the same ufc_url",
        "line 9: line 2 has the same name",
    ):
        assert report in result.output, result.output
    assert set(stored(conn)) == {"u/jones", "u/good", "u/twice"}
    assert stored(conn)["u/twice"]["name"] == "Second Take"


def test_snake_case_headers_and_a_progress_bar(app, tmp_path, conn):
    result = run_import(
        app,
        tmp_path,
        "name,ufc_url,weight_class,description\nBo Nickal,u/bo,Middleweight,Wrestler\n",
    )
    assert result.exit_code == 0, result.output
    assert "Importing fighters" in result.output
    assert stored(conn)["u/bo"]["description"] == "Wrestler"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("name,ufc_url,nickname\nBo Nickal,u/bo,Bo\n", "unknown columns: nickname"),
        ("name,weight_class\nBo Nickal,Middleweight\n", "missing columns: ufc_url"),
        ("", "missing columns: name, ufc_url"),
    ],
)
def test_a_header_that_cannot_be_imported_fails_before_anything(
    app, tmp_path, conn, text, complaint
):
    result = run_import(app, tmp_path, text)
    assert result.exit_code != 0
    assert complaint in result.output
    assert stored(conn) == {}
