"""The original's blood clients, replayed: GET /tests with its query model and POST /legacy
with its MediaModel action payload, answered in their shapes (the legacy one not enveloped)."""

from __future__ import annotations

BLOOD = "/api/v1/blood"


def add_result(client, account, conn, day="2024-03-01", value="14.2"):
    """One Hemoglobin result stored through this service's own panel route (the shipped
    catalogue's Haemoglobin, matched by its alias)."""
    result = {"test_name": "Hemoglobin", "result_value": value, "reference_range": "13.5-17.5"}
    body = {"test_date": day, "results": [result]}
    response = client.post(f"{BLOOD}/tests", json=body, headers=account.headers)
    assert response.status_code in (200, 201), response.json


def test_get_tests_with_the_originals_query(client, alice, conn):
    add_result(client, alice, conn, day="2024-01-01")
    add_result(client, alice, conn, day="2024-03-01", value="13.9")
    response = client.get(
        f"{BLOOD}/tests",
        query_string={
            "start_date": "2024-02-01",
            "end_date": "2024-12-31",
            "category": "Complete blood count",
            "limit": 500,
        },
        headers=alice.headers,
    )
    assert response.status_code == 200, response.json
    assert [item["test_date"] for item in response.json["data"]["items"]] == ["2024-03-01"]
    assert response.json["meta"]["total_count"] == 1
    too_many = client.get(f"{BLOOD}/tests", query_string={"limit": 501}, headers=alice.headers)
    assert too_many.status_code == 400


def test_legacy_action_with_every_field(client, alice, conn):
    add_result(client, alice, conn)
    body = {
        "action": "get_all_blood_tests",
        "user_input": {},
        "user_settings": {"general": {"returnTestData": False}},
        "customer_id": alice.customer_id,
        "session_id": None,
        "asset_input": None,
    }
    response = client.post(f"{BLOOD}/legacy", json=body, headers=alice.headers)
    assert response.status_code == 200, response.json
    assert response.json["code"] == 200
    assert response.json["success"] is True
    assert response.json["message"]["status"] == "completed"
    # Stored against the catalogue's marker, so the catalogue's name is what reads show.
    assert [item["test_name"] for item in response.json["message"]["result"]] == ["Haemoglobin"]
    refused = client.post(
        f"{BLOOD}/legacy", json={**body, "action": "get_everything"}, headers=alice.headers
    )
    assert refused.status_code == 400
    assert refused.json["message"] == {
        "status": "fail",
        "result": "Unsupported blood action: get_everything",
    }
