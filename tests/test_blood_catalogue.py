"""The shipped blood catalogue through HTTP: a new user's first panels stored and flagged with no
admin step, matching by alias and LOINC, every declared unit conversion, flags from each range
source, own tests (private, promotable), aliases, definition delete, history and latest."""

import re
from decimal import Decimal

import pytest

from tests.helpers import assert_error

BASE = "/api/v1/blood"
ISSUE_CATEGORIES = {
    "Lipids",
    "Glucose and diabetes",
    "Complete blood count",
    "Metabolic panel and electrolytes",
    "Kidney",
    "Liver",
    "Thyroid",
    "Iron studies",
    "Vitamins and minerals",
    "Inflammation",
    "Hormones",
    "Coagulation",
    "Urinalysis",
}
LOINC = re.compile(r"^(\d{1,7})-(\d)$")


def loinc_check_digit(number: str) -> int:
    """LOINC's mod-10 check digit: double every other digit from the right, add all digits."""
    total = 0
    for position, digit in enumerate(reversed(number)):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value // 10 + value % 10
    return (10 - total % 10) % 10


def post_panel(client, account, test_date, *results, strict=None):
    query = {} if strict is None else {"strict": strict}
    return client.post(
        f"{BASE}/tests",
        headers=account.headers,
        query_string=query,
        json={"test_date": test_date, "results": list(results)},
    )


def result(test_name, value, unit=None, reference_range=None):
    return {
        "test_name": test_name,
        "result_value": value,
        "result_unit": unit,
        "reference_range": reference_range,
    }


def marker(conn, loinc_code):
    return conn.execute(
        "SELECT * FROM blood.test_definitions WHERE loinc_code = %s AND customer_id IS NULL",
        (loinc_code,),
    ).fetchone()


def factor(conn, loinc_code, unit):
    """A conversion as the catalogue declares it: (factor, addend)."""
    row = conn.execute(
        "SELECT c.factor, c.addend FROM blood.unit_conversions AS c"
        " JOIN blood.test_definitions AS d ON d.id = c.test_definition_id"
        " WHERE d.loinc_code = %s AND c.unit = %s",
        (loinc_code, unit),
    ).fetchone()
    return row["factor"], row["addend"]


def set_sex(client, account, sex):
    response = client.patch("/api/v1/auth/me", headers=account.headers, json={"sex": sex})
    assert response.status_code == 200, response.json
    return response


def stored(conn, customer_id):
    return conn.execute(
        "SELECT t.*, d.test_name FROM blood.blood_tests AS t"
        " JOIN blood.test_definitions AS d ON d.id = t.test_definition_id"
        " WHERE t.customer_id = %s ORDER BY t.id",
        (customer_id,),
    ).fetchall()


# The shipped data


def test_the_catalogue_ships_over_a_hundred_coded_markers_in_every_category(conn):
    markers = conn.execute(
        "SELECT * FROM blood.test_definitions WHERE customer_id IS NULL"
    ).fetchall()
    assert len(markers) >= 100
    assert {m["category"] for m in markers} >= ISSUE_CATEGORIES
    for m in markers:
        assert m["loinc_code"], m["test_name"]
        assert m["aliases"], m["test_name"]
        ranged = [m["reference_low"], m["reference_high"]]
        by_sex = [m["reference_low_female"], m["reference_high_female"]]
        by_sex += [m["reference_low_male"], m["reference_high_male"]]
        if any(v is not None for v in ranged + by_sex):
            assert m["range_source"], m["test_name"]
        # One range or ranges by sex, never both: a flag never has two catalogue ranges.
        assert not (any(v is not None for v in ranged) and any(v is not None for v in by_sex))


def test_every_loinc_code_of_the_catalogue_has_a_valid_check_digit(conn):
    codes = conn.execute(
        "SELECT test_name, loinc_code AS code FROM blood.test_definitions"
        " UNION ALL SELECT d.test_name, a FROM blood.test_definitions AS d, unnest(d.aliases) AS a"
    ).fetchall()
    checked = 0
    for row in codes:
        found = LOINC.match(row["code"] or "")
        if found:
            number, digit = found.groups()
            assert loinc_check_digit(number) == int(digit), (row["test_name"], row["code"])
            checked += 1
    assert checked > 130  # every marker's code and the other codes given as aliases


