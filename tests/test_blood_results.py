"""Blood results through HTTP: panel upload, listing with filters and meta, edit and delete,
history, latest, the legacy action, and who may see what."""

from decimal import Decimal

import pytest

from tests.helpers import assert_error


@pytest.fixture(autouse=True)
def hand_made_catalogue(conn):
    """These tests build the catalogue they need by hand: start from an empty one, not the
    shipped markers (tests/test_blood_catalogue.py covers those)."""
    conn.execute("DELETE FROM blood.test_definitions")


BASE = "/api/v1/blood"
ITEM_KEYS = {
    "id",
    "test_definition_id",
    "test_date",
    "result_value",
    "result_unit",
    "reference_range",
    "category",
    "test_name",
    "short_explanation",
    "long_explanation",
}
DERIVED_KEYS = {
    "loinc_code",
    "own_test",
    "catalogue_value",
    "catalogue_unit",
    "units",
    "value",
    "unit",
    "flag_range",
    "result_numeric",
    "result_comparator",
    "reference_low",
    "reference_high",
    "result_flag",
    "out_of_range",
}


@pytest.fixture
def catalogue(conn):
    """Four tests in three categories, by name -> id."""
    rows = [
        ("Metabolic", "Glucose", "Blood sugar", "Fasting plasma glucose.", "mmol/L"),
        ("Lipids", "HDL", "Good cholesterol", None, "mmol/L"),
        ("Lipids", "LDL", "Bad cholesterol", None, None),
        ("Thyroid", "TSH", None, None, "mIU/L"),
    ]
    ids = {}
    for category, name, short, long, unit in rows:
        ids[name] = conn.execute(
            "INSERT INTO blood.test_definitions"
            " (category, test_name, short_explanation, long_explanation, default_unit)"
            " VALUES (%s, %s, %s, %s, %s) RETURNING id",
            (category, name, short, long, unit),
        ).fetchone()["id"]
    return ids


def result(test_name, value, unit=None, reference_range=None):
    return {
        "test_name": test_name,
        "result_value": value,
        "result_unit": unit,
        "reference_range": reference_range,
    }


def post_panel(client, account, test_date, *results, **extra):
    body = {"test_date": test_date, "results": list(results), **extra}
    return client.post(f"{BASE}/tests", headers=account.headers, json=body)


def stored(conn, customer_id=None):
    query = "SELECT * FROM blood.blood_tests"
    if customer_id is None:
        return conn.execute(query + " ORDER BY id").fetchall()
    return conn.execute(query + " WHERE customer_id = %s ORDER BY id", (customer_id,)).fetchall()


@pytest.fixture
def alice_history(client, alice, catalogue):
    """Three panels of alice's: 2024-01-10, 2024-03-05 and 2024-06-20."""
    for day, glucose, hdl in [
        ("2024-01-10", "5.0", "1.1"),
        ("2024-03-05", "6.1", "0.8"),
        ("2024-06-20", "5.4", "1.4"),
    ]:
        saved = post_panel(
            client,
            alice,
            day,
            result("Glucose", glucose, reference_range="3.9-5.5"),
            result("HDL", hdl, reference_range=">1.0"),
        )
        assert saved.status_code == 200, saved.json
    tsh = post_panel(client, alice, "2024-03-05", result("TSH", "2.1", reference_range="0.4-4.0"))
    assert tsh.status_code == 200


# Panel upload


def test_panel_upload_stores_each_result_with_what_the_database_reads_from_it(
    client, alice, catalogue, conn
):
    response = post_panel(
        client,
        alice,
        "2024-05-01",
        result("Glucose", "5.9", "mmol/L", "3.9 - 5.5"),
        result("hdl", "<0.5", reference_range="1.0-2.0"),
        result("LDL", "negative"),
    )
    assert response.status_code == 200, response.json
    assert response.json["message"] == "Saved 3 results"
    items = {item["test_name"]: item for item in response.json["data"]}
    assert list(items) == ["HDL", "LDL", "Glucose"]  # by category, then name
    assert set(items["Glucose"]) == ITEM_KEYS | DERIVED_KEYS
    glucose = items["Glucose"]
    assert glucose["test_definition_id"] == catalogue["Glucose"]
    assert (glucose["test_date"], glucose["result_value"], glucose["result_unit"]) == (
        "2024-05-01",
        "5.9",
        "mmol/L",
    )
    assert (glucose["category"], glucose["short_explanation"]) == ("Metabolic", "Blood sugar")
    assert (glucose["result_numeric"], glucose["reference_low"], glucose["reference_high"]) == (
        5.9,
        3.9,
        5.5,
    )
    assert (glucose["result_flag"], glucose["out_of_range"]) == ("high", True)
    hdl = items["HDL"]
    assert hdl["result_unit"] == "mmol/L"  # the definition's default unit
    assert (hdl["result_numeric"], hdl["result_comparator"], hdl["result_flag"]) == (
        0.5,
        "<",
        "low",
    )
    ldl = items["LDL"]
    assert (ldl["result_numeric"], ldl["result_unit"], ldl["result_flag"]) == (None, None, None)
    rows = stored(conn, alice.customer_id)
    assert len(rows) == 3
    assert {row["id"] for row in rows} == {item["id"] for item in items.values()}


