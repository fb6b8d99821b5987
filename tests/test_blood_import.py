"""`flask blood import-csv`: COPY into a temporary table and one upsert, all or nothing."""

import pytest

GOOD_AND_BAD = """date,test name,value,unit,range
2024-01-10,Glucose,5.9,mmol/L,3.9-5.5
2024-01-10,Ferritin,35,ng/mL,30-400
2024-01-10,ferritin,36,ng/mL,30-400
2024-13-01,Ferritin,20,ng/mL,30-400
2024-02-11,Vitamin D,<10,,30 - 100
2024-02-11,,5,mg/dL,
2024-02-11,CRP,,mg/L,<5

2024-02-11,crp,0.4,,<5
"""


@pytest.fixture(autouse=True)
def hand_made_catalogue(conn):
    """These tests build the catalogue they need by hand: start from an empty one, not the
    shipped markers (tests/test_blood_catalogue.py covers those)."""
    conn.execute("DELETE FROM blood.test_definitions")


@pytest.fixture
def glucose(conn):
    conn.execute(
        "INSERT INTO blood.test_definitions (category, test_name, default_unit)"
        " VALUES ('Metabolic', 'GLUCOSE', 'mmol/L')"
    )


def write_csv(tmp_path, text, name="results.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run_import(app, path, customer_id, category="Imported"):
    return app.test_cli_runner().invoke(
        args=[
            "blood",
            "import-csv",
            path,
            "--category",
            category,
            "--customer-id",
            str(customer_id),
        ]
    )


def stored(conn):
    return conn.execute(
        "SELECT d.test_name, d.category, d.default_unit, t.*"
        " FROM blood.blood_tests AS t JOIN blood.test_definitions AS d"
        " ON d.id = t.test_definition_id ORDER BY t.test_date, lower(d.test_name)"
    ).fetchall()


def test_import_adds_missing_tests_upserts_results_and_reports_skips(
    app, alice, glucose, conn, tmp_path
):
    result = run_import(app, write_csv(tmp_path, GOOD_AND_BAD), alice.customer_id)
    assert result.exit_code == 0, result.output
    assert "imported 4 results for customer_id" in result.output
    assert "added 3 own tests under 'Imported': crp, Ferritin, Vitamin D" in result.output
    assert "skipped 4 rows:" in result.output
    assert "line 4: same test and date as line 3" in result.output
    assert "line 5: test_date: Not a valid date." in result.output
    assert "line 7: test_name: Missing data for required field." in result.output
    assert "line 8: result_value: Missing data for required field." in result.output

    rows = stored(conn)
    assert [(r["test_name"], r["test_date"].isoformat(), r["result_value"]) for r in rows] == [
        ("Ferritin", "2024-01-10", "35"),
        ("GLUCOSE", "2024-01-10", "5.9"),  # the existing definition, matched in any case
        ("crp", "2024-02-11", "0.4"),
        ("Vitamin D", "2024-02-11", "<10"),
    ]
    assert all(r["customer_id"] == alice.customer_id for r in rows)
    owners = conn.execute(
        "SELECT test_name, customer_id FROM blood.test_definitions ORDER BY lower(test_name)"
    ).fetchall()
    # The names the catalogue lacks became alice's own tests, not shared ones.
    assert [(o["test_name"], o["customer_id"]) for o in owners] == [
        ("crp", alice.customer_id),
        ("Ferritin", alice.customer_id),
        ("GLUCOSE", None),
        ("Vitamin D", alice.customer_id),
    ]
    by_name = {r["test_name"]: r for r in rows}
    assert (by_name["GLUCOSE"]["category"], by_name["GLUCOSE"]["result_flag"]) == (
        "Metabolic",
        "high",
    )
    assert (by_name["Ferritin"]["category"], by_name["Ferritin"]["default_unit"]) == (
        "Imported",
        "ng/mL",
    )
    vitamin_d = by_name["Vitamin D"]
    assert (vitamin_d["result_unit"], vitamin_d["result_comparator"]) == (None, "<")
    assert (vitamin_d["reference_low"], vitamin_d["result_flag"]) == (30, "low")


def test_importing_again_updates_rather_than_duplicates(app, alice, conn, tmp_path):
    first = "date,test_name,value,unit,range\n2024-01-10,TSH,2.0,mIU/L,0.4-4.0\n"
    assert run_import(app, write_csv(tmp_path, first), alice.customer_id).exit_code == 0
    second = "Test_Date,Test,Result_Value\n2024-01-10,tsh,4.5\n2024-02-10,TSH,1.0\n"
    result = run_import(app, write_csv(tmp_path, second, "again.csv"), alice.customer_id)
    assert result.exit_code == 0, result.output
    assert "added" not in result.output
    assert "skipped 0 rows" in result.output
    rows = stored(conn)
    assert [(r["test_date"].isoformat(), r["result_value"], r["result_unit"]) for r in rows] == [
        ("2024-01-10", "4.5", "mIU/L"),  # no unit given: the definition's default
        ("2024-02-10", "1.0", "mIU/L"),
    ]
    count = conn.execute("SELECT count(*) AS n FROM blood.test_definitions").fetchone()["n"]
    assert count == 1


def test_an_unknown_user_aborts_the_whole_import(app, alice, conn, tmp_path):
    result = run_import(app, write_csv(tmp_path, GOOD_AND_BAD), 999)
    assert result.exit_code != 0
    assert "no user has customer_id 999" in result.output
    assert stored(conn) == []
    count = conn.execute("SELECT count(*) AS n FROM blood.test_definitions").fetchone()["n"]
    assert count == 0  # the definitions it would have added were rolled back too


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("date,value\n2024-01-10,5\n", "lacks column(s): test_name"),
    ],
)
def test_a_file_without_the_needed_header_is_refused(app, alice, conn, tmp_path, text, message):
    result = run_import(app, write_csv(tmp_path, text), alice.customer_id)
    assert result.exit_code == 2
    assert message in result.output
    assert stored(conn) == []


def test_a_blank_category_is_refused(app, alice, conn, tmp_path):
    path = write_csv(tmp_path, "date,test_name,value\n2024-01-10,TSH,2.0\n")
    result = run_import(app, path, alice.customer_id, category="  ")
    assert result.exit_code == 2
    assert "--category" in result.output
    assert stored(conn) == []
