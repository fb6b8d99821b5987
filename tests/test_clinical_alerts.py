"""Alerts through HTTP: the status transitions the database allows (409 otherwise), resolution
notes (400 without), listing by status, another clinician's alerts."""

import itertools
import uuid

import psycopg
import pytest

from tests.clinical_helpers import API, count, create_patient
from tests.helpers import assert_error

ALERT = {"type": "biometric", "message": "Resting heart rate above 110 for 3 days"}
STATUSES = ("open", "acknowledged", "in_progress", "resolved", "dismissed")
# The rules as documented for clients; the database's clinical.alert_transitions must match.
ALLOWED = {
    ("open", "acknowledged"),
    ("open", "in_progress"),
    ("open", "resolved"),
    ("open", "dismissed"),
    ("acknowledged", "in_progress"),
    ("acknowledged", "resolved"),
    ("acknowledged", "dismissed"),
    ("in_progress", "resolved"),
    ("in_progress", "dismissed"),
    ("dismissed", "open"),
}


@pytest.fixture
def patient_url(client, alice):
    return f"{API}/patients/{create_patient(client, alice)['patient_id']}"


def raise_alert(client, account, patient_url, **fields):
    response = client.post(
        f"{patient_url}/alerts", headers=account.headers, json={**ALERT, **fields}
    )
    assert response.status_code == 201, response.json
    return response.json["data"]


def move(client, account, alert_url, status, notes=None):
    body = {"status": status}
    if notes is not None:
        body["resolution_notes"] = notes
    return client.patch(alert_url, headers=account.headers, json=body)


def test_a_new_alert_is_open(client, alice, patient_url):
    alert = raise_alert(client, alice, patient_url, data={"bpm": [112, 115, 118]})
    assert (alert["status"], alert["priority"], alert["type"]) == ("open", "medium", "biometric")
    assert (alert["resolved_at"], alert["resolution_notes"]) == (None, None)
    assert alert["data"] == {"bpm": [112, 115, 118]}
    assert raise_alert(client, alice, patient_url, priority="urgent")["priority"] == "urgent"


def test_work_an_alert_through_to_resolved(client, alice, patient_url):
    alert = raise_alert(client, alice, patient_url)
    url = f"{patient_url}/alerts/{alert['alert_id']}"
    assert move(client, alice, url, "acknowledged").json["data"]["status"] == "acknowledged"
    assert move(client, alice, url, "in_progress").json["data"]["status"] == "in_progress"
    resolved = move(client, alice, url, "resolved", "Beta blocker dose adjusted")
    assert resolved.status_code == 200
    data = resolved.json["data"]
    assert (data["status"], data["resolution_notes"]) == ("resolved", "Beta blocker dose adjusted")
    assert data["resolved_at"] is not None
    assert client.get(url, headers=alice.headers).json["data"] == data


@pytest.mark.parametrize("notes", [None, "   "])
def test_resolving_without_notes_is_400_and_changes_nothing(client, alice, patient_url, notes):
    alert = raise_alert(client, alice, patient_url)
    url = f"{patient_url}/alerts/{alert['alert_id']}"
    assert_error(move(client, alice, url, "resolved", notes), 400, "resolution_notes")
    assert client.get(url, headers=alice.headers).json["data"] == alert


def test_resolved_is_final_reopening_is_409(client, alice, patient_url):
    alert = raise_alert(client, alice, patient_url)
    url = f"{patient_url}/alerts/{alert['alert_id']}"
    resolved = move(client, alice, url, "resolved", "Seen in clinic").json["data"]
    body = assert_error(move(client, alice, url, "open"), 409, "status")
    assert body["message"] == "An alert cannot go from resolved to open."
    assert_error(move(client, alice, url, "dismissed", "never mind"), 409, "status")
    assert client.get(url, headers=alice.headers).json["data"] == resolved


def test_a_dismissed_alert_can_be_reopened_and_loses_its_notes(client, alice, patient_url):
    alert = raise_alert(client, alice, patient_url)
    url = f"{patient_url}/alerts/{alert['alert_id']}"
    dismissed = move(client, alice, url, "dismissed", "Watch was loose").json["data"]
    assert (dismissed["status"], dismissed["resolution_notes"]) == ("dismissed", "Watch was loose")
    reopened = move(client, alice, url, "open").json["data"]
    assert (reopened["status"], reopened["resolution_notes"]) == ("open", None)


def test_notes_go_only_with_closing(client, alice, patient_url):
    alert = raise_alert(client, alice, patient_url)
    url = f"{patient_url}/alerts/{alert['alert_id']}"
    assert_error(move(client, alice, url, "acknowledged", "noted"), 400, "resolution_notes")
    assert client.get(url, headers=alice.headers).json["data"]["status"] == "open"


