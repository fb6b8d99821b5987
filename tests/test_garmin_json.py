"""The Garmin datasets' answers are built from explicit columns (migration 0022), and the one
statement that lists the eight plain daily datasets reads only the table it is asked for,
through that table's key."""

from __future__ import annotations

import re

import pytest
from psycopg import sql

from app.db import BOOK

SCHEMAS = ("aiapp_nonprod", "aiapp")
# Each dataset table and the columns its <table>_json leaves out (the track is its own read).
JSON_TABLES = {
    "user_summary": set(),
    "body_composition": set(),
    "hrv_data": set(),
    "sleep_data": set(),
    "training_readiness": set(),
    "endurance_score": set(),
    "training_status": set(),
    "fitness_age": set(),
    "daily_health_events": set(),
    "max_metrics": set(),
    "activities": set(),
    "activity_gps": {"gps_data"},
}
DAILY_DATASETS = (
    "user_summary",
    "body_composition",
    "sleep_data",
    "hrv_data",
    "training_readiness",
    "endurance_score",
    "fitness_age",
    "daily_health_events",
)


@pytest.mark.parametrize("schema", SCHEMAS)
@pytest.mark.parametrize("table", sorted(JSON_TABLES))
def test_each_json_function_names_every_column_of_its_table(conn, schema, table):
    """A column added to a table must be named in its function (or listed above as left out):
    the answer then changes because someone chose it, not because the table did."""
    columns = {
        row["column_name"]
        for row in conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = %s AND table_name = %s",
            (schema, table),
        )
    }
    row = conn.execute(f"SELECT {schema}.{table}_json(NULL::{schema}.{table}) AS answer").fetchone()
    assert set(row["answer"]) == columns - JSON_TABLES[table]


def plan_nodes(node: dict) -> list[dict]:
    return [node] + [n for child in node.get("Plans", []) for n in plan_nodes(child)]


@pytest.mark.parametrize("dataset", DAILY_DATASETS)
def test_the_daily_dataset_list_scans_only_the_asked_table_by_its_key(conn, dataset):
    params = {
        "customer_id": 1,
        "dataset": dataset,
        "start_date": "2024-06-01",
        "end_date": "2024-06-30",
        "mode": "correlation",
        "descending": False,
        "row_limit": 50,
        "row_offset": 0,
    }
    with conn.transaction():
        conn.execute("SET LOCAL search_path = aiapp_nonprod")
        conn.execute("SET LOCAL enable_seqscan = off")
        plan = conn.execute(
            f"EXPLAIN (FORMAT JSON) {BOOK['garmin/list_daily_dataset'].text}", params
        ).fetchone()["QUERY PLAN"]
    scans = [n for n in plan_nodes(plan[0]["Plan"]) if "Relation Name" in n]
    assert [n["Relation Name"] for n in scans] == [dataset]
    assert scans[0]["Index Name"] == f"{dataset}_pkey"
    assert "customer_id" in scans[0]["Index Cond"]
    assert "calendar_date" in scans[0]["Index Cond"]


PARAM_TYPES = {
    "customer_id": "bigint",
    "dataset": "text",
    "start_date": "date",
    "end_date": "date",
    "mode": "text",
    "descending": "boolean",
    "row_limit": "bigint",
    "row_offset": "bigint",
}


@pytest.mark.parametrize("dataset", DAILY_DATASETS)
def test_a_generic_plan_of_the_daily_dataset_list_runs_one_branch(conn, dataset):
    """After five runs PostgreSQL may plan a prepared statement once for any parameters: then
    every branch is in the plan, and only the asked one may run, still by its key."""
    names: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        if match.group(1) not in names:
            names.append(match.group(1))
        return f"${names.index(match.group(1)) + 1}"

    text = re.sub(r"%\((\w+)\)s", placeholder, BOOK["garmin/list_daily_dataset"].text)
    values = {
        "customer_id": 1,
        "dataset": dataset,
        "start_date": "2024-06-01",
        "end_date": "2024-06-30",
        "mode": "correlation",
        "descending": True,
        "row_limit": 50,
        "row_offset": 0,
    }
    with conn.transaction():
        conn.execute("SET LOCAL search_path = aiapp_nonprod")
        conn.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        types = ", ".join(PARAM_TYPES[name] for name in names)
        conn.execute(f"PREPARE daily_dataset ({types}) AS {text.rstrip().rstrip(';')}")
        # EXECUTE is a utility statement: it takes literals, not protocol parameters.
        args = sql.SQL(", ").join(sql.Literal(values[name]) for name in names)
        explain = sql.SQL("EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE daily_dataset ({})")
        plan = conn.execute(explain.format(args)).fetchone()["QUERY PLAN"]
        conn.execute("DEALLOCATE daily_dataset")
    scans = [n for n in plan_nodes(plan[0]["Plan"]) if "Relation Name" in n]
    assert sorted(n["Relation Name"] for n in scans) == sorted(DAILY_DATASETS)
    ran = [n for n in scans if n["Actual Loops"] > 0]
    assert [n["Relation Name"] for n in ran] == [dataset]
    assert ran[0]["Index Name"] == f"{dataset}_pkey"


def test_an_unknown_dataset_reads_nothing(conn):
    conn.execute("SET search_path = aiapp_nonprod")
    answer = conn.execute(
        BOOK["garmin/list_daily_dataset"].text,
        {
            "customer_id": 1,
            "dataset": "activities",
            "start_date": None,
            "end_date": None,
            "mode": "standard",
            "descending": False,
            "row_limit": None,
            "row_offset": 0,
        },
    ).fetchone()
    assert answer[next(iter(answer))] == '{"items" : [], "count" : 0}'