def test_standard_ranges_that_differ_by_sex_are_by_sex(conn):
    for loinc_code in ("718-7", "2276-4", "2160-0", "4544-3", "3084-1"):  # Hb, ferritin, ...
        m = marker(conn, loinc_code)
        assert m["reference_low_female"] < m["reference_low_male"], m["test_name"]
        assert (m["reference_low"], m["reference_high"]) == (None, None)


@pytest.mark.parametrize(
    ("loinc_code", "unit", "expected"),
    [
        ("2345-7", "mmol/L", Decimal("18.016")),  # glucose 180.16 g/mol
        ("2093-3", "mmol/L", Decimal("38.67")),  # cholesterol
        ("2571-8", "mmol/L", Decimal("88.57")),  # triglycerides
        ("2160-0", "umol/L", 1 / Decimal("88.42")),  # creatinine, to mg/dL
        ("3094-0", "mmol/L", Decimal("2.801")),  # urea mmol/L to urea nitrogen mg/dL
        ("3084-1", "umol/L", 1 / Decimal("59.48")),  # uric acid
        ("62292-8", "nmol/L", 1 / Decimal("2.496")),  # 25-OH vitamin D
        ("718-7", "g/L", Decimal("0.1")),  # haemoglobin
        ("718-7", "mmol/L", Decimal("1.6114")),
    ],
)
def test_the_factors_are_the_analytes_molar_masses(conn, loinc_code, unit, expected):
    found, addend = factor(conn, loinc_code, unit)
    assert abs(found - expected) < Decimal("1e-9")
    assert addend == 0


# A new user's first upload


def test_a_new_users_first_lipid_cbc_and_metabolic_panel_is_stored_and_flagged(client, alice, conn):
    set_sex(client, alice, "female")
    response = post_panel(
        client,
        alice,
        "2024-05-01",
        result("LDL-C", "4.1", "mmol/L"),
        result("HDL Cholesterol", "1.6", "mmol/L"),
        result("Cholesterol, Total", "6.2", "mmol/L"),
        result("TRIGLYCERIDES", "1.1", "mmol/l"),
        result("WBC", "6.1", "10^9/L"),
        result("Hemoglobin", "11.2", "g/dL"),
        result("PLT", "250", "x10^9/L".removeprefix("x")),
        result("Sodium", "139", "mEq/L"),
        result("Potassium", "6.8", "mmol/L"),
        result("Glucose", "5.0", "mmol/L"),
        result("Creatinine", "71", "µmol/L"),
    )
    assert response.status_code == 200, response.json
    items = {i["test_name"]: i for i in response.json["data"]}
    assert len(items) == 11
    assert not any(i["own_test"] for i in items.values())  # every name was in the catalogue
    flags = {name: i["result_flag"] for name, i in items.items()}
    assert flags == {
        "LDL cholesterol": "high",  # 4.1 mmol/L = 158.5 mg/dL, optimal below 100
        "HDL cholesterol": "normal",
        "Total cholesterol": "high",
        "Triglycerides": "normal",
        "White blood cells": "normal",
        "Haemoglobin": "low",  # below the female range
        "Platelets": "normal",
        "Sodium": "normal",
        "Potassium": "critical_high",
        "Glucose": "normal",
        "Creatinine": "normal",
    }
    ldl = items["LDL cholesterol"]
    assert (ldl["result_value"], ldl["result_unit"], ldl["unit"]) == ("4.1", "mmol/L", "mg/dL")
    assert ldl["value"] == pytest.approx(4.1 * 38.67)
    assert ldl["flag_range"] == {
        "source": "catalogue",
        "low": None,
        "high": 100,
        "unit": "mg/dL",
        "sex": None,
        "reference": "NCEP ATP III 2002",
    }
    assert items["Haemoglobin"]["flag_range"]["sex"] == "female"
    assert len(stored(conn, alice.customer_id)) == 11
    own = conn.execute("SELECT count(*) FROM blood.test_definitions WHERE customer_id IS NOT NULL")
    assert own.fetchone()["count"] == 0


@pytest.mark.parametrize(
    "printed",
    ["LDL-C", "ldl-c", "LDL - C", "Cholesterol LDL", "cholesterol   ldl", "LDLcholesterol"],
)
def test_an_alias_matches_in_any_case_and_spacing(client, alice, conn, printed):
    response = post_panel(client, alice, "2024-05-01", result(printed, "120", "mg/dL"))
    assert response.status_code == 200, response.json
    (item,) = response.json["data"]
    assert item["test_definition_id"] == marker(conn, "2089-1")["id"]


