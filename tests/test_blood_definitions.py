"""The blood test catalogue through HTTP: listing by category, admin-only create and update."""

import psycopg
import pytest

from tests.helpers import assert_error


@pytest.fixture(autouse=True)
def hand_made_catalogue(conn):
    """These tests build the catalogue they need by hand: start from an empty one, not the
    shipped markers (tests/test_blood_catalogue.py covers those)."""
    conn.execute("DELETE FROM blood.test_definitions")


BASE = "/api/v1/blood"
HDL = {
    "category": "Lipids",
    "test_name": "HDL",
    "short_explanation": "Good cholesterol",
    "long_explanation": "High-density lipoprotein carries cholesterol to the liver.",
    "default_unit": "mmol/L",
    "reference_low": 1.0,
    "reference_high": 3.0,
    "loinc_code": "2085-9",
}


# What a definition created with only the fields above shows besides them.
NEW_FIELDS = {
    "aliases": [],
    "reference_low_female": None,
    "reference_high_female": None,
    "reference_low_male": None,
    "reference_high_male": None,
    "critical_low": None,
    "critical_high": None,
    "range_source": None,
    "own_test": False,
    "units": [],
}


def definitions(conn):
    return conn.execute("SELECT * FROM blood.test_definitions ORDER BY id").fetchall()


def create(client, account, **fields):
    return client.post(f"{BASE}/definitions", headers=account.headers, json=fields)


def test_admin_creates_a_definition(client, admin, conn):
    response = create(client, admin, **HDL)
    assert response.status_code == 201, response.json
    made = response.json["data"]
    assert made == {"id": made["id"], **HDL, **NEW_FIELDS}
    (row,) = definitions(conn)
    assert (row["test_name"], row["category"], row["loinc_code"]) == ("HDL", "Lipids", "2085-9")
    assert (float(row["reference_low"]), float(row["reference_high"])) == (1.0, 3.0)


def test_only_name_and_category_are_required(client, admin):
    made = create(client, admin, category=" Lipids ", test_name=" LDL ").json["data"]
    assert (made["category"], made["test_name"]) == ("Lipids", "LDL")  # trimmed
    assert made["default_unit"] is None
    assert made["reference_low"] is None


def test_a_name_taken_in_any_case_is_409(client, admin, conn):
    create(client, admin, **HDL)
    assert_error(create(client, admin, category="Other", test_name="hdl"), 409, "test_name")
    assert len(definitions(conn)) == 1


def test_a_user_may_not_create_or_change_definitions(client, admin, alice, conn):
    made = create(client, admin, **HDL).json["data"]
    assert_error(create(client, alice, category="Lipids", test_name="LDL"), 403)
    patched = client.patch(
        f"{BASE}/definitions/{made['id']}", headers=alice.headers, json={"category": "X"}
    )
    assert_error(patched, 403)
    assert [(d["test_name"], d["category"]) for d in definitions(conn)] == [("HDL", "Lipids")]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"category": "Lipids"}, "test_name"),
        ({"test_name": "LDL"}, "category"),
        ({"category": "", "test_name": "LDL"}, "category"),
        ({"category": "Lipids", "test_name": "x" * 101}, "test_name"),
        ({"category": "Lipids", "test_name": "LDL", "loinc_code": "abc"}, "loinc_code"),
        (
            {"category": "Lipids", "test_name": "LDL", "reference_low": 5, "reference_high": 1},
            "reference_low",
        ),
        ({"category": "Lipids", "test_name": "LDL", "reference_low": "NaN"}, "reference_low"),
        ({"category": "Lipids", "test_name": "LDL", "colour": "red"}, "colour"),
    ],
)
def test_a_bad_definition_is_400_and_writes_nothing(client, admin, conn, fields, field):
    assert_error(create(client, admin, **fields), 400, field)
    assert definitions(conn) == []


def test_admin_updates_only_the_fields_sent(client, admin, conn):
    made = create(client, admin, **HDL).json["data"]
    response = client.patch(
        f"{BASE}/definitions/{made['id']}",
        headers=admin.headers,
        json={"shortExplanation": "HDL cholesterol", "loinc_code": None, "reference_high": 2.5},
    )
    assert response.status_code == 200, response.json
    assert response.json["data"] == {
        **HDL,
        **NEW_FIELDS,
        "id": made["id"],
        "short_explanation": "HDL cholesterol",
        "loinc_code": None,
        "reference_high": 2.5,
    }
    (row,) = definitions(conn)
    assert (row["short_explanation"], row["loinc_code"]) == ("HDL cholesterol", None)


def test_update_conflicts_and_rules(client, admin, conn):
    hdl = create(client, admin, **HDL).json["data"]
    create(client, admin, category="Lipids", test_name="LDL")
    before = definitions(conn)
    path = f"{BASE}/definitions/{hdl['id']}"
    assert_error(
        client.patch(path, headers=admin.headers, json={"test_name": "ldl"}), 409, "test_name"
    )
    # Only the low end is sent; the stored high end (3.0) is below it: the database refuses.
    assert_error(
        client.patch(path, headers=admin.headers, json={"reference_low": 4}), 400, "reference_low"
    )
    assert_error(client.patch(path, headers=admin.headers, json={}), 400, "_schema")
    assert_error(
        client.patch(path, headers=admin.headers, json={"test_name": None}), 400, "test_name"
    )
    assert_error(
        client.patch(f"{BASE}/definitions/999", headers=admin.headers, json={"category": "X"}), 404
    )
    assert definitions(conn) == before


def test_the_catalogue_is_grouped_by_category(client, admin, alice):
    for category, name in [("Lipids", "LDL"), ("Metabolic", "Glucose"), ("Lipids", "hdl")]:
        create(client, admin, category=category, test_name=name)
    response = client.get(f"{BASE}/definitions", headers=alice.headers)
    assert response.status_code == 200
    grouped = response.json["data"]
    assert [g["category"] for g in grouped] == ["Lipids", "Metabolic"]
    assert [d["test_name"] for d in grouped[0]["definitions"]] == ["hdl", "LDL"]
    assert set(grouped[0]["definitions"][0]) == {"id", *HDL, *NEW_FIELDS}
    only = client.get(
        f"{BASE}/definitions", headers=alice.headers, query_string={"category": "Metabolic"}
    )
    assert [d["test_name"] for g in only.json["data"] for d in g["definitions"]] == ["Glucose"]
    none = client.get(f"{BASE}/definitions", headers=alice.headers, query_string={"category": "X"})
    assert none.json["data"] == []


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/definitions"), ("post", "/definitions"), ("patch", "/definitions/1")],
)
def test_catalogue_routes_need_a_token(client, method, path):
    assert_error(getattr(client, method)(f"{BASE}{path}", json={}), 401)


def test_a_definition_with_results_cannot_be_deleted(client, admin, alice, conn):
    made = create(client, admin, **HDL).json["data"]
    saved = client.post(
        f"{BASE}/tests",
        headers=alice.headers,
        json={"test_date": "2024-05-01", "results": [{"test_name": "HDL", "result_value": "1.2"}]},
    )
    assert saved.status_code == 200
    # PostgreSQL 18 reports a RestrictViolation, 15 a ForeignKeyViolation; both name the key.
    with pytest.raises(psycopg.errors.IntegrityError, match="blood_tests_test_definition_id_fkey"):
        conn.execute("DELETE FROM blood.test_definitions WHERE id = %s", (made["id"],))
    assert len(definitions(conn)) == 1