def test_a_panel_for_the_same_day_replaces_earlier_results(client, alice, catalogue, conn):
    first = post_panel(client, alice, "2024-05-01", result("Glucose", "5.9", None, "3.9-5.5"))
    again = post_panel(client, alice, "2024-05-01", result("GLUCOSE", "5.1", "MMOL/l"))
    assert again.status_code == 200
    assert again.json["data"][0]["id"] == first.json["data"][0]["id"]
    (row,) = stored(conn)
    assert (row["result_value"], row["result_unit"], row["reference_range"]) == (
        "5.1",
        "MMOL/l",  # as sent: the unit matches the default in any letter case
        None,
    )
    assert row["result_numeric"] == Decimal("5.1")
    assert row["result_flag"] is None  # no range any more


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"test_name": "TSH"}, "result_value"),
        ({"test_name": "TSH", "result_value": "   "}, "result_value"),
        ({"test_name": "TSH", "result_value": "x" * 51}, "result_value"),
        (
            {"test_name": "TSH", "result_value": "1", "reference_range": "r" * 101},
            "reference_range",
        ),
        ({"test_name": "TSH", "result_value": 2.5}, "result_value"),
        ({"test_name": "TSH", "result_value": "1", "flag": "H"}, "flag"),
        ({"test_name": "glucose", "result_value": "5.0"}, "test_name"),  # twice in the panel
    ],
)
def test_one_bad_row_rejects_the_whole_panel(client, alice, catalogue, conn, bad, field):
    response = post_panel(
        client, alice, "2024-05-01", result("Glucose", "5.2"), result("HDL", "1.2"), bad
    )
    body = assert_error(response, 400, "results")
    assert body["data"]["errors"]["results"]["2"][field]
    assert stored(conn) == []


def test_under_strict_an_unknown_test_name_rejects_the_whole_panel(client, alice, catalogue, conn):
    response = client.post(
        f"{BASE}/tests",
        headers=alice.headers,
        query_string={"strict": "true"},
        json={
            "test_date": "2024-05-01",
            "results": [result("Glucose", "5.2"), result("Vitamin Q", "3"), result("HDL", "1.2")],
        },
    )
    body = assert_error(response, 400, "results")
    assert body["data"]["errors"]["results"] == {"1": {"test_name": ["No test has this name."]}}
    assert stored(conn) == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"results": [{"test_name": "TSH", "result_value": "1"}]}, "test_date"),
        (
            {"test_date": "2024-02-30", "results": [{"test_name": "TSH", "result_value": "1"}]},
            "test_date",
        ),
        ({"test_date": "2024-02-01", "results": []}, "results"),
        ({"test_date": "2024-02-01"}, "results"),
    ],
)
def test_a_malformed_panel_is_400(client, alice, catalogue, conn, body, field):
    response = client.post(f"{BASE}/tests", headers=alice.headers, json=body)
    assert_error(response, 400, field)
    assert stored(conn) == []


# Listing


def test_list_has_the_original_item_shape_newest_first(client, alice, alice_history, catalogue):
    response = client.get(f"{BASE}/tests", headers=alice.headers)
    assert response.status_code == 200
    body = response.json
    assert body["message"] == "Retrieved blood tests"
    items = body["data"]["items"]
    assert len(items) == 7
    assert all(set(item) == ITEM_KEYS for item in items)
    assert [i["test_date"] for i in items] == sorted((i["test_date"] for i in items), reverse=True)
    same_day = [i["id"] for i in items if i["test_date"] == "2024-03-05"]
    assert same_day == sorted(same_day, reverse=True)  # id DESC within a day
    newest = items[0]
    assert newest["test_date"] == "2024-06-20"
    assert newest["test_name"] == "HDL"  # inserted after Glucose on that day
    assert (newest["result_value"], newest["reference_range"]) == ("1.4", ">1.0")
    assert (newest["category"], newest["short_explanation"], newest["long_explanation"]) == (
        "Lipids",
        "Good cholesterol",
        None,
    )
    assert body["data"]["total_count"] == 7
    assert body["data"]["latest_test_date"] == "2024-06-20"
    assert body["data"]["filters"] is None
    assert body["meta"] == {"total_count": 7, "latest_test_date": "2024-06-20"}