@pytest.mark.parametrize(("printed", "loinc_code"), [("2089-1", "2089-1"), ("13457-7", "2089-1")])
def test_a_loinc_code_matches_its_marker(client, alice, conn, printed, loinc_code):
    """The marker's own code, or another code of the analyte listed among its aliases."""
    response = post_panel(client, alice, "2024-05-01", result(printed, "120", "mg/dL"))
    assert response.status_code == 200, response.json
    assert response.json["data"][0]["test_definition_id"] == marker(conn, loinc_code)["id"]


def test_two_names_of_one_marker_in_a_panel_are_refused(client, alice, conn):
    response = post_panel(
        client, alice, "2024-05-01", result("LDL", "120"), result("2089-1", "121")
    )
    body = assert_error(response, 400, "results")
    assert body["data"]["errors"]["results"] == {
        "1": {"test_name": ["An earlier result of this panel already names LDL cholesterol."]}
    }
    assert stored(conn, alice.customer_id) == []


# Units


def test_each_declared_conversion_is_applied_with_the_catalogues_factor(client, alice, conn):
    conversions = conn.execute(
        "SELECT d.id, d.test_name, d.default_unit, c.unit, c.factor, c.addend"
        " FROM blood.unit_conversions AS c JOIN blood.test_definitions AS d"
        " ON d.id = c.test_definition_id ORDER BY d.id, c.unit"
    ).fetchall()
    assert len(conversions) > 100
    # One panel per round, each with at most one conversion of every marker.
    rounds: list[list[dict]] = []
    seen: dict[int, int] = {}
    for conversion in conversions:
        index = seen.get(conversion["id"], 0)
        seen[conversion["id"]] = index + 1
        if index == len(rounds):
            rounds.append([])
        rounds[index].append(conversion)
    sent = Decimal("12.5")
    for day, batch in enumerate(rounds, start=1):
        response = post_panel(
            client,
            alice,
            f"2024-01-{day:02d}",
            *(result(c["test_name"], str(sent), c["unit"]) for c in batch),
        )
        assert response.status_code == 200, response.json
        answers = {i["test_definition_id"]: i for i in response.json["data"]}
        for c in batch:
            expected = (sent * c["factor"] + c["addend"]).quantize(Decimal("0.000001"))
            row = conn.execute(
                "SELECT catalogue_value, result_unit FROM blood.blood_tests"
                " WHERE customer_id = %s AND test_definition_id = %s AND test_date = %s",
                (alice.customer_id, c["id"], f"2024-01-{day:02d}"),
            ).fetchone()
            assert row["catalogue_value"] == expected, (c["test_name"], c["unit"])
            assert row["result_unit"] == c["unit"]
            assert answers[c["id"]]["value"] == pytest.approx(float(expected))
            assert answers[c["id"]]["unit"] == c["default_unit"]


def test_history_reads_in_the_catalogues_unit_or_as_sent(client, alice, conn):
    mmol, _ = factor(conn, "2345-7", "mmol/L")
    post_panel(client, alice, "2024-01-10", result("Glucose", "5.2", "mmol/L"))
    post_panel(client, alice, "2024-02-10", result("glucose", "90", "mg/dL"))
    path = f"{BASE}/tests/fasting glucose/history"
    catalogue = client.get(path, headers=alice.headers).json["data"]
    assert (catalogue["units"], catalogue["unit"]) == ("catalogue", "mg/dL")
    assert [p["value"] for p in catalogue["points"]] == [
        pytest.approx(float(Decimal("5.2") * mmol)),
        90,
    ]
    assert {p["unit"] for p in catalogue["points"]} == {"mg/dL"}
    as_sent = client.get(path, headers=alice.headers, query_string={"units": "as_sent"})
    points = as_sent.json["data"]["points"]
    assert [(p["value"], p["unit"]) for p in points] == [(5.2, "mmol/L"), (90, "mg/dL")]
    assert [p["result_flag"] for p in points] == ["normal", "normal"]
    assert_error(
        client.get(path, headers=alice.headers, query_string={"units": "si"}), 400, "units"
    )


def test_an_unknown_unit_for_a_known_marker_names_the_accepted_units(client, alice, conn):
    response = post_panel(
        client, alice, "2024-05-01", result("HDL", "1.2", "mmol/L"), result("Glucose", "5", "g")
    )
    body = assert_error(response, 400, "results")
    assert body["data"]["errors"]["results"] == {
        "1": {"result_unit": ["Glucose is not reported in this unit; send one of: mg/dL, mmol/L."]}
    }
    assert stored(conn, alice.customer_id) == []


