"""Heart-rate samples at scale (issue 17): monthly partitions made by whoever writes a month,
`flask garmin partitions` ahead of time, `flask garmin retention` dropping (and archiving)
whole old months, and keys with customer_id first in both Garmin schemas."""

from __future__ import annotations

import csv
import threading
from datetime import UTC, date, datetime, timedelta

import psycopg
import pytest
from psycopg import sql

from app import migrations
from tests.garmin_training_helpers import activity, call, count, ok, store_activities
from tests.helpers import assert_error

SCHEMAS = ("aiapp_nonprod", "aiapp")
# The Garmin tables are those of aiapp_nonprod (aiapp also holds users, chat, ...).
GARMIN_TABLES = (
    "SELECT relname FROM pg_class"
    " WHERE relnamespace = 'aiapp_nonprod'::regnamespace AND relkind IN ('r', 'p')"
)


def months_ago(months: int) -> datetime:
    """Noon on the 10th of the month `months` before this one (UTC)."""
    today = datetime.now(UTC)
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return datetime(year, month + 1, 10, 12, tzinfo=UTC)


def partitions(conn, schema: str = "aiapp_nonprod") -> list[str]:
    return [
        row["name"]
        for row in conn.execute(
            "SELECT c.relname AS name FROM pg_inherits AS i JOIN pg_class AS c"
            " ON c.oid = i.inhrelid WHERE i.inhparent = %s::regclass ORDER BY c.relname",
            (f"{schema}.heart_rate_samples",),
        ).fetchall()
    ]


def month_name(moment: datetime) -> str:
    return f"heart_rate_samples_{moment:%Y_%m}"


def upload(client, account, activity_id: int, start: datetime, rates: list[int]):
    body = {
        "timestamps": [(start + timedelta(seconds=n)).isoformat() for n in range(len(rates))],
        "heart_rates": rates,
    }
    return call(client, "POST", account, f"/activity/{activity_id}/hr-samples", json=body)


@pytest.mark.parametrize("schema", SCHEMAS)
def test_heart_rate_samples_are_partitioned_by_month_and_keyed_by_owner(conn, schema):
    table = conn.execute(
        "SELECT c.relkind, p.partstrat, pg_get_partkeydef(c.oid) AS partkey,"
        " pg_get_constraintdef(k.oid) AS pk FROM pg_class AS c"
        " JOIN pg_partitioned_table AS p ON p.partrelid = c.oid"
        " JOIN pg_constraint AS k ON k.conrelid = c.oid AND k.contype = 'p'"
        " WHERE c.oid = %s::regclass",
        (f"{schema}.heart_rate_samples",),
    ).fetchone()
    assert (table["relkind"], table["partstrat"]) == ("p", "r")
    assert table["partkey"] == "RANGE (sample_time)"
    assert table["pk"] == "PRIMARY KEY (customer_id, activity_id, sample_time, seq)"
    # The migration made this month's partition; every partition is one calendar month.
    assert month_name(datetime.now(UTC)) in partitions(conn, schema)


@pytest.mark.parametrize("schema", SCHEMAS)
def test_every_per_user_key_starts_with_customer_id(conn, schema):
    """Citus-ready: customer_id leads every primary key and unique index of the tables with
    per-user rows, and every foreign key between them carries it."""
    garmin = [row["relname"] for row in conn.execute(GARMIN_TABLES).fetchall()]
    keys = conn.execute(
        "SELECT c.relname AS tbl, i.indexrelid::regclass::text AS idx,"
        " (SELECT a.attname FROM pg_attribute AS a"
        "  WHERE a.attrelid = c.oid AND a.attnum = i.indkey[0]) AS lead"
        " FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indrelid"
        " WHERE c.relnamespace = %s::regnamespace AND c.relkind IN ('r', 'p')"
        " AND NOT c.relispartition AND (i.indisunique OR i.indisprimary)"
        " AND c.relname = any(%s)",
        (schema, garmin),
    ).fetchall()
    tables = {row["tbl"] for row in keys}
    assert {"activities", "activity_gps", "heart_rate_samples", "training_plans"} <= tables
    assert [row["idx"] for row in keys if row["lead"] != "customer_id"] == []
    foreign = conn.execute(
        "SELECT k.conname, pg_get_constraintdef(k.oid) AS def FROM pg_constraint AS k"
        " JOIN pg_class AS c ON c.oid = k.conrelid"
        " WHERE k.contype = 'f' AND k.connamespace = %s::regnamespace"
        " AND k.confrelid <> 'aiapp.users'::regclass AND k.conparentid = 0"
        " AND c.relname = any(%s)",
        (schema, garmin),
    ).fetchall()
    assert len(foreign) >= 6
    assert [f["conname"] for f in foreign if "(customer_id, " not in f["def"]] == []