def test_filters_apply_in_the_database_and_the_total_is_counted_before_the_limit(
    client, alice, alice_history
):
    response = client.get(
        f"{BASE}/tests",
        headers=alice.headers,
        query_string={"start_date": "2024-02-01", "end_date": "2024-06-30", "limit": 2},
    )
    assert response.status_code == 200
    body = response.json
    assert body["message"] == "Retrieved blood tests with applied filters"
    assert [i["test_date"] for i in body["data"]["items"]] == ["2024-06-20", "2024-06-20"]
    assert body["data"]["total_count"] == 5
    filters = {"start_date": "2024-02-01", "end_date": "2024-06-30", "limit": 2}
    assert body["data"]["filters"] == {**filters, "category": None}
    assert body["meta"] == {"total_count": 5, "latest_test_date": "2024-06-20", "filters": filters}


def test_category_and_date_filters(client, alice, alice_history):
    lipids = client.get(
        f"{BASE}/tests", headers=alice.headers, query_string={"category": "Lipids"}
    ).json
    assert {i["test_name"] for i in lipids["data"]["items"]} == {"HDL"}
    assert lipids["meta"]["total_count"] == 3
    assert lipids["meta"]["filters"] == {"category": "Lipids"}
    march = client.get(
        f"{BASE}/tests",
        headers=alice.headers,
        query_string={"startDate": "2024-03-05", "endDate": "2024-03-05"},
    ).json
    assert {i["test_name"] for i in march["data"]["items"]} == {"Glucose", "HDL", "TSH"}
    assert march["meta"]["latest_test_date"] == "2024-03-05"


def test_nothing_matching_gives_an_empty_list_and_no_latest_date(client, alice, alice_history):
    response = client.get(f"{BASE}/tests", headers=alice.headers, query_string={"category": "Nope"})
    data = response.json["data"]
    assert (data["items"], data["total_count"], data["latest_test_date"]) == ([], 0, None)
    assert response.json["meta"] == {"total_count": 0, "filters": {"category": "Nope"}}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"start_date": "yesterday"}, "start_date"),
        ({"start_date": "2024-05-02", "end_date": "2024-05-01"}, "end_date"),
        ({"customer_id": "me"}, "customer_id"),
    ],
)
def test_bad_list_filters_are_400(client, alice, query, field):
    assert_error(client.get(f"{BASE}/tests", headers=alice.headers, query_string=query), 400, field)


# Who may see what


def test_another_user_sees_nothing_of_alices(client, alice, bob, alice_history):
    listed = client.get(f"{BASE}/tests", headers=bob.headers).json
    assert listed["data"]["items"] == []
    assert listed["meta"]["total_count"] == 0
    assert client.get(f"{BASE}/latest", headers=bob.headers).json["data"] == []
    history = client.get(f"{BASE}/tests/Glucose/history", headers=bob.headers).json
    assert history["data"]["points"] == []
    legacy = client.post(
        f"{BASE}/legacy", headers=bob.headers, json={"action": "get_all_blood_tests"}
    )
    assert legacy.json["message"]["result"] == []


def test_another_users_result_cannot_be_changed_or_deleted(client, alice, bob, alice_history, conn):
    target = stored(conn, alice.customer_id)[0]
    patched = client.patch(
        f"{BASE}/tests/{target['id']}", headers=bob.headers, json={"result_value": "9"}
    )
    assert_error(patched, 404)
    assert_error(client.delete(f"{BASE}/tests/{target['id']}", headers=bob.headers), 404)
    assert stored(conn, alice.customer_id)[0] == target


def test_a_user_may_not_act_for_another(client, alice, bob, catalogue, conn):
    listed = client.get(
        f"{BASE}/tests", headers=bob.headers, query_string={"customer_id": alice.customer_id}
    )
    assert_error(listed, 403)
    posted = post_panel(
        client, bob, "2024-05-01", result("TSH", "1.0"), customer_id=alice.customer_id
    )
    assert_error(posted, 403)
    assert stored(conn) == []


