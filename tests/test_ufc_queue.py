"""The fighter-candidate queue through HTTP: enqueue, claim (SKIP LOCKED), done and failed."""

import json
import threading

import psycopg
import pytest
from psycopg.rows import dict_row

from app.db import BOOK
from tests.helpers import assert_error

QUEUE = "/api/v1/ufc/fighters/queue"


def enqueue(client, account, full_name, **fields):
    response = client.post(QUEUE, headers=account.headers, json={"full_name": full_name, **fields})
    assert response.status_code == 200, response.json
    return response.json["data"]["id"]


def claim(client, account, **payload):
    response = client.post(f"{QUEUE}/claim", headers=account.headers, json=payload)
    assert response.status_code == 200, response.json
    return response.json["data"]


def statuses(conn):
    rows = conn.execute("SELECT id, status FROM ufc.fighter_candidates ORDER BY id").fetchall()
    return {row["id"]: row["status"] for row in rows}


def test_enqueue_records_who_asked(client, alice, conn):
    response = client.post(
        QUEUE,
        headers=alice.headers,
        json={"full_name": "  Bo Nickal ", "description": "Wrestler", "dwcsInfo": "DWCS 2022"},
    )
    assert response.status_code == 200
    data = response.json["data"]
    assert (data["full_name"], data["description"], data["dwcs_info"]) == (
        "Bo Nickal",
        "Wrestler",
        "DWCS 2022",
    )
    assert (data["status"], data["attempts"], data["customer_id"]) == (
        "pending",
        0,
        alice.customer_id,
    )
    assert response.json["meta"] == {"candidate_id": data["id"]}
    assert statuses(conn) == {data["id"]: "pending"}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "full_name"),
        ({"full_name": "   "}, "full_name"),
        ({"full_name": "x" * 201}, "full_name"),
        ({"full_name": "Bo", "description": "x" * 2001}, "description"),
        ({"full_name": "Bo", "dwcs_info": "x" * 201}, "dwcs_info"),
        ({"full_name": "Bo", "queue_url": "sqs://"}, "queue_url"),
    ],
)
def test_bad_candidates_are_400_and_queue_nothing(client, alice, conn, payload, field):
    assert_error(client.post(QUEUE, headers=alice.headers, json=payload), 400, field)
    assert statuses(conn) == {}


def test_enqueue_needs_a_token(client, conn):
    assert_error(client.post(QUEUE, json={"full_name": "Bo Nickal"}), 401)
    assert statuses(conn) == {}


def test_claims_hand_out_the_oldest_first_then_nothing(client, alice, admin, conn):
    first = enqueue(client, alice, "First")
    second = enqueue(client, alice, "Second")
    claimed = claim(client, admin)
    assert (claimed["id"], claimed["status"], claimed["attempts"]) == (first, "claimed", 1)
    assert claimed["lease_expires_at"] > claimed["claimed_at"]
    assert claim(client, admin)["id"] == second
    response = client.post(f"{QUEUE}/claim", headers=admin.headers)
    assert response.json["data"] is None
    assert response.json["message"] == "No candidate is waiting"


def test_a_lapsed_claim_is_handed_out_again(client, alice, admin, conn):
    candidate = enqueue(client, alice, "Crashed Worker's")
    claim(client, admin, lease_seconds=60)
    assert client.post(f"{QUEUE}/claim", headers=admin.headers).json["data"] is None
    conn.execute("UPDATE ufc.fighter_candidates SET lease_expires_at = now() - interval '1 second'")
    again = claim(client, admin)
    assert (again["id"], again["attempts"]) == (candidate, 2)


def worker_connection(database_url):
    return psycopg.connect(database_url, options="-c search_path=ufc", row_factory=dict_row)


def test_a_claim_skips_a_candidate_another_worker_is_claiming(client, alice, admin, database_url):
    """Worker A's claim is still in its open transaction (row locked) when worker B claims
    over HTTP: B gets the next candidate at once instead of A's or waiting for A."""
    first = enqueue(client, alice, "First")
    second = enqueue(client, alice, "Second")
    with worker_connection(database_url) as worker_a:
        held = worker_a.execute(
            BOOK["ufc/claim_fighter_candidate"].text, {"lease_seconds": 300}
        ).fetchone()
        assert json.loads(held["candidate"])["id"] == first
        assert claim(client, admin)["id"] == second
        assert client.post(f"{QUEUE}/claim", headers=admin.headers).json["data"] is None
        worker_a.rollback()
    assert claim(client, admin)["id"] == first  # A gave up: its candidate is pending again