def test_an_upload_into_a_month_without_a_partition_makes_it(client, alice, conn):
    """Samples of a long-gone month (and across a month's end) are stored: the upload makes
    the months it writes, and sending them again writes nothing."""
    start = datetime(2019, 3, 31, 23, 59, 58, tzinfo=UTC)
    assert month_name(start) not in partitions(conn)
    store_activities(client, alice, [activity(41, start.date(), 30)])
    stored = ok(upload(client, alice, 41, start, [120, 121, 122, 123]))
    assert stored["written"] == 4
    assert {"heart_rate_samples_2019_03", "heart_rate_samples_2019_04"} <= set(partitions(conn))
    per_month = conn.execute(
        "SELECT tableoid::regclass::text AS part, count(*) AS n"
        " FROM aiapp_nonprod.heart_rate_samples GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert [(r["part"], r["n"]) for r in per_month] == [
        ("aiapp_nonprod.heart_rate_samples_2019_03", 2),
        ("aiapp_nonprod.heart_rate_samples_2019_04", 2),
    ]
    again = ok(upload(client, alice, 41, start, [120, 121, 122, 123]))
    assert (again["written"], again["deleted"]) == (0, 0)
    changed = ok(upload(client, alice, 41, start, [120, 121, 150, 123]))
    assert changed["written"] == 1
    assert count(conn, "heart_rate_samples") == 4


def test_an_upload_spanning_more_than_an_activity_is_refused(client, alice, conn):
    store_activities(client, alice, [activity(42, date(2024, 1, 1), 30)])
    body = {
        "timestamps": ["2024-01-01T07:00:00Z", "2025-06-01T07:00:00Z"],
        "heart_rates": [120, 121],
    }
    response = call(client, "POST", alice, "/activity/42/hr-samples", json=body)
    message = assert_error(response, 400, "timestamps")["data"]["errors"]["timestamps"][0]
    assert "14 days" in message
    assert count(conn, "heart_rate_samples") == 0
    assert "heart_rate_samples_2025_06" not in partitions(conn)


def test_two_writers_making_the_same_month_both_succeed(database_url, conn):
    """The second writer waits for the first one's partition and finds it made."""
    moment = "2018-07-15 12:00Z"
    results: list[int] = []
    with psycopg.connect(database_url) as first, psycopg.connect(database_url) as second:
        made = first.execute(
            "SELECT aiapp.ensure_hr_partitions('aiapp_nonprod', %s, %s)", (moment, moment)
        ).fetchone()[0]

        def other() -> None:
            row = second.execute(
                "SELECT aiapp.ensure_hr_partitions('aiapp_nonprod', %s, %s)", (moment, moment)
            ).fetchone()
            second.commit()
            results.append(row[0])

        waiting = threading.Thread(target=other)
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive()  # blocked on the first writer's lock
        first.commit()
        waiting.join(10)
    assert (made, results) == (1, [0])
    assert "heart_rate_samples_2018_07" in partitions(conn)


def test_a_span_of_years_is_refused_by_the_function(conn):
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        conn.execute(
            "SELECT aiapp.ensure_hr_partitions('aiapp_nonprod', '2001-01-01Z', '2030-01-01Z')"
        )
    conn.rollback()
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        conn.execute("SELECT aiapp.ensure_hr_partitions('public', now(), now())")


def test_partitions_command_creates_months_ahead(app, conn):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["garmin", "partitions", "--ahead", "2"])
    assert result.exit_code == 0, result.output
    # This month came with the migration; the next two are new.
    assert result.output.startswith("Created 2 partition(s)")
    ahead = [month_name(months_ago(-n)) for n in range(3)]
    assert set(ahead) <= set(partitions(conn))
    assert all(name in result.output for name in ahead)
    again = runner.invoke(args=["garmin", "partitions", "--ahead", "2"])
    assert again.output.startswith("Created 0 partition(s)")
    assert runner.invoke(args=["garmin", "partitions", "--ahead", "30"]).exit_code == 2


