"""Families, habits, routines and logs: one typed function per file in sql/habits/.

Write statements check the acting user's right to write in SQL and return no row when it is
missing; the select_*_role / lock_routine_role queries then tell 403 from 404 (see access.py).
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from functools import partial
from uuid import UUID

from psycopg.types.json import Jsonb

from app.db import Row
from app.db import query as bound_query

# The database every statement below runs on; its search_path: habits (app/config.py).
query = partial(bound_query, database="habits")

# Families and memberships


@query("habits/insert_family")
def insert_family(*, customer_id: int, name: str) -> str | None: ...


@query("habits/list_families")
def list_families(*, customer_id: int) -> str: ...


@query("habits/select_family")
def select_family(*, customer_id: int, family_id: UUID) -> str | None: ...


@query("habits/select_family_role")
def select_family_role(*, customer_id: int, family_id: UUID) -> str | None: ...


@query("habits/update_family")
def update_family(*, customer_id: int, family_id: UUID, name: str) -> str | None: ...


@query("habits/delete_family")
def delete_family(*, customer_id: int, family_id: UUID) -> str | None: ...


@query("habits/restore_family")
def restore_family(
    *, customer_id: int, family_id: UUID, restore_window_days: int
) -> str | None: ...


@query("habits/insert_invitation")
def insert_invitation(
    *, customer_id: int, family_id: UUID, email: str, role: str, valid_days: int
) -> str | None: ...


@query("habits/select_invitation_role")
def select_invitation_role(*, family_id: UUID, email: str) -> str | None: ...


@query("habits/delete_invitation")
def delete_invitation(*, customer_id: int, family_id: UUID, email: str) -> str | None: ...


@query("habits/accept_invitation")
def accept_invitation(*, customer_id: int, family_id: UUID) -> str | None: ...


@query("habits/leave_family")
def leave_family(*, customer_id: int, family_id: UUID) -> str | None: ...


@query("habits/update_member_role")
def update_member_role(
    *, customer_id: int, family_id: UUID, member_id: int, role: str
) -> str | None: ...


@query("habits/remove_member")
def remove_member(*, customer_id: int, family_id: UUID, member_id: int) -> str | None: ...


@query("habits/select_family_today")
def select_family_today(
    *, customer_id: int, family_id: UUID, on_date: date | None
) -> str | None: ...


# Habits


@query("habits/insert_habit")
def insert_habit(
    *,
    customer_id: int,
    family_id: UUID | None,
    name: str,
    description: str | None,
    habit_type: str,
    target_value: Decimal | None,
    target_unit: str | None,
    frequency: str,
    days_of_week: list[int] | None,
    active: bool,
) -> str | None: ...


@query("habits/list_habits")
def list_habits(*, customer_id: int, family_id: UUID | None, active: bool | None) -> str: ...


@query("habits/select_habit")
def select_habit(*, customer_id: int, habit_id: UUID) -> str | None: ...


@query("habits/select_habit_role")
def select_habit_role(*, customer_id: int, habit_id: UUID) -> str | None: ...


@query("habits/update_habit")
def update_habit(*, customer_id: int, habit_id: UUID, patch: Jsonb) -> str | None: ...


@query("habits/delete_habit")
def delete_habit(*, customer_id: int, habit_id: UUID) -> str | None: ...


@query("habits/restore_habit")
def restore_habit(*, customer_id: int, habit_id: UUID, restore_window_days: int) -> str | None: ...


@query("habits/select_habit_streak")
def select_habit_streak(
    *, customer_id: int, habit_id: UUID, on_date: date | None
) -> str | None: ...


# Logs


@query("habits/upsert_habit_log")
def upsert_habit_log(
    *,
    customer_id: int,
    habit_id: UUID,
    member_id: int | None,
    log_date: date,
    value: Decimal,
    note: str | None,
) -> str | None: ...


@query("habits/list_habit_logs")
def list_habit_logs(
    *,
    customer_id: int,
    habit_id: UUID,
    date_from: date | None,
    date_to: date | None,
    member_id: int | None,
    max_rows: int,
) -> str | None: ...


@query("habits/select_log_role")
def select_log_role(*, customer_id: int, log_id: UUID) -> str | None: ...


@query("habits/delete_habit_log")
def delete_habit_log(*, customer_id: int, log_id: UUID) -> str | None: ...


@query("habits/restore_habit_log")
def restore_habit_log(
    *, customer_id: int, log_id: UUID, restore_window_days: int
) -> str | None: ...


# Routines


@query("habits/insert_routine")
def insert_routine(
    *,
    customer_id: int,
    family_id: UUID | None,
    name: str,
    time_of_day: str,
    custom_time: time | None,
    habit_ids: list[UUID],
) -> str | None: ...


@query("habits/list_routines")
def list_routines(*, customer_id: int, family_id: UUID | None) -> str: ...


@query("habits/select_routine")
def select_routine(*, customer_id: int, routine_id: UUID, on_date: date | None) -> str | None: ...


@query("habits/list_routine_versions")
def list_routine_versions(*, customer_id: int, routine_id: UUID) -> str | None: ...


@query("habits/lock_routine_role")
def lock_routine_role(*, customer_id: int, routine_id: UUID) -> str | None: ...


@query("habits/insert_routine_version")
def insert_routine_version(*, customer_id: int, routine_id: UUID, patch: Jsonb) -> str | None: ...


@query("habits/delete_routine")
def delete_routine(*, customer_id: int, routine_id: UUID) -> str | None: ...


@query("habits/restore_routine")
def restore_routine(
    *, customer_id: int, routine_id: UUID, restore_window_days: int
) -> str | None: ...


# Maintenance


@query("habits/purge_deleted")
def purge_deleted(*, restore_window_days: int) -> Row: ...