def test_concurrent_workers_never_get_the_same_candidate(make_app, alice, admin, conn):
    candidates = 40
    conn.execute(
        "INSERT INTO ufc.fighter_candidates (customer_id, full_name)"
        " SELECT %s, 'Candidate ' || n FROM generate_series(1, %s) AS n",
        (alice.customer_id, candidates),
    )
    app = make_app(DB_POOL_SIZE="4")
    start = threading.Barrier(4)
    claimed: list[list[int]] = [[] for _ in range(4)]

    def work(mine: list[int]) -> None:
        client = app.test_client()
        start.wait()
        while got := client.post(f"{QUEUE}/claim", headers=admin.headers).json["data"]:
            mine.append(got["id"])

    workers = [threading.Thread(target=work, args=(mine,)) for mine in claimed]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    every_claim = [candidate for mine in claimed for candidate in mine]
    assert len(every_claim) == candidates
    assert len(set(every_claim)) == candidates
    assert set(statuses(conn).values()) == {"claimed"}


def test_done_and_failed_finish_a_claimed_candidate(client, alice, admin, conn):
    good = enqueue(client, alice, "Good")
    bad = enqueue(client, alice, "Bad")
    claim(client, admin)
    claim(client, admin)
    done = client.post(f"{QUEUE}/{good}/done", headers=admin.headers)
    assert done.status_code == 200, done.json
    assert (done.json["data"]["status"], done.json["data"]["lease_expires_at"]) == ("done", None)
    assert done.json["data"]["finished_at"] is not None
    failed = client.post(
        f"{QUEUE}/{bad}/failed", headers=admin.headers, json={"error": "no UFC profile"}
    )
    assert (failed.json["data"]["status"], failed.json["data"]["error"]) == (
        "failed",
        "no UFC profile",
    )
    assert statuses(conn) == {good: "done", bad: "failed"}
    assert client.post(f"{QUEUE}/claim", headers=admin.headers).json["data"] is None


def test_only_a_claimed_candidate_can_be_finished(client, alice, admin, conn):
    candidate = enqueue(client, alice, "Waiting")
    body = assert_error(client.post(f"{QUEUE}/{candidate}/done", headers=admin.headers), 409)
    assert "pending" in body["message"]
    claim(client, admin)
    client.post(f"{QUEUE}/{candidate}/done", headers=admin.headers)
    again = client.post(f"{QUEUE}/{candidate}/failed", headers=admin.headers, json={"error": "x"})
    assert "done" in assert_error(again, 409)["message"]
    assert statuses(conn) == {candidate: "done"}


def test_finishing_a_missing_candidate_is_404(client, admin):
    assert_error(client.post(f"{QUEUE}/999/done", headers=admin.headers), 404)
    assert_error(
        client.post(f"{QUEUE}/999/failed", headers=admin.headers, json={"error": "x"}), 404
    )


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        ("claim", {"lease_seconds": 5}, "lease_seconds"),
        ("claim", {"lease_seconds": 3601}, "lease_seconds"),
        ("failed", {}, "error"),
        ("failed", {"error": ""}, "error"),
    ],
)
def test_bad_worker_requests_are_400(client, alice, admin, conn, path, payload, field):
    candidate = enqueue(client, alice, "Waiting")
    url = f"{QUEUE}/claim" if path == "claim" else f"{QUEUE}/{candidate}/{path}"
    if path != "claim":
        claim(client, admin)
    assert_error(client.post(url, headers=admin.headers, json=payload), 400, field)
    expected = "pending" if path == "claim" else "claimed"
    assert statuses(conn) == {candidate: expected}


def test_only_an_admin_token_works_the_queue(client, alice, conn):
    candidate = enqueue(client, alice, "Waiting")
    assert_error(client.post(f"{QUEUE}/claim", headers=alice.headers), 403)
    assert_error(client.post(f"{QUEUE}/{candidate}/done", headers=alice.headers), 403)
    assert_error(
        client.post(f"{QUEUE}/{candidate}/failed", headers=alice.headers, json={"error": "x"}), 403
    )
    assert_error(client.post(f"{QUEUE}/claim"), 401)
    assert statuses(conn) == {candidate: "pending"}


def test_deleting_a_user_removes_their_candidates(client, alice, conn):
    enqueue(client, alice, "Waiting")
    conn.execute("DELETE FROM aiapp.users WHERE customer_id = %s", (alice.customer_id,))
    assert statuses(conn) == {}
