""".FIT activity import: real device files in, activity + HR samples + GPS + laps stored, broken
files refused with nothing stored, idempotent re-upload, the size limit, another user's 404."""

from __future__ import annotations

import csv
import io
import itertools
import math
import shutil
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import fitdecode
import pytest

from app.garmin.fit_decode import FIT_CONTENT_TYPE, MAX_FILE_BYTES, SEMICIRCLE_DEGREES
from app.garmin.fit_schemas import FitImportSchema, FitUploadResultSchema
from tests.garmin_training_helpers import call, count, ok
from tests.helpers import assert_error

FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "fit"
ACTIVITIES = [
    "garmin-fenix-5-run.fit",
    "garmin-fenix-5-bike.fit",
    "garmin-edge-500-activity.fit",
    "activity-small-fenix2-run.fit",
]
BROKEN = {
    "activity-unexpected-eof.fit": "Truncated",
    "activity-settings-corruptheader.fit": "Corrupt",
    "MonitoringFile.fit": "Not an activity",
    "WeightScaleSingleUser.fit": "Not an activity",
}
# Records with a heart rate in each fixture, counted independently (fitdecode on its own):
# every one is stored, the Edge 500's 15 records that repeat a second included (seq 1).
HR_RECORDS = {
    "garmin-fenix-5-run.fit": 21,
    "garmin-fenix-5-bike.fit": 19,
    "garmin-edge-500-activity.fit": 10686,
    "activity-small-fenix2-run.fit": 2808,
}
TABLES = ("activities", "fit_files", "activity_laps", "activity_gps", "heart_rate_samples")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def upload(client, account, name: str, data: bytes | None = None, **query):
    return call(
        client,
        "POST",
        account,
        "/fit",
        data=fixture(name) if data is None else data,
        content_type=FIT_CONTENT_TYPE,
        query_string={"file_name": name, **query},
    )


def upload_form(client, account, *names: str):
    files = [(io.BytesIO(fixture(name)), name) for name in names]
    return call(
        client, "POST", account, "/fit", data={"file": files}, content_type="multipart/form-data"
    )


def decoded_records(name: str) -> list[dict]:
    """The file's record messages, decoded here by fitdecode on its own (not by the app)."""
    with fitdecode.FitReader(str(FIXTURES / name)) as reader:
        return [
            {f.name: f.value for f in frame.fields}
            for frame in reader
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "record"
        ]


def per_second_heart_rates(name: str) -> dict[datetime, int]:
    return {
        r["timestamp"]: r["heart_rate"]
        for r in decoded_records(name)
        if r.get("heart_rate") is not None
    }


def patched(name: str, message: str, field: str, value: int, nth: int = 0) -> bytes:
    """The fixture with one byte-sized field of its nth `message` set to `value`, and the file's
    CRC made right again, so that only the value is wrong (as a faulty sensor writes it)."""
    data = bytearray(fixture(name))
    seen = 0
    with fitdecode.FitReader(str(FIXTURES / name), keep_raw_chunks=True) as reader:
        for frame in reader:
            if frame.frame_type != fitdecode.FIT_FRAME_DATA or frame.name != message:
                continue
            if seen == nth:
                position = frame.chunk.offset + 1  # after the record header byte
                for definition in frame.def_mesg.field_defs:
                    if definition.name == field:
                        assert definition.size == 1
                        data[position] = value
                        break
                    position += definition.size
                break
            seen += 1
    data[-2:] = fitdecode.utils.compute_crc(data, end=len(data) - 2).to_bytes(2, "little")
    return bytes(data)


def stored_rows(conn) -> dict[str, int]:
    return {table: count(conn, table) for table in TABLES}


