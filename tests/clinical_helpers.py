"""What the clinical tests share: the API prefix, a patient to create, the access log rows."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from tests.helpers import Account

API = "/api/v1/clinical"
PATIENT = {
    "medical_record_number": "MRN-001",
    "first_name": "Ada",
    "last_name": "Byron",
    "date_of_birth": "1985-12-10",
}


def create_patient(client, account: Account, **fields: Any) -> dict[str, Any]:
    response = client.post(f"{API}/patients", headers=account.headers, json={**PATIENT, **fields})
    assert response.status_code == 201, response.json
    return response.json["data"]


def access_log(conn: psycopg.Connection) -> list[dict[str, Any]]:
    """Every access_log row, oldest first, with patient_id as text (as the API shows it)."""
    return conn.execute(
        "SELECT customer_id, token_customer_id, patient_id::text, action, status_code,"
        " request_id FROM clinical.access_log ORDER BY access_id"
    ).fetchall()


def count(conn: psycopg.Connection, table: str) -> int:
    statement = sql.SQL("SELECT count(*) AS n FROM clinical.{}").format(sql.Identifier(table))
    return conn.execute(statement).fetchone()["n"]