def test_an_admin_acts_for_a_user_with_customer_id(client, admin, alice, alice_history, conn):
    listed = client.get(
        f"{BASE}/tests", headers=admin.headers, query_string={"customer_id": alice.customer_id}
    )
    assert listed.status_code == 200, listed.json
    assert listed.json["meta"]["total_count"] == 7
    assert "customer_id" not in listed.json["meta"].get("filters", {})
    own = client.get(f"{BASE}/tests", headers=admin.headers)
    assert own.json["meta"]["total_count"] == 0
    posted = post_panel(
        client,
        admin,
        "2024-07-01",
        result("TSH", "5.5", None, "0.4-4.0"),
        customer_id=alice.customer_id,
    )
    assert posted.status_code == 200, posted.json
    assert posted.json["data"][0]["out_of_range"] is True
    assert len(stored(conn, alice.customer_id)) == 8
    assert stored(conn, admin.customer_id) == []


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/tests"),
        ("post", "/tests"),
        ("patch", "/tests/1"),
        ("delete", "/tests/1"),
        ("get", "/tests/Glucose/history"),
        ("get", "/latest"),
        ("post", "/legacy"),
    ],
)
def test_every_results_route_needs_a_token(client, method, path):
    assert_error(getattr(client, method)(f"{BASE}{path}", json={}), 401)


# Edit and delete


def test_patch_changes_what_was_sent_and_the_flag_follows(client, alice, alice_history, conn):
    target = next(r for r in stored(conn, alice.customer_id) if r["result_value"] == "6.1")
    assert target["result_flag"] == "high"
    response = client.patch(
        f"{BASE}/tests/{target['id']}", headers=alice.headers, json={"resultValue": "4.8"}
    )
    assert response.status_code == 200, response.json
    item = response.json["data"]
    assert (item["result_value"], item["result_numeric"], item["result_flag"]) == (
        "4.8",
        4.8,
        "normal",
    )
    assert (item["reference_range"], item["test_date"], item["test_name"]) == (
        "3.9-5.5",
        "2024-03-05",
        "Glucose",
    )
    cleared = client.patch(
        f"{BASE}/tests/{target['id']}", headers=alice.headers, json={"reference_range": None}
    ).json["data"]
    assert (cleared["reference_low"], cleared["result_flag"], cleared["out_of_range"]) == (
        None,
        None,
        None,
    )
    row = conn.execute("SELECT * FROM blood.blood_tests WHERE id = %s", (target["id"],)).fetchone()
    assert (row["result_value"], row["reference_range"], row["result_flag"]) == ("4.8", None, None)


def test_moving_a_result_onto_a_taken_day_is_409(client, alice, alice_history, conn):
    target = next(r for r in stored(conn, alice.customer_id) if r["result_value"] == "6.1")
    response = client.patch(
        f"{BASE}/tests/{target['id']}", headers=alice.headers, json={"test_date": "2024-01-10"}
    )
    assert_error(response, 409, "test_date")
    row = conn.execute("SELECT test_date FROM blood.blood_tests WHERE id = %s", (target["id"],))
    assert row.fetchone()["test_date"].isoformat() == "2024-03-05"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "_schema"),
        ({"result_value": None}, "result_value"),
        ({"result_value": ""}, "result_value"),
        ({"test_date": "soon"}, "test_date"),
        ({"test_name": "HDL"}, "test_name"),
    ],
)
def test_a_bad_patch_is_400(client, alice, alice_history, conn, body, field):
    before = stored(conn)
    target = before[0]["id"]
    assert_error(
        client.patch(f"{BASE}/tests/{target}", headers=alice.headers, json=body), 400, field
    )
    assert stored(conn) == before


def test_patch_and_delete_of_a_missing_result_are_404(client, alice):
    assert_error(
        client.patch(f"{BASE}/tests/999", headers=alice.headers, json={"result_value": "1"}), 404
    )
    assert_error(client.delete(f"{BASE}/tests/999", headers=alice.headers), 404)


def test_delete_removes_only_that_result(client, alice, alice_history, conn):
    target = stored(conn, alice.customer_id)[0]["id"]
    response = client.delete(f"{BASE}/tests/{target}", headers=alice.headers)
    assert response.status_code == 200
    assert response.json["data"] == {"id": target, "deleted": True}
    assert target not in {r["id"] for r in stored(conn)}
    assert len(stored(conn)) == 6
    assert_error(client.delete(f"{BASE}/tests/{target}", headers=alice.headers), 404)


# History and latest


