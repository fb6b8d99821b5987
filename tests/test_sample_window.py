"""Heart-rate sample times in a plausible window (migration 0025): from 1989 to a day ahead of
now. The upload answers 400 per field, a .FIT file with such times is refused (422), and
aiapp.ensure_hr_partitions refuses them for every writer, so no month is made that retention
would never reach."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import psycopg
import pytest

from app import db
from app.garmin.fit_decode import FIT_CONTENT_TYPE
from app.training import queries
from tests.garmin_training_helpers import activity, call, count, ok, store_activities
from tests.helpers import assert_error
from tests.test_garmin_fit_decoding import encoded
from tests.test_garmin_partitions import month_name, partitions, upload


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@pytest.mark.parametrize(
    "start",
    [
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(1988, 12, 31, 23, 59, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 0, tzinfo=UTC),
        "two days ahead",
    ],
)
def test_an_upload_outside_the_window_is_a_400_on_timestamps(client, alice, conn, start):
    if start == "two days ahead":
        start = now() + timedelta(days=2)
    store_activities(client, alice, [activity(71, date(2026, 11, 1))])
    before = partitions(conn)
    body = assert_error(upload(client, alice, 71, start, [120, 121, 122]), 400, "timestamps")
    problem = body["data"]["errors"]["timestamps"]["0"][0]
    assert problem.startswith(start.isoformat())
    assert "before 1989-01-01" in problem or "ahead of now" in problem
    assert partitions(conn) == before
    assert (
        conn.execute("SELECT count(*) AS n FROM aiapp_nonprod.heart_rate_samples").fetchone()["n"]
        == 0
    )


def test_an_upload_ending_in_the_future_names_its_last_sample(client, alice):
    store_activities(client, alice, [activity(72, date(2026, 11, 1))])
    start = now() + timedelta(days=1) - timedelta(seconds=1)
    body = assert_error(upload(client, alice, 72, start, [120, 121, 122]), 400, "timestamps")
    assert list(body["data"]["errors"]["timestamps"]) == ["2"]


def test_an_upload_inside_the_window_is_stored(client, alice, conn):
    store_activities(client, alice, [activity(73, date(2026, 11, 1))])
    start = now() - timedelta(minutes=5)
    stored = ok(upload(client, alice, 73, start, [120, 121, 122]))
    assert stored["written"] == 3
    assert month_name(start) in partitions(conn)


@pytest.mark.parametrize(
    ("from_time", "to_time"),
    [
        (datetime(1, 1, 1, tzinfo=UTC), datetime(1, 1, 2, tzinfo=UTC)),
        (datetime(1988, 12, 31, 23, 59, tzinfo=UTC), datetime(1989, 1, 1, 0, 1, tzinfo=UTC)),
        (datetime(9999, 1, 1, tzinfo=UTC), datetime(9999, 1, 2, tzinfo=UTC)),
        (None, timedelta(days=2)),
    ],
)
def test_the_function_refuses_times_outside_the_window(conn, from_time, to_time):
    if from_time is None:
        from_time, to_time = now(), now() + to_time
    before = partitions(conn)
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="outside 1989-01-01"):
        conn.execute(
            "SELECT aiapp.ensure_hr_partitions('aiapp_nonprod', %s, %s)", (from_time, to_time)
        )
    conn.rollback()
    assert partitions(conn) == before


def test_the_function_still_refuses_a_span_of_years_inside_the_window(conn):
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="more than 24 months"):
        conn.execute(
            "SELECT aiapp.ensure_hr_partitions('aiapp_nonprod', '1990-01-01Z', '2020-01-01Z')"
        )


def test_the_app_role_gets_the_same_refusal(app):
    """The writers run as storage_app; the function's window holds for them (a data error,
    which the API answers as a 400 when a writer gets past its own checks)."""
    with app.test_request_context("/"):
        db.set_row_security(bypass="cli")
        with pytest.raises(psycopg.errors.InvalidParameterValue), db.unit_of_work("garmin"):
            queries.ensure_hr_partitions(
                from_time=datetime(9999, 1, 1, tzinfo=UTC),
                to_time=datetime(9999, 1, 2, tzinfo=UTC),
            )


def test_months_ahead_come_from_the_ahead_function_only(conn):
    made = conn.execute("SELECT aiapp.ensure_hr_partitions_ahead('aiapp_nonprod', 23)").fetchone()[
        "ensure_hr_partitions_ahead"
    ]
    assert made >= 20
    last = now().replace(day=1)
    year, month = divmod(last.year * 12 + last.month - 1 + 23, 12)
    assert month_name(datetime(year, month + 1, 1, tzinfo=UTC)) in partitions(conn)
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="not 0 to 23"):
        conn.execute("SELECT aiapp.ensure_hr_partitions_ahead('aiapp_nonprod', 24)")
    conn.rollback()
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="not a Garmin schema"):
        conn.execute("SELECT aiapp.ensure_hr_partitions_ahead('public', 1)")


def test_storage_app_may_not_make_months_directly(app):
    """make_hr_partitions is the window-less body of both: only they (as the owner) call it."""

    with app.test_request_context("/"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.connection("garmin").execute(
                "SELECT aiapp.make_hr_partitions('aiapp_nonprod', '9999-01-01', '9999-01-01')"
            )
        db.rollback()


def fit_upload(client, account, data: bytes):
    return call(
        client,
        "POST",
        account,
        "/fit",
        data=data,
        content_type=FIT_CONTENT_TYPE,
        query_string={"file_name": "clock.fit"},
    )


@pytest.mark.parametrize("start", [datetime(2100, 1, 1, 6, 0, tzinfo=UTC), "two days ahead"])
def test_a_fit_file_from_the_future_is_refused_with_nothing_stored(client, alice, conn, start):
    if start == "two days ahead":
        start = now() + timedelta(days=2)
    records = [
        {"timestamp": start + timedelta(seconds=n), "heart_rate": 120 + n} for n in range(1, 6)
    ]
    before = partitions(conn)
    body = assert_error(fit_upload(client, alice, encoded(records)), 422)
    assert "Implausible time" in body["message"]
    assert "ahead of now" in body["message"]
    for table in ("activities", "fit_files", "heart_rate_samples"):
        assert count(conn, table) == 0, table
    assert partitions(conn) == before


def test_a_fit_file_of_today_imports(client, alice):
    start = now() - timedelta(hours=1)
    records = [
        {"timestamp": start + timedelta(seconds=n), "heart_rate": 120 + n} for n in range(1, 6)
    ]
    answer = ok(fit_upload(client, alice, encoded(records)))
    assert answer["imported"] == 1


def test_the_database_allows_an_hour_beyond_the_api_window(conn):
    """The API checks against this host's clock, the function against the transaction's: a
    time at the API's edge is not refused for clocks a few minutes apart."""
    edge = now() + timedelta(days=1, minutes=30)
    conn.execute("SELECT aiapp.ensure_hr_partitions('aiapp_nonprod', %s, %s)", (edge, edge))
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="a day and an hour"):
        conn.execute(
            "SELECT aiapp.ensure_hr_partitions('aiapp_nonprod', %s, %s)",
            (edge, edge + timedelta(hours=1)),
        )