def test_changing_a_results_unit_converts_it_again(client, alice, conn):
    saved = post_panel(client, alice, "2024-05-01", result("Creatinine", "1.0", "mg/dL"))
    path = f"{BASE}/tests/{saved.json['data'][0]['id']}"
    per_umol, _ = factor(conn, "2160-0", "umol/L")
    changed = client.patch(
        path, headers=alice.headers, json={"result_value": "88.42", "result_unit": "µmol/L"}
    )
    assert changed.status_code == 200, changed.json
    assert changed.json["data"]["value"] == pytest.approx(float(Decimal("88.42") * per_umol))
    refused = client.patch(path, headers=alice.headers, json={"result_unit": "mg"})
    body = assert_error(refused, 400, "result_unit")
    assert "mg/dL, umol/L" in body["data"]["errors"]["result_unit"][0]
    (row,) = stored(conn, alice.customer_id)
    assert row["result_unit"] == "µmol/L"


# Flags from each range source


def test_the_labs_printed_range_is_used_first(client, alice):
    response = post_panel(
        client, alice, "2024-05-01", result("LDL", "120", "mg/dL", reference_range="<130")
    )
    (item,) = response.json["data"]
    assert item["result_flag"] == "normal"  # the catalogue's optimal range would say high
    assert item["flag_range"] == {
        "source": "lab",
        "low": None,
        "high": 130,
        "unit": "mg/dL",
        "sex": None,
        "reference": None,
    }


def test_the_catalogues_range_flags_a_value_the_lab_gave_no_range_for(client, alice):
    (item,) = post_panel(client, alice, "2024-05-01", result("LDL", "999")).json["data"]
    assert (item["result_flag"], item["out_of_range"]) == ("high", True)
    assert item["flag_range"]["source"] == "catalogue"


@pytest.mark.parametrize(
    ("sex", "flag", "low"),
    [("female", "normal", 12.0), ("male", "low", 13.5), (None, None, None)],
)
def test_a_sex_specific_range_needs_the_users_sex(client, alice, sex, flag, low):
    if sex:
        set_sex(client, alice, sex)
    (item,) = post_panel(client, alice, "2024-05-01", result("Hb", "12.8")).json["data"]
    assert item["result_flag"] == flag
    if sex is None:
        assert item["flag_range"] is None  # no range, no flag, rather than a guess
    else:
        assert (item["flag_range"]["sex"], item["flag_range"]["low"]) == (sex, low)


def test_critical_limits_override_the_range(client, alice):
    set_sex(client, alice, "male")
    response = post_panel(
        client,
        alice,
        "2024-05-01",
        result("K", "2.5", reference_range="3.5-5.1"),
        result("Hb", "6.0"),
        result("INR", "6.1"),
    )
    flags = {i["test_name"]: i["result_flag"] for i in response.json["data"]}
    assert flags == {
        "Potassium": "critical_low",
        "Haemoglobin": "critical_low",
        "INR": "critical_high",
    }


def test_a_marker_without_any_range_gets_no_flag(client, alice):
    (item,) = post_panel(client, alice, "2024-05-01", result("DHEA-S", "250")).json["data"]
    assert (item["result_flag"], item["flag_range"]) == (None, None)


def test_the_profile_keeps_the_users_sex(client, alice):
    assert set_sex(client, alice, "female").json["data"]["sex"] == "female"
    assert client.get("/api/v1/auth/me", headers=alice.headers).json["data"]["sex"] == "female"
    bad = client.patch("/api/v1/auth/me", headers=alice.headers, json={"sex": "f"})
    assert_error(bad, 400, "sex")
    assert set_sex(client, alice, None).json["data"]["sex"] is None


# Own tests