# How to reach each status from open through allowed changes.
PATH_TO = {
    "open": [],
    "acknowledged": ["acknowledged"],
    "in_progress": ["in_progress"],
    "resolved": ["resolved"],
    "dismissed": ["dismissed"],
}


def closing_notes(status):
    return "closing notes" if status in ("resolved", "dismissed") else None


@pytest.mark.parametrize(("start", "target"), list(itertools.product(STATUSES, STATUSES)))
def test_every_transition_follows_the_rules(client, alice, patient_url, start, target):
    alert = raise_alert(client, alice, patient_url)
    url = f"{patient_url}/alerts/{alert['alert_id']}"
    for step in PATH_TO[start]:
        assert move(client, alice, url, step, closing_notes(step)).status_code == 200
    response = move(client, alice, url, target, closing_notes(target))
    if (start, target) in ALLOWED:
        assert response.status_code == 200, response.json
        assert response.json["data"]["status"] == target
    else:
        assert_error(response, 409, "status")
        assert client.get(url, headers=alice.headers).json["data"]["status"] == start


def test_the_database_refuses_a_transition_whoever_writes(client, alice, patient_url, conn):
    alert = raise_alert(client, alice, patient_url)
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState, match="from open to open"):
        conn.execute(
            "UPDATE clinical.alerts SET status = 'open' WHERE alert_id = %s", (alert["alert_id"],)
        )
    with pytest.raises(psycopg.errors.CheckViolation, match="alerts_resolved_at_iff_resolved"):
        conn.execute(
            "UPDATE clinical.alerts SET status = 'resolved', resolution_notes = 'x'"
            " WHERE alert_id = %s",
            (alert["alert_id"],),
        )


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**ALERT, "type": "gossip"}, "type"),
        ({**ALERT, "priority": "whenever"}, "priority"),
        ({**ALERT, "message": ""}, "message"),
        ({"type": "risk"}, "message"),
        ({**ALERT, "status": "resolved"}, "status"),
    ],
)
def test_bad_alert_is_400_and_writes_nothing(client, alice, patient_url, conn, payload, field):
    response = client.post(f"{patient_url}/alerts", headers=alice.headers, json=payload)
    assert_error(response, 400, field)
    assert count(conn, "alerts") == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "closed"}, "status"),
        ({}, "status"),
        ({"status": "open", "priority": "low"}, "priority"),
    ],
)
def test_bad_status_change_is_400(client, alice, patient_url, body, field):
    alert = raise_alert(client, alice, patient_url)
    url = f"{patient_url}/alerts/{alert['alert_id']}"
    assert_error(client.patch(url, headers=alice.headers, json=body), 400, field)


def test_list_newest_first_and_by_status(client, alice, patient_url):
    for message in ("first", "second", "third"):
        raise_alert(client, alice, patient_url, message=message)
    listed = client.get(f"{patient_url}/alerts", headers=alice.headers).json["data"]
    second = next(a for a in listed if a["message"] == "second")
    move(client, alice, f"{patient_url}/alerts/{second['alert_id']}", "acknowledged")

    def messages(**query):
        response = client.get(f"{patient_url}/alerts", headers=alice.headers, query_string=query)
        assert response.status_code == 200, response.json
        return [a["message"] for a in response.json["data"]]

    assert messages() == ["third", "second", "first"]
    assert messages(status="open") == ["third", "first"]
    assert messages(status="acknowledged") == ["second"]
    assert messages(status="resolved") == []
    assert messages(limit=1, offset=1) == ["second"]
    assert_error(
        client.get(f"{patient_url}/alerts", headers=alice.headers, query_string={"status": "x"}),
        400,
        "status",
    )


def test_another_clinicians_alerts_are_404(client, alice, bob, patient_url):
    alert = raise_alert(client, alice, patient_url)
    url = f"{patient_url}/alerts/{alert['alert_id']}"
    assert_error(client.get(f"{patient_url}/alerts", headers=bob.headers), 404)
    assert_error(client.post(f"{patient_url}/alerts", headers=bob.headers, json=ALERT), 404)
    assert_error(client.get(url, headers=bob.headers), 404)
    assert_error(move(client, bob, url, "dismissed", "not mine"), 404)
    assert client.get(url, headers=alice.headers).json["data"] == alert


def test_unknown_alert_is_404(client, alice, patient_url):
    url = f"{patient_url}/alerts/{uuid.uuid4()}"
    assert_error(client.get(url, headers=alice.headers), 404)
    assert_error(move(client, alice, url, "acknowledged"), 404)