def test_retention_archives_then_drops_whole_old_months(app, client, alice, bob, conn, tmp_path):
    old, recent = months_ago(14), months_ago(1)
    store_activities(client, alice, [activity(51, old.date(), 30), activity(52, recent.date(), 30)])
    store_activities(client, bob, [activity(51, old.date(), 30)])
    ok(upload(client, alice, 51, old, [100, 101, 102]))
    ok(upload(client, bob, 51, old, [90, 91]))
    ok(upload(client, alice, 52, recent, [130, 131]))
    runner = app.test_cli_runner()

    dry = runner.invoke(args=["garmin", "retention", "--older-than", "12mo", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"would drop {month_name(old)}" in dry.output
    assert month_name(recent) not in dry.output
    assert month_name(old) in partitions(conn)
    assert list(tmp_path.iterdir()) == []

    archive = tmp_path / "archive"
    result = runner.invoke(
        args=["garmin", "retention", "--older-than", "12mo", "--archive-dir", str(archive)]
    )
    assert result.exit_code == 0, result.output
    assert f"archived 5 rows and dropped {month_name(old)}" in result.output
    assert month_name(old) not in partitions(conn)
    assert month_name(recent) in partitions(conn)
    [written] = archive.iterdir()
    assert written.name == f"aiapp_nonprod.{month_name(old)}.csv"
    with written.open() as handle:
        rows = sorted(
            (int(r["customer_id"]), int(r["activity_id"]), int(r["seq"]), int(r["heart_rate"]))
            for r in csv.DictReader(handle)
        )
    assert rows == [
        (alice.customer_id, 51, 0, 100),
        (alice.customer_id, 51, 0, 101),
        (alice.customer_id, 51, 0, 102),
        (bob.customer_id, 51, 0, 90),
        (bob.customer_id, 51, 0, 91),
    ]
    # The activities stay; only the old month's samples are gone.
    assert ok(call(client, "GET", alice, "/activity/51/hr-samples"))["count"] == 0
    assert ok(call(client, "GET", alice, "/activity/52/hr-samples"))["count"] == 2
    # Nothing is left to drop; an old upload makes its month again.
    rerun = runner.invoke(args=["garmin", "retention", "--older-than", "1y"])
    assert "Dropped 0 month(s)" in rerun.output
    assert ok(upload(client, alice, 51, old, [100]))["written"] == 1


@pytest.mark.parametrize("age", ["12 weeks", "0mo", "soon"])
def test_retention_refuses_an_age_it_cannot_read(app, conn, age):
    result = app.test_cli_runner().invoke(args=["garmin", "retention", "--older-than", age])
    assert result.exit_code == 2
    assert "give whole months or years" in result.output


@pytest.fixture
def scratch_database_url(pg_server, postgresql):
    name = "garmin_scale_roundtrip"
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield pg_server.url(name)
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def test_the_migration_moves_samples_both_ways(scratch_database_url):
    """0017 down and up again with rows in place: samples move to the unpartitioned table
    (only seq 0 fits its key) and back into monthly partitions with their owner."""
    url = scratch_database_url
    migrations.upgrade(url)
    ids = migrations.migration_ids()
    # 0017 and the migrations that build on it, newest first: they roll back before it does.
    from_0017 = ids[ids.index("0017.garmin_scale") :]
    with psycopg.connect(url, autocommit=True) as conn:
        owner = conn.execute(
            "INSERT INTO aiapp.users (email, password_hash) VALUES ('m@example.com', '$2b$x')"
            " RETURNING customer_id"
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO aiapp.activities (customer_id, activity_id, calendar_date)"
            " VALUES (%s, 5, '2024-02-29')",
            (owner,),
        )
        conn.execute(
            "SELECT aiapp.ensure_hr_partitions('aiapp', '2024-02-29 23:59Z', '2024-03-01 00:01Z')"
        )
        conn.execute(
            "INSERT INTO aiapp.heart_rate_samples"
            " (customer_id, activity_id, sample_time, seq, heart_rate, elapsed_seconds) VALUES"
            " (%(c)s, 5, '2024-02-29 23:59:59Z', 0, 100, 0),"
            " (%(c)s, 5, '2024-02-29 23:59:59Z', 1, 101, 0),"
            " (%(c)s, 5, '2024-03-01 00:00:00Z', 0, 102, 1)",
            {"c": owner},
        )
    assert migrations.rollback(url, steps=len(from_0017)) == list(reversed(from_0017))
    with psycopg.connect(url) as conn:
        kept = conn.execute(
            "SELECT activity_id, heart_rate FROM aiapp.heart_rate_samples ORDER BY sample_time"
        ).fetchall()
        assert kept == [(5, 100), (5, 102)]
        kind = conn.execute(
            "SELECT relkind FROM pg_class WHERE oid = 'aiapp.heart_rate_samples'::regclass"
        )
        assert kind.fetchone()[0] == "r"
    assert migrations.upgrade(url) == list(from_0017)
    with psycopg.connect(url) as conn:
        moved = conn.execute(
            "SELECT tableoid::regclass::text, customer_id, seq, heart_rate"
            " FROM aiapp.heart_rate_samples ORDER BY sample_time"
        ).fetchall()
    assert moved == [
        ("aiapp.heart_rate_samples_2024_02", owner, 0, 100),
        ("aiapp.heart_rate_samples_2024_03", owner, 0, 102),
    ]
