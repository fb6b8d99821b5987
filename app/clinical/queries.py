"""Patients, twins, biometrics, alerts and the access log: one typed function per file in
sql/clinical/ (see app.db.query). Every per-patient query takes the acting clinician's
customer_id and finds nothing for another clinician's patient. JSON columns are passed as
JSON text."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from uuid import UUID

from psycopg.types.json import Jsonb

from app.db import Row
from app.db import query as bound_query

# The database every statement below runs on; its search_path: clinical (app/config.py).
query = partial(bound_query, database="clinical")


@query("clinical/insert_patient")
def insert_patient(
    *,
    customer_id: int,
    medical_record_number: str,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    sex: str | None,
    email: str | None,
    phone: str | None,
    address: str | None,
) -> Row: ...


@query("clinical/list_patients")
def list_patients(*, customer_id: int, max_rows: int, skip_rows: int) -> str: ...


@query("clinical/select_patient")
def select_patient(*, customer_id: int, patient_id: UUID) -> str | None: ...


@query("clinical/update_patient")
def update_patient(*, customer_id: int, patient_id: UUID, patch: Jsonb) -> str | None: ...


@query("clinical/delete_patient")
def delete_patient(*, customer_id: int, patient_id: UUID) -> int: ...


@query("clinical/insert_twin")
def insert_twin(
    *,
    customer_id: int,
    patient_id: UUID,
    type: str,
    name: str,
    description: str | None,
    data: Jsonb,
) -> str | None: ...


@query("clinical/list_twins")
def list_twins(*, customer_id: int, patient_id: UUID) -> str | None: ...


@query("clinical/select_twin")
def select_twin(*, customer_id: int, patient_id: UUID, twin_id: UUID) -> str | None: ...


@query("clinical/update_twin")
def update_twin(
    *, customer_id: int, patient_id: UUID, twin_id: UUID, patch: Jsonb
) -> str | None: ...


@query("clinical/delete_twin")
def delete_twin(*, customer_id: int, patient_id: UUID, twin_id: UUID) -> int: ...


@query("clinical/insert_biometric")
def insert_biometric(
    *,
    customer_id: int,
    patient_id: UUID,
    type: str,
    recorded_at: datetime,
    value: Jsonb,
    device_id: str | None,
    metadata: Jsonb,
) -> str | None: ...


@query("clinical/list_biometrics")
def list_biometrics(
    *,
    customer_id: int,
    patient_id: UUID,
    types: list[str],
    recorded_from: datetime | None,
    recorded_to: datetime | None,
    max_rows: int,
    before_id: int | None,
) -> str | None: ...


@query("clinical/select_biometric")
def select_biometric(*, customer_id: int, patient_id: UUID, biometric_id: int) -> str | None: ...


@query("clinical/update_biometric")
def update_biometric(
    *,
    customer_id: int,
    patient_id: UUID,
    biometric_id: int,
    type: str,
    recorded_at: datetime,
    value: Jsonb,
    device_id: str | None,
    metadata: Jsonb,
) -> str | None: ...


@query("clinical/delete_biometric")
def delete_biometric(*, customer_id: int, patient_id: UUID, biometric_id: int) -> int: ...


@query("clinical/insert_alert")
def insert_alert(
    *,
    customer_id: int,
    patient_id: UUID,
    type: str,
    priority: str | None,
    message: str,
    data: Jsonb,
) -> str | None: ...


@query("clinical/list_alerts")
def list_alerts(
    *, customer_id: int, patient_id: UUID, statuses: list[str], max_rows: int, skip_rows: int
) -> str | None: ...


@query("clinical/select_alert")
def select_alert(*, customer_id: int, patient_id: UUID, alert_id: UUID) -> str | None: ...


@query("clinical/update_alert_status")
def update_alert_status(
    *, customer_id: int, patient_id: UUID, alert_id: UUID, status: str, resolution_notes: str | None
) -> str | None: ...


@query("clinical/insert_access_log")
def insert_access_log(
    *,
    customer_id: int,
    token_customer_id: int,
    patient_id: UUID | None,
    action: str,
    status_code: int,
    request_id: str,
) -> int: ...


@query("clinical/list_access_log")
def list_access_log(
    *, customer_id: int, patient_id: UUID, max_rows: int, before_id: int | None
) -> str | None: ...


@query("clinical/insert_interaction")
def insert_interaction(
    *,
    customer_id: int,
    token_customer_id: int,
    patient_id: UUID,
    twin_id: UUID,
    twin_version: int | None,
    actor: str,
    interaction_type: str,
    payload: Jsonb,
    outcome: Jsonb,
    occurred_at: datetime | None,
    request_id: str,
) -> Row: ...


@query("clinical/list_interactions")
def list_interactions(
    *,
    customer_id: int,
    patient_id: UUID,
    twin_id: UUID | None,
    interaction_type: str | None,
    max_rows: int,
    before_id: int | None,
) -> str | None: ...