def test_history_is_one_marker_over_time_with_its_band(client, alice, alice_history, conn):
    conn.execute(
        "UPDATE blood.test_definitions SET reference_low = 3.9, reference_high = 5.5"
        " WHERE test_name = 'Glucose'"
    )
    response = client.get(f"{BASE}/tests/glucose/history", headers=alice.headers)
    assert response.status_code == 200
    data = response.json["data"]
    assert data["definition"]["test_name"] == "Glucose"
    assert (data["definition"]["reference_low"], data["definition"]["reference_high"]) == (3.9, 5.5)
    assert data["definition"]["default_unit"] == "mmol/L"
    points = data["points"]
    assert [p["test_date"] for p in points] == ["2024-01-10", "2024-03-05", "2024-06-20"]
    assert [p["result_numeric"] for p in points] == [5.0, 6.1, 5.4]
    assert [p["result_flag"] for p in points] == ["normal", "high", "normal"]
    assert all((p["reference_low"], p["reference_high"]) == (3.9, 5.5) for p in points)
    window = client.get(
        f"{BASE}/tests/Glucose/history",
        headers=alice.headers,
        query_string={"start_date": "2024-02-01", "end_date": "2024-04-01"},
    )
    assert [p["result_value"] for p in window.json["data"]["points"]] == ["6.1"]


def test_history_of_an_unknown_test_is_404(client, alice, alice_history):
    assert_error(client.get(f"{BASE}/tests/Vitamin%20Q/history", headers=alice.headers), 404)
    bad = client.get(
        f"{BASE}/tests/Glucose/history", headers=alice.headers, query_string={"end_date": "x"}
    )
    assert_error(bad, 400, "end_date")


def test_latest_gives_the_newest_result_of_each_test_with_its_flag(client, alice, alice_history):
    response = client.get(f"{BASE}/latest", headers=alice.headers)
    assert response.status_code == 200
    latest = {item["test_name"]: item for item in response.json["data"]}
    assert list(latest) == ["HDL", "Glucose", "TSH"]  # by category, then name
    assert (latest["Glucose"]["test_date"], latest["Glucose"]["result_value"]) == (
        "2024-06-20",
        "5.4",
    )
    assert (latest["HDL"]["result_flag"], latest["HDL"]["out_of_range"]) == ("normal", False)
    assert (latest["TSH"]["test_date"], latest["TSH"]["result_flag"]) == ("2024-03-05", "normal")
    lipids = client.get(
        f"{BASE}/latest", headers=alice.headers, query_string={"category": "Lipids"}
    )
    assert [item["test_name"] for item in lipids.json["data"]] == ["HDL"]


# The legacy action


def test_legacy_action_answers_in_the_legacy_shape(client, alice, alice_history):
    response = client.post(
        f"{BASE}/legacy",
        headers=alice.headers,
        json={
            "action": "get_all_blood_tests",
            "user_input": {},
            "user_settings": {"general": {}},
            "customer_id": alice.customer_id,
            "session_id": "abc",
            "asset_input": [],
        },
    )
    assert response.status_code == 200
    body = response.json
    assert set(body) == {"code", "success", "message"}
    assert (body["code"], body["success"], body["message"]["status"]) == (200, True, "completed")
    legacy = body["message"]["result"]
    assert len(legacy) == 7
    assert all(set(item) == ITEM_KEYS - {"test_definition_id"} for item in legacy)
    listed = client.get(f"{BASE}/tests", headers=alice.headers).json["data"]["items"]
    assert [i["id"] for i in legacy] == [i["id"] for i in listed]
    assert legacy[0] == {k: v for k, v in listed[0].items() if k != "test_definition_id"}


def test_another_legacy_action_is_400_in_the_legacy_error_shape(client, alice):
    response = client.post(
        f"{BASE}/legacy", headers=alice.headers, json={"action": "delete_all_blood_tests"}
    )
    assert response.status_code == 400
    assert response.json == {
        "code": 400,
        "success": False,
        "message": {
            "status": "fail",
            "result": "Unsupported blood action: delete_all_blood_tests",
        },
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": ""}, "action"),
        ({}, "action"),
        ({"action": "get_all_blood_tests", "extra": 1}, "extra"),
        ({"action": "get_all_blood_tests", "user_input": "text"}, "user_input"),
    ],
)
def test_a_malformed_legacy_request_is_400(client, alice, body, field):
    response = client.post(f"{BASE}/legacy", headers=alice.headers, json=body)
    assert response.status_code == 400
    assert response.json["success"] is False
    assert response.json["message"]["status"] == "fail"
    assert field in response.json["message"]["result"]