@pytest.fixture
def skewed_clock(monkeypatch):
    """The app host's clock far enough ahead of the database's that the API accepts what the
    database refuses (a two-day window here against the database's day and an hour)."""
    monkeypatch.setattr("app.training.samples.HR_TIMES_AHEAD", timedelta(days=2))


def test_a_database_refusal_of_an_upload_is_a_400_on_timestamps(client, alice, conn, skewed_clock):
    store_activities(client, alice, [activity(74, date(2026, 11, 1))])
    before = partitions(conn)
    start = now() + timedelta(days=1, hours=2)
    body = assert_error(upload(client, alice, 74, start, [120, 121, 122]), 400, "timestamps")
    assert "database's clock" in body["data"]["errors"]["timestamps"][0]
    assert partitions(conn) == before
    assert count(conn, "heart_rate_samples") == 0


def test_a_database_refusal_of_a_fit_file_refuses_that_file_only(client, alice, conn, skewed_clock):
    ahead = now() + timedelta(days=1, hours=2)
    today = now() - timedelta(hours=1)
    files = [
        (io.BytesIO(encoded(_records(ahead))), "ahead.fit"),
        (io.BytesIO(encoded(_records(today))), "today.fit"),
    ]
    before = partitions(conn)
    answer = ok(
        call(
            client, "POST", alice, "/fit", data={"file": files}, content_type="multipart/form-data"
        )
    )
    assert [i["status"] for i in answer["items"]] == ["refused", "imported"]
    assert answer["items"][0]["error"].startswith("Out of range")
    assert count(conn, "activities") == count(conn, "fit_files") == 1
    assert count(conn, "heart_rate_samples") == 5
    # The refused file made no month; only the imported one may have.
    assert set(partitions(conn)) - set(before) <= {month_name(today)}


def _records(start: datetime) -> list[dict]:
    return [{"timestamp": start + timedelta(seconds=n), "heart_rate": 120 + n} for n in range(5)]