def test_a_name_the_catalogue_lacks_becomes_the_users_own_private_test(client, alice, bob, conn):
    response = post_panel(
        client, alice, "2024-05-01", result("Omega-3 index", "7.9", "%"), result("LDL", "90")
    )
    assert response.status_code == 200, response.json
    own = next(i for i in response.json["data"] if i["own_test"])
    assert (own["test_name"], own["category"], own["unit"]) == ("Omega-3 index", "Own tests", "%")
    history = client.get(f"{BASE}/tests/omega-3 INDEX/history", headers=alice.headers)
    assert [p["value"] for p in history.json["data"]["points"]] == [7.9]

    # bob sees nothing of it: not in his catalogue, no history, not even that it exists.
    listed = client.get(f"{BASE}/definitions", headers=bob.headers).json["data"]
    names = {d["test_name"] for g in listed for d in g["definitions"]}
    assert "Omega-3 index" not in names
    assert "LDL cholesterol" in names
    assert_error(client.get(f"{BASE}/tests/Omega-3 index/history", headers=bob.headers), 404)
    # His upload of the same name makes his own test, not a result under alice's.
    bobs = post_panel(client, bob, "2024-05-02", result("omega-3 index", "5.1"))
    assert bobs.json["data"][0]["test_definition_id"] != own["test_definition_id"]
    owners = conn.execute(
        "SELECT customer_id FROM blood.test_definitions WHERE lower(test_name) = 'omega-3 index'"
        " ORDER BY customer_id"
    ).fetchall()
    assert [o["customer_id"] for o in owners] == sorted([alice.customer_id, bob.customer_id])


def test_an_own_test_keeps_its_first_unit(client, alice):
    post_panel(client, alice, "2024-05-01", result("Omega-3 index", "7.9", "%"))
    again = post_panel(client, alice, "2024-06-01", result("Omega-3 index", "0.08", "ratio"))
    body = assert_error(again, 400, "results")
    assert "send one of: %." in body["data"]["errors"]["results"]["0"]["result_unit"][0]


def test_an_admin_promotes_an_own_test_to_the_catalogue(client, alice, bob, admin):
    saved = post_panel(client, alice, "2024-05-01", result("Omega-3 index", "7.9", "%"))
    own_id = saved.json["data"][0]["test_definition_id"]
    path = f"{BASE}/definitions/{own_id}/promote"
    assert_error(client.post(path, headers=alice.headers, json={}), 403)
    promoted = client.post(path, headers=admin.headers, json={"category": "Lipids"})
    assert promoted.status_code == 200, promoted.json
    assert (promoted.json["data"]["own_test"], promoted.json["data"]["category"]) == (
        False,
        "Lipids",
    )
    # Now shared: bob's upload of the name is stored under it, and alice keeps her result.
    bobs = post_panel(client, bob, "2024-05-02", result("OMEGA-3 INDEX", "6.0", "%"))
    assert bobs.json["data"][0]["test_definition_id"] == own_id
    history = client.get(f"{BASE}/tests/omega-3 index/history", headers=alice.headers)
    assert [p["value"] for p in history.json["data"]["points"]] == [7.9]
    assert_error(client.post(path, headers=admin.headers, json={}), 404)  # no longer own


def test_promoting_a_name_the_catalogue_has_is_a_conflict(client, alice, admin, conn):
    # An own test named like a shared one can exist: one added to the catalogue after it.
    own_id = post_panel(client, alice, "2024-05-01", result("Zonulin", "40")).json["data"][0][
        "test_definition_id"
    ]
    made = client.post(
        f"{BASE}/definitions",
        headers=admin.headers,
        json={"category": "Other", "test_name": "Gut marker", "aliases": ["zonulin"]},
    )
    assert made.status_code == 201, made.json
    response = client.post(f"{BASE}/definitions/{own_id}/promote", headers=admin.headers, json={})
    assert_error(response, 409, "aliases")
    row = conn.execute(
        "SELECT customer_id FROM blood.test_definitions WHERE id = %s", (own_id,)
    ).fetchone()
    assert row["customer_id"] == alice.customer_id


def test_strict_refuses_what_would_become_an_own_test(client, alice, conn):
    response = post_panel(client, alice, "2024-05-01", result("Omega-3 index", "7.9"), strict=True)
    assert_error(response, 400, "results")
    assert (
        conn.execute(
            "SELECT count(*) FROM blood.test_definitions WHERE customer_id IS NOT NULL"
        ).fetchone()["count"]
        == 0
    )


# Catalogue upkeep


def test_aliases_are_editable(client, alice, admin, conn):
    tsh = marker(conn, "3016-3")
    path = f"{BASE}/definitions/{tsh['id']}"
    changed = client.patch(
        path, headers=admin.headers, json={"aliases": ["Thyrotropin", "TSH (3rd gen)"]}
    )
    assert changed.status_code == 200, changed.json
    assert changed.json["data"]["aliases"] == ["Thyrotropin", "TSH (3rd gen)"]
    matched = post_panel(client, alice, "2024-05-01", result("tsh (3rd GEN)", "2.0"), strict=True)
    assert matched.json["data"][0]["test_definition_id"] == tsh["id"]
    dropped = post_panel(
        client, alice, "2024-05-02", result("Thyroid stimulating hormone", "2"), strict=True
    )
    assert_error(dropped, 400, "results")  # no longer one of its names
    taken = client.patch(path, headers=admin.headers, json={"aliases": ["FT4"]})
    assert_error(taken, 409, "aliases")
    assert_error(client.patch(path, headers=alice.headers, json={"aliases": []}), 403)
    assert_error(client.patch(path, headers=admin.headers, json={"aliases": [" "]}), 400, "aliases")