@pytest.mark.parametrize("name", ACTIVITIES)
def test_every_activity_fixture_imports_all_its_heart_rate_records(client, alice, conn, name):
    records = decoded_records(name)
    with_hr = [r for r in records if r.get("heart_rate") is not None]
    with_gps = [r for r in records if r.get("position_lat") is not None]
    data = ok(upload(client, alice, name))
    assert (data["imported"], data["unchanged"], data["refused"]) == (1, 0, 0)
    item = data["items"][0]
    assert item["status"] == "imported"
    assert item["file_name"] == name
    activity = item["activity"]
    stored = activity["stored"]
    assert stored["records"] == len(records)
    assert stored["hr_records"] == len(with_hr)
    # Every record with a heart rate is a sample, also where a device wrote two records in
    # one second (the Edge 500 does, 15 times): seq numbers them in file order.
    assert stored["hr_samples"] == len(with_hr) == HR_RECORDS[name]
    assert stored["gps_points"] == len(with_gps)
    in_db = conn.execute(
        "SELECT sample_time, seq, heart_rate FROM aiapp_nonprod.heart_rate_samples"
        " WHERE customer_id = %s AND activity_id = %s ORDER BY sample_time, seq",
        (alice.customer_id, activity["activity_id"]),
    ).fetchall()
    expected, seen = [], {}
    for r in sorted(with_hr, key=lambda r: r["timestamp"]):  # stable: file order within a second
        seq = seen[r["timestamp"]] = seen.get(r["timestamp"], -1) + 1
        expected.append((r["timestamp"], seq, r["heart_rate"]))
    assert [(s["sample_time"], s["seq"], s["heart_rate"]) for s in in_db] == expected
    assert activity["activity_max_hr"] == max(r["heart_rate"] for r in with_hr)
    assert activity["activity_start_time"]
    assert activity["customer_id"] == alice.customer_id
    assert activity["device"]["manufacturer"] == "garmin"
    assert activity["file"]["file_identity"].startswith(str(activity["device"]["serial_number"]))