def test_a_definition_no_result_uses_can_be_deleted(client, alice, admin, conn):
    lipase = marker(conn, "3040-3")
    path = f"{BASE}/definitions/{lipase['id']}"
    assert_error(client.delete(path, headers=alice.headers), 403)
    deleted = client.delete(path, headers=admin.headers)
    assert deleted.status_code == 200, deleted.json
    assert deleted.json["data"] == {"id": lipase["id"], "deleted": True}
    assert marker(conn, "3040-3") is None
    assert (
        conn.execute(
            "SELECT count(*) FROM blood.definition_keys WHERE test_definition_id = %s",
            (lipase["id"],),
        ).fetchone()["count"]
        == 0
    )
    assert_error(client.delete(path, headers=admin.headers), 404)


def test_deleting_a_definition_results_use_is_a_409_naming_the_count(
    client, alice, bob, admin, conn
):
    post_panel(client, alice, "2024-01-01", result("Ferritin", "40"))
    post_panel(client, alice, "2024-02-01", result("Ferritin", "45"))
    post_panel(client, bob, "2024-02-01", result("Ferritin", "80"))
    ferritin = marker(conn, "2276-4")
    body = assert_error(
        client.delete(f"{BASE}/definitions/{ferritin['id']}", headers=admin.headers),
        409,
        "test_definition_id",
    )
    assert body["message"] == "3 results use this test; delete them first."
    assert marker(conn, "2276-4") is not None


# Trends


def test_latest_gives_each_marker_once_with_the_change_since_the_previous(client, alice, conn):
    mmol, _ = factor(conn, "2093-3", "mmol/L")
    post_panel(client, alice, "2024-01-10", result("Cholesterol", "5.0", "mmol/L"))
    post_panel(client, alice, "2024-03-10", result("Cholesterol", "180", "mg/dL"))
    post_panel(client, alice, "2024-06-10", result("Cholesterol", "170", "mg/dL"))
    post_panel(client, alice, "2024-06-10", result("TSH", "2.0"))
    latest = client.get(f"{BASE}/latest", headers=alice.headers).json["data"]
    by_name = {i["test_name"]: i for i in latest}
    assert sorted(by_name) == ["TSH", "Total cholesterol"]
    cholesterol = by_name["Total cholesterol"]
    assert (cholesterol["test_date"], cholesterol["value"], cholesterol["change"]) == (
        "2024-06-10",
        170,
        -10,
    )
    assert cholesterol["previous"] == {
        "test_date": "2024-03-10",
        "result_value": "180",
        "result_unit": "mg/dL",
        "value": 180,
    }
    assert cholesterol["change_percent"] == pytest.approx(-5.6)
    assert (by_name["TSH"]["previous"], by_name["TSH"]["change"]) == (None, None)
    # As sent, the change between two results sent in different units is not given.
    post_panel(client, alice, "2024-07-10", result("Cholesterol", "4.5", "mmol/L"))
    as_sent = client.get(f"{BASE}/latest", headers=alice.headers, query_string={"units": "as_sent"})
    cholesterol = next(i for i in as_sent.json["data"] if i["test_name"] == "Total cholesterol")
    assert (cholesterol["value"], cholesterol["unit"], cholesterol["change"]) == (
        4.5,
        "mmol/L",
        None,
    )
    in_catalogue = client.get(f"{BASE}/latest", headers=alice.headers).json["data"]
    cholesterol = next(i for i in in_catalogue if i["test_name"] == "Total cholesterol")
    assert cholesterol["change"] == pytest.approx(float(Decimal("4.5") * mmol - 170))


def test_another_users_results_stay_out_of_latest_and_history(client, alice, bob):
    post_panel(client, alice, "2024-01-10", result("Glucose", "95"))
    assert client.get(f"{BASE}/latest", headers=bob.headers).json["data"] == []
    history = client.get(f"{BASE}/tests/Glucose/history", headers=bob.headers)
    assert history.json["data"]["points"] == []