def test_the_fenix_5_run_matches_its_decoded_csv(client, alice, conn):
    with (FIXTURES / "garmin-fenix-5-run-records.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    pdt = timezone(timedelta(hours=-7))
    expected = [
        (
            datetime.strptime(r["timestamp"].replace(" PDT", ""), "%a %b %d %H:%M:%S %Y")
            .replace(tzinfo=pdt)
            .astimezone(UTC),
            int(r["heart_rate"]),
        )
        for r in rows
        if r["heart_rate"]
    ]
    activity = ok(upload(client, alice, "garmin-fenix-5-run.fit"))["items"][0]["activity"]
    assert activity["stored"]["hr_samples"] == len(expected) == 21
    samples = conn.execute(
        "SELECT sample_time, heart_rate FROM aiapp_nonprod.heart_rate_samples"
        " WHERE activity_id = %s ORDER BY sample_time",
        (activity["activity_id"],),
    ).fetchall()
    assert [(s["sample_time"], s["heart_rate"]) for s in samples] == expected
    assert activity["activity_type"] == "running"
    assert activity["activity_distance"] == pytest.approx(157.56)
    assert activity["activity_duration"] == pytest.approx(56.887)
    assert activity["time_offset"] == -7 * 3600
    assert activity["calendar_date"] == "2017-06-11"
    # The track in degrees, point for point with the CSV's semicircles.
    track = conn.execute(
        "SELECT gps_data FROM aiapp_nonprod.activity_gps WHERE activity_id = %s",
        (activity["activity_id"],),
    ).fetchone()["gps_data"]["coordinates"]
    assert len(track) == len(rows)
    for point, row in zip(track, rows, strict=True):
        assert point["lat"] == pytest.approx(
            int(row["position_lat"]) * SEMICIRCLE_DEGREES, abs=1e-6
        )
        assert point["lon"] == pytest.approx(
            int(row["position_long"]) * SEMICIRCLE_DEGREES, abs=1e-6
        )
    assert 38.2 < track[0]["lat"] < 38.3
    assert -122.7 < track[0]["lon"] < -122.6


def test_laps_are_stored_in_order(client, alice, conn):
    activity = ok(upload(client, alice, "garmin-edge-500-activity.fit"))["items"][0]["activity"]
    assert activity["stored"]["laps"] == 9
    laps = activity["laps"]
    assert [lap["lap_index"] for lap in laps] == list(range(9))
    assert laps[0]["distance_meters"] == pytest.approx(18224.59)
    assert laps[0]["average_hr"] == 153
    assert laps[0]["max_hr"] == 178
    assert laps[0]["start_latitude"] == pytest.approx(521521150 * SEMICIRCLE_DEGREES, abs=1e-6)
    assert laps[0]["lap_trigger"] == "manual"
    assert sum(lap["distance_meters"] for lap in laps) == pytest.approx(
        activity["activity_distance"], rel=0.01
    )
    assert activity["activity_type"] == "cycling"
    assert activity["activity_average_hr"] == 162
    read = ok(call(client, "GET", alice, f"/fit/{activity['activity_id']}"))
    assert read == activity


def test_answers_are_what_the_openapi_document_declares(client, alice):
    answer = ok(upload_form(client, alice, "garmin-fenix-5-bike.fit", "MonitoringFile.fit"))
    # Loading with the documented schemas: an undeclared or mistyped field is an error.
    assert FitUploadResultSchema().validate(answer) == {}
    activity_id = answer["items"][0]["activity"]["activity_id"]
    assert FitImportSchema().validate(ok(call(client, "GET", alice, f"/fit/{activity_id}"))) == {}
    spec = client.get("/api/v1/openapi.json").json
    upload_doc = spec["paths"]["/api/v1/garmin/fit"]["post"]
    assert set(upload_doc["requestBody"]["content"]) == {"multipart/form-data", FIT_CONTENT_TYPE}
    assert {"200", "413", "422"} <= set(upload_doc["responses"])


def test_re_uploading_a_file_changes_nothing_and_says_so(client, alice, conn):
    first = ok(upload(client, alice, "activity-small-fenix2-run.fit"))["items"][0]
    before = stored_rows(conn)
    again = ok(upload_form(client, alice, "activity-small-fenix2-run.fit"))
    assert (again["imported"], again["unchanged"]) == (0, 1)
    assert again["items"][0]["status"] == "unchanged"
    assert again["items"][0]["activity"]["activity_id"] == first["activity"]["activity_id"]
    assert again["items"][0]["activity"]["stored"] == first["activity"]["stored"]
    assert stored_rows(conn) == before


@pytest.mark.parametrize(("name", "problem"), BROKEN.items())
def test_broken_and_non_activity_files_are_refused_with_nothing_stored(
    client, alice, conn, name, problem
):
    body = assert_error(upload(client, alice, name), 422, name)
    assert body["message"].startswith(f"{name} was refused: {problem}")
    assert body["data"]["errors"][name][0].startswith(problem)
    assert stored_rows(conn) == dict.fromkeys(TABLES, 0)


def test_a_damaged_byte_fails_the_crc(client, alice, conn):
    data = bytearray(fixture("garmin-fenix-5-run.fit"))
    data[len(data) // 2] ^= 0xFF
    body = assert_error(upload(client, alice, "damaged.fit", bytes(data)), 422, "damaged.fit")
    assert "CRC" in body["message"]
    assert stored_rows(conn) == dict.fromkeys(TABLES, 0)


def test_implausible_heart_rates_are_no_readings(client, alice, bob):
    name = "garmin-fenix-5-run.fit"
    rates = list(per_second_heart_rates(name).values())
    # The first record's heart rate becomes 5 bpm: that record carries no reading any more.
    glitch = ok(upload(client, alice, "glitch.fit", patched(name, "record", "heart_rate", 5)))
    activity = glitch["items"][0]["activity"]
    assert activity["stored"]["records"] == 21
    assert activity["stored"]["hr_records"] == activity["stored"]["hr_samples"] == 20
    assert activity["activity_max_hr"] == max(rates[1:])
    # A session average of 0 (no strap) is no average: the samples give it instead.
    session = patched(name, "session", "avg_heart_rate", 0)
    activity = ok(upload(client, bob, "no-average.fit", session))["items"][0]["activity"]
    assert activity["activity_average_hr"] == round(sum(rates) / len(rates))


def test_a_value_out_of_range_refuses_only_that_file(client, alice, conn):
    broken = patched("garmin-fenix-5-run.fit", "session", "total_training_effect", 200)
    files = [
        (io.BytesIO(broken), "effect-20.fit"),
        (io.BytesIO(fixture("garmin-fenix-5-bike.fit")), "bike.fit"),
    ]
    data = ok(
        call(
            client, "POST", alice, "/fit", data={"file": files}, content_type="multipart/form-data"
        )
    )
    assert [i["status"] for i in data["items"]] == ["refused", "imported"]
    assert data["items"][0]["error"].startswith("Out of range")
    assert count(conn, "activities") == 1
    assert count(conn, "fit_files") == 1
    assert count(conn, "heart_rate_samples") == 19


def test_several_files_in_one_form_each_get_their_answer(client, alice, conn):
    data = ok(
        upload_form(
            client,
            alice,
            "garmin-fenix-5-run.fit",
            "activity-unexpected-eof.fit",
            "garmin-fenix-5-bike.fit",
            "garmin-fenix-5-run.fit",
        )
    )
    assert [i["status"] for i in data["items"]] == ["imported", "refused", "imported", "unchanged"]
    assert (data["imported"], data["unchanged"], data["refused"]) == (2, 1, 1)
    assert data["items"][1]["error"].startswith("Truncated")
    assert data["items"][1]["activity"] is None
    assert count(conn, "activities") == 2
    assert count(conn, "heart_rate_samples") == 21 + 19


def test_every_file_refused_is_one_422_per_file(client, alice, conn):
    body = assert_error(upload_form(client, alice, *BROKEN), 422)
    assert set(body["data"]["errors"]) == set(BROKEN)
    assert stored_rows(conn) == dict.fromkeys(TABLES, 0)


def test_files_over_20_mb_are_413_and_other_routes_keep_their_limit(client, alice, conn):
    too_big = b"\0" * (MAX_FILE_BYTES + 1)
    assert (
        "big.fit is larger than"
        in assert_error(upload(client, alice, "big.fit", too_big), 413)["message"]
    )
    form = {"file": [(io.BytesIO(too_big), "big.fit")]}
    response = call(client, "POST", alice, "/fit", data=form, content_type="multipart/form-data")
    assert "big.fit" in assert_error(response, 413, "file")["message"]
    # Above the app's MAX_CONTENT_LENGTH (10 MB) yet within this route's 20 MB: read and judged.
    body = assert_error(upload(client, alice, "zeros.fit", b"\0" * (15 * 1024 * 1024)), 422)
    assert "Corrupt" in body["message"]
    # ... while a JSON route still refuses a body over MAX_CONTENT_LENGTH.
    padding = "x" * (11 * 1024 * 1024)
    assert_error(call(client, "POST", alice, "/activities", json={"items": [], "p": padding}), 413)
    assert stored_rows(conn) == dict.fromkeys(TABLES, 0)


def test_bad_requests(client, alice):
    assert_error(
        call(client, "POST", alice, "/fit", data={}, content_type="multipart/form-data"),
        400,
        "file",
    )
    assert_error(upload(client, alice, "empty.fit", b""), 400, "file")
    response = call(client, "POST", alice, "/fit", data=b"abc", content_type="text/plain")
    assert_error(response, 415)
    assert_error(client.post("/api/v1/garmin/fit", data=b"x", content_type=FIT_CONTENT_TYPE), 401)


def test_another_users_import_is_a_404(client, alice, bob, conn):
    mine = ok(upload(client, alice, "garmin-fenix-5-bike.fit"))["items"][0]["activity"]
    activity_id = mine["activity_id"]
    assert_error(call(client, "GET", bob, f"/fit/{activity_id}"), 404)
    assert_error(call(client, "GET", bob, f"/activity/{activity_id}"), 404)
    assert_error(call(client, "GET", bob, f"/activity/{activity_id}/hr-samples"), 404)
    assert ok(call(client, "GET", alice, f"/activity/{activity_id}"))
    # Bob's copy of the same file is his own activity, not Alice's "unchanged" one.
    his = ok(upload(client, bob, "garmin-fenix-5-bike.fit"))["items"][0]
    assert his["status"] == "imported"
    assert his["activity"]["activity_id"] != activity_id
    assert count(conn, "activities") == 2


def test_an_admin_imports_for_a_user(client, admin, alice):
    data = ok(upload(client, admin, "garmin-fenix-5-run.fit", customer_id=alice.customer_id))
    activity = data["items"][0]["activity"]
    assert activity["customer_id"] == alice.customer_id
    assert ok(call(client, "GET", alice, f"/fit/{activity['activity_id']}"))["activity_id"]


# --- heart-rate training load ------------------------------------------------------------------


def banister_trimp(name: str, rest: int, peak: int, k: float) -> float:
    """Banister's TRIMP as the SQL header documents it, computed here from the file itself."""
    per_second = per_second_heart_rates(name)
    times = sorted(per_second)
    total = 0.0
    for moment, following in itertools.pairwise(times):
        gap = (following - moment).total_seconds()
        if gap > 30:
            continue
        hrr = min(max((per_second[moment] - rest) / (peak - rest), 0), 1)
        total += gap / 60 * hrr * 0.64 * math.exp(k * hrr)
    return round(total, 3)


@pytest.mark.parametrize(("gender", "k"), [("male", 1.92), ("female", 1.67), (None, 1.92)])
def test_trimp_from_the_profile_is_the_activity_load(client, alice, gender, k):
    name = "activity-small-fenix2-run.fit"
    ok(
        call(
            client,
            "PUT",
            alice,
            "/profile",
            json={"resting_heart_rate": 52, "max_heart_rate": 186, "gender": gender},
        )
    )
    activity = ok(upload(client, alice, name))["items"][0]["activity"]
    expected = banister_trimp(name, 52, 186, k)
    assert expected > 50  # a 47-minute run: far from zero
    assert activity["training_load_method"] == "banister_trimp"
    assert activity["hr_training_load"] == pytest.approx(expected, abs=0.001)
    assert activity["training_load"] == activity["hr_training_load"]
    day = activity["calendar_date"]
    rows = ok(
        call(
            client,
            "POST",
            alice,
            "/training-load/recompute",
            query_string={"start_date": day, "end_date": day},
        )
    )["items"]
    assert rows[0]["daily_load"] == pytest.approx(expected, abs=0.001)
    # Five days later the run is history: it still counts in the 7- and 28-day windows.
    later = (date.fromisoformat(day) + timedelta(days=5)).isoformat()
    rows = ok(
        call(
            client,
            "POST",
            alice,
            "/training-load/recompute",
            query_string={"start_date": later, "end_date": later},
        )
    )["items"]
    assert rows[0]["daily_load"] == 0
    assert rows[0]["acute_load"] == pytest.approx(expected / 7, abs=0.001)
    assert rows[0]["chronic_load"] == pytest.approx(expected / 28, abs=0.001)


def test_a_device_load_wins_and_a_changed_profile_recomputes(client, alice, conn):
    ok(
        call(
            client, "PUT", alice, "/profile", json={"resting_heart_rate": 50, "max_heart_rate": 190}
        )
    )
    activity = ok(upload(client, alice, "garmin-edge-500-activity.fit"))["items"][0]["activity"]
    day = activity["calendar_date"]
    window = {"start_date": day, "end_date": day}
    ok(
        call(
            client, "PUT", alice, "/profile", json={"resting_heart_rate": 60, "max_heart_rate": 200}
        )
    )
    rows = ok(call(client, "POST", alice, "/training-load/recompute", query_string=window))
    expected = banister_trimp("garmin-edge-500-activity.fit", 60, 200, 1.92)
    assert rows["items"][0]["daily_load"] == pytest.approx(expected, abs=0.001)
    conn.execute(
        "UPDATE aiapp_nonprod.activities SET activity_activity_training_load = 123"
        " WHERE activity_id = %s",
        (activity["activity_id"],),
    )
    rows = ok(call(client, "POST", alice, "/training-load/recompute", query_string=window))
    assert rows["items"][0]["daily_load"] == 123
    read = ok(call(client, "GET", alice, f"/fit/{activity['activity_id']}"))
    assert read["training_load_method"] == "device"
    assert read["training_load"] == 123
    assert read["hr_training_load"] == pytest.approx(expected, abs=0.001)


def test_without_resting_and_max_heart_rate_there_is_no_hr_load(client, alice):
    activity = ok(upload(client, alice, "garmin-fenix-5-run.fit"))["items"][0]["activity"]
    assert activity["training_load_method"] is None
    assert activity["hr_training_load"] is None
    day = activity["calendar_date"]
    rows = ok(
        call(
            client,
            "POST",
            alice,
            "/training-load/recompute",
            query_string={"start_date": day, "end_date": day},
        )
    )
    assert rows["items"][0]["daily_load"] == 0


# --- the folder import -------------------------------------------------------------------------


def test_import_fit_imports_the_fixtures_folder_and_is_idempotent(app, alice, conn):
    runner = app.test_cli_runner()
    args = ["garmin", "import-fit", str(FIXTURES), "--customer-id", str(alice.customer_id)]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "Importing 8 .FIT files" in result.output
    assert "4 imported, 0 unchanged, 4 refused." in result.output
    for name, problem in BROKEN.items():
        assert f"refused {name}: {problem}" in result.output
    assert count(conn, "fit_files") == 4
    before = stored_rows(conn)
    again = runner.invoke(args=args)
    assert again.exit_code == 0, again.output
    assert "0 imported, 4 unchanged, 4 refused." in again.output
    assert stored_rows(conn) == before


def test_import_fit_walks_subfolders_and_checks_the_user(app, alice, conn, tmp_path):
    nested = tmp_path / "GARMIN" / "Activity"
    nested.mkdir(parents=True)
    shutil.copy(FIXTURES / "garmin-fenix-5-bike.fit", nested / "2017-06-12.FIT")
    (tmp_path / "notes.txt").write_text("not a FIT file")
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["garmin", "import-fit", str(tmp_path), "--customer-id", str(alice.customer_id)]
    )
    assert "1 imported, 0 unchanged, 0 refused." in result.output, result.output
    missing = runner.invoke(args=["garmin", "import-fit", str(tmp_path), "--customer-id", "999999"])
    assert missing.exit_code != 0
    assert "No user has customer_id 999999" in missing.output
    assert count(conn, "activities") == 1
