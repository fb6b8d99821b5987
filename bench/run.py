"""`make bench`: seed a data set, serve it with gunicorn, measure the seed's queries over HTTP.

    python bench/run.py [--users N] [--days D] [--requests R] [--threads T] [--seconds S]
                        [--json bench/results.json]

Uses DATABASE_URL (and MIGRATIONS_DB_URL) when set; otherwise starts an embedded PostgreSQL in
a temporary folder and removes it afterwards. BENCH_USERS / BENCH_DAYS override the default
size (the seed's: 20 users x 365 days, ~150 activities a user with 1,800 HR samples each).
Everything listens on 127.0.0.1 / a Unix socket only. Each query gets a bounded number of
requests and a time budget; latencies are client-side, over keep-alive HTTP/1.1, so they
include Flask, JSON and the network stack, while the seed's targets are bare query times.
Each query is measured twice: latency with one client thread (p50/p95/p99: the request's own
cost, no queueing) and throughput with --threads client threads (req/s, also as a share of a
bare Flask route, bench/hello.py, served by the same gunicorn worker class and layout in the
same run, beside that route plus one pooled `SELECT 1`: the ceiling of any route that touches
PostgreSQL). Also measured in the same run on the same server: HR-sample ingest through the
HTTP endpoint, `pgbench -S` (select-only, scale 10, its own database) and raw binary COPY.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from app import migrations  # noqa: E402
from app.localdb import APP_ROLE, LocalPostgres  # noqa: E402

# The seed's expected query times (docs/DATABASE_IMPLEMENTATION_SUMMARY.md), in ms.
TARGETS_MS = {
    "user lookup": 1,
    "daily metrics by user+date": 1,
    "activity date range": 10,
    "weekly summary": 50,
    "30-day HRV trend": 100,
    "activity with HR samples": 200,
}
HR_SAMPLES = 1800


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Client:
    """One keep-alive connection per thread to the local server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.local = threading.local()

    def request(self, method: str, path: str, headers: dict, body: bytes | None = None) -> int:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status


def measure(
    client: Client,
    make_request: Callable[[random.Random], tuple[str, str, dict, bytes | None]],
    requests: int,
    threads: int,
    seconds: float,
) -> dict[str, Any]:
    """Send up to `requests` requests from `threads` threads within `seconds`."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    budget = iter(range(requests))
    deadline = time.perf_counter() + seconds

    def worker(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)  # noqa: S311 - which user and day to ask for, not secrets
        while time.perf_counter() < deadline:
            with lock:
                if next(budget, None) is None:
                    return
            method, path, headers, body = make_request(rng)
            started = time.perf_counter()
            status = client.request(method, path, headers, body)
            elapsed = (time.perf_counter() - started) * 1e3
            with lock:
                latencies.append(elapsed)
                errors += status >= 400

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "errors": errors,
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        "mean_ms": round(statistics.fmean(latencies), 2),
        "throughput_rps": round(len(latencies) / wall, 1),
    }


def seed(env: dict[str, str], users: int, days: int) -> str:
    """Seed through `flask seed sample --reset`; its progress bar (stderr) shows as it goes."""
    say(f"seeding {users} user(s) x {days} days (flask seed sample --reset)")
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "wsgi",
            "seed",
            "sample",
            "--reset",
            "--users",
            str(users),
            "--days",
            str(days),
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    say(f"seeded in {time.perf_counter() - started:.1f}s: {result.stdout.strip().splitlines()[-2]}")
    return result.stdout.rsplit("password: ", 1)[1].strip()


def serve(env: dict[str, str], port: int, hello: bool = False) -> subprocess.Popen:
    """The API as `make run` serves it, or (hello) bench/hello.py in the same worker layout."""
    server_env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "gunicorn", "-c", str(PROJECT / "gunicorn.conf.py")]
    if hello:
        conf: dict[str, Any] = {"__name__": "gunicorn_conf"}
        exec((PROJECT / "gunicorn.conf.py").read_text(), conf)  # noqa: S102 - our own file
        # The layout only: the config's hooks would load the API and open its pools.
        command = [
            *command[:3],
            "-k",
            conf["worker_class"],
            "-w",
            str(conf["workers"]),
            "--threads",
            str(conf["threads"]),
            f"--worker-connections={conf['worker_connections']}",
            f"--bind=127.0.0.1:{port}",
            "bench.hello:app",
        ]
    else:
        command.append("wsgi:app")
    process = subprocess.Popen(
        command, cwd=PROJECT, env=server_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/" if hello else "/ready")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("gunicorn did not become ready")


def login(port: int, email: str, password: str) -> dict[str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = json.dumps({"email": email, "password": password})
    conn.request("POST", "/api/v1/auth/login", body, {"Content-Type": "application/json"})
    answer = json.loads(conn.getresponse().read())
    return {"Authorization": f"Bearer {answer['data']['token']}"}


def pgbench(bin_dir: Path, owner_url: str, seconds: int) -> float | None:
    """Select-only tps on a scale-10 pgbench database next to ours (None if not possible)."""
    executable = bin_dir / "pgbench"
    if not executable.exists():
        return None
    info = psycopg.conninfo.conninfo_to_dict(owner_url)
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bench_pgbench")
        conn.execute("CREATE DATABASE bench_pgbench")
    args = [
        "-h",
        str(info.get("host", "")),
        "-p",
        str(info.get("port", 5432)),
        "-U",
        str(info.get("user", "postgres")),
    ]
    subprocess.run(
        [str(executable), "-i", "-q", "-s", "10", *args, "bench_pgbench"],
        check=True,
        capture_output=True,
    )
    run = subprocess.run(
        [str(executable), "-S", "-c", "4", "-j", "2", "-T", str(seconds), *args, "bench_pgbench"],
        check=True,
        capture_output=True,
        text=True,
    )
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute("DROP DATABASE bench_pgbench")
    found = re.search(r"tps = ([\d.]+)", run.stdout)
    return round(float(found.group(1)), 1) if found else None


def copy_rate(owner_url: str, rows: int) -> float:
    """Binary COPY of heart-rate-shaped rows into a temporary table, rows per second."""
    start = datetime(2024, 1, 1, tzinfo=UTC)
    data = [
        (n // HR_SAMPLES, start + timedelta(seconds=n), 60 + n % 120, n % HR_SAMPLES)
        for n in range(rows)
    ]
    with psycopg.connect(owner_url) as conn, conn.cursor() as cur:
        cur.execute(
            "CREATE TEMPORARY TABLE copy_probe (activity_id bigint, sample_time timestamptz,"
            " heart_rate smallint, elapsed_seconds integer) ON COMMIT DROP"
        )
        started = time.perf_counter()
        with cur.copy("COPY copy_probe FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["int8", "timestamptz", "int2", "int4"])
            for row in data:
                copy.write_row(row)
        elapsed = time.perf_counter() - started
    return round(rows / elapsed, 1)


# --- .FIT import (issue 16) ----------------------------------------------------------------
# The largest shared fixture (a 3.5-hour ride, 357 kB) and a real file over 1 MB (a fenix 2
# multisport day, 1,044 kB, from python-fitparse's test files like the shared ones).
FIT_FILES = (
    PROJECT.parent / "shared" / "fixtures" / "fit" / "garmin-edge-500-activity.fit",
    PROJECT / "tests" / "fixtures" / "fit" / "activity-large-fenxi2-multisport.fit",
)
FIT_DECODES = 3  # decoding alone is timed this many times in this process; the best counts


def fit_import_rate(port: int, users: list[dict[str, str]], seconds: float) -> list[dict[str, Any]]:
    """Each .FIT file imported over HTTP once per user, one upload at a time (a second upload
    by the same user would only answer 'unchanged'), within `seconds` a file: files/s, MB/s and
    HR samples/s end to end, and decoding alone in this process."""
    from app.garmin.fit_decode import FIT_CONTENT_TYPE, decode_fit  # here: this section stays whole

    results = []
    for path in FIT_FILES:
        if not path.is_file():
            say(f"no {path}: its .FIT import not measured")
            continue
        data = path.read_bytes()
        decode_s = float("inf")
        for _ in range(FIT_DECODES):
            started = time.perf_counter()
            decoded = decode_fit(data)
            decode_s = min(decode_s, time.perf_counter() - started)
        samples, latencies = len(decoded.samples()), []
        deadline = time.perf_counter() + seconds
        for headers in users:
            if latencies and time.perf_counter() > deadline:
                break
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            started = time.perf_counter()
            conn.request(
                "POST", "/api/v1/garmin/fit", data, {**headers, "Content-Type": FIT_CONTENT_TYPE}
            )
            answer = json.loads(conn.getresponse().read())
            latencies.append(time.perf_counter() - started)
            if answer["data"]["items"][0]["status"] != "imported":
                raise RuntimeError(f"FIT import answered {answer}")
        mean = statistics.mean(latencies)
        results.append(
            {
                "file": path.name,
                "bytes": len(data),
                "records": decoded.record_count,
                "hr_samples": samples,
                "imports": len(latencies),
                "mean_ms": round(mean * 1e3, 1),
                "files_per_s": round(1 / mean, 2),
                "mb_per_s": round(len(data) / 1e6 / mean, 2),
                "samples_per_s": round(samples / mean, 1),
                "decode_only_ms": round(decode_s * 1e3, 1),
                # the rest of a file's time: storing it, and the upload over HTTP
                "store_ms": round((mean - decode_s) * 1e3, 1),
            }
        )
    return results


# --- end of .FIT import ---------------------------------------------------------------------


# --- issue 15: export of the largest bench user -------------------------------------------


def _peak_rss_kib(server_pid: int) -> int:
    """The largest VmHWM (peak resident set, KiB) among the gunicorn workers of a master."""
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]))
    return max(peaks, default=0)


def export_measure(port: int, headers: dict[str, str], server_pid: int) -> dict[str, Any]:
    """GET /api/v1/auth/me/export for one user, read as it streams: wall time, bytes, and the
    workers' peak RSS before and after (bounded memory shows as a small difference)."""
    before = _peak_rss_kib(server_pid)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    conn.request("GET", "/api/v1/auth/me/export", headers=headers)
    response = conn.getresponse()
    size = 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
    elapsed = time.perf_counter() - started
    conn.close()
    return {
        "status": response.status,
        "seconds": round(elapsed, 2),
        "zip_bytes": size,
        "worker_peak_rss_kib_before": before,
        "worker_peak_rss_kib_after": _peak_rss_kib(server_pid),
    }


# --- end of issue 15's addition ---------------------------------------------------------


def settle_and_size(owner_url: str) -> dict[str, Any]:
    """What autovacuum would do after the bulk load (VACUUM ANALYZE: statistics for the plans,
    the visibility map for index-only scans), then the heart-rate samples' size on disk: every
    monthly partition with its indexes (the partitioned parent itself stores nothing)."""
    started = time.perf_counter()
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) aiapp_nonprod.heart_rate_samples")
        conn.execute("ANALYZE")
        row = conn.execute(
            "SELECT (SELECT count(*) FROM aiapp_nonprod.heart_rate_samples) AS samples,"
            " count(*) FILTER (WHERE t.isleaf) AS partitions,"
            " coalesce(sum(pg_total_relation_size(t.relid)), 0)::bigint AS total_bytes,"
            " coalesce(sum(pg_relation_size(t.relid)), 0)::bigint AS heap_bytes"
            " FROM pg_partition_tree('aiapp_nonprod.heart_rate_samples') AS t"
        ).fetchone()
    samples, partitions, total_bytes, heap_bytes = row
    say(f"VACUUM ANALYZE and size in {time.perf_counter() - started:.1f}s")
    per_million = 1e6 / samples if samples else 0.0
    return {
        "hr_samples": samples,
        "partitions": partitions,
        "total_bytes": total_bytes,
        "heap_bytes": heap_bytes,
        "total_mib_per_million": round(total_bytes * per_million / 2**20, 1),
        "heap_mib_per_million": round(heap_bytes * per_million / 2**20, 1),
    }


def run(args: argparse.Namespace, env: dict[str, str], owner_url: str, bin_dir: Path) -> dict:
    migrations.upgrade(owner_url)
    started = time.perf_counter()
    password = seed(env, args.users, args.days)
    storage = settle_and_size(owner_url)
    seed_seconds = round(time.perf_counter() - started, 1)
    with psycopg.connect(owner_url) as conn:
        activities = conn.execute(
            "SELECT u.email, a.activity_id, a.calendar_date FROM aiapp_nonprod.activities AS a"
            " JOIN aiapp.users AS u USING (customer_id)"
        ).fetchall()
    emails = sorted({row[0] for row in activities})
    port = free_port()
    say(f"starting gunicorn on 127.0.0.1:{port}")
    server = serve(env, port)
    try:
        tokens = {email: login(port, email, password) for email in emails}
        by_user: dict[str, list[tuple[int, date]]] = {}
        for email, activity_id, day in activities:
            by_user.setdefault(email, []).append((activity_id, day))
        last_day = datetime.now(UTC).date()
        first_day = last_day - timedelta(days=args.days - 1)
        api = "/api/v1/garmin"

        def someone(rng: random.Random) -> tuple[dict, list[tuple[int, date]]]:
            email = rng.choice(emails)
            return tokens[email], by_user[email]

        def a_day(rng: random.Random) -> date:
            return first_day + timedelta(days=rng.randrange(args.days))

        def get(path: str, headers: dict) -> tuple[str, str, dict, None]:
            return "GET", path, headers, None

        scenarios: dict[str, Callable] = {
            "user lookup": lambda rng: get("/api/v1/auth/me", someone(rng)[0]),
            "daily metrics by user+date": lambda rng: get(
                f"{api}/daily-metrics?date={a_day(rng)}", someone(rng)[0]
            ),
            "activity date range": lambda rng: get(
                f"{api}/activities/range?start_date={(d := a_day(rng))}"
                f"&end_date={d + timedelta(days=30)}",
                someone(rng)[0],
            ),
            "weekly summary": lambda rng: get(
                f"{api}/weekly-summary?week={a_day(rng)}", someone(rng)[0]
            ),
            "30-day HRV trend": lambda rng: get(
                f"{api}/hrv/trend?days=30&end_date={a_day(rng)}", someone(rng)[0]
            ),
            "activity with HR samples": lambda rng: (
                lambda who: get(f"{api}/activity/{rng.choice(who[1])[0]}/hr-samples", who[0])
            )(someone(rng)),
        }
        results: dict[str, Any] = {}
        for name, make in scenarios.items():
            say(f"measuring {name}: latency (1 client), throughput ({args.threads} clients)")
            latency = measure(Client(port), make, args.requests, 1, args.seconds)
            load = measure(Client(port), make, args.requests, args.threads, args.seconds)
            results[name] = {
                **latency,
                "errors": latency["errors"] + load["errors"],
                "throughput_rps": load["throughput_rps"],
                "target_ms": TARGETS_MS[name],
            }

        # Recent times: the upload refuses any outside 1989 .. a day ahead (migration 0025).
        start = (datetime.now(UTC) - timedelta(days=1)).replace(microsecond=0)
        upload = json.dumps(
            {
                "timestamps": [
                    (start + timedelta(seconds=n)).isoformat() for n in range(HR_SAMPLES)
                ],
                "heart_rates": [100 + n % 80 for n in range(HR_SAMPLES)],
            }
        ).encode()

        def ingest(rng: random.Random) -> tuple[str, str, dict, bytes]:
            headers, own = someone(rng)
            path = f"{api}/activity/{rng.choice(own)[0]}/hr-samples?mode=merge"
            return "POST", path, {**headers, "Content-Type": "application/json"}, upload

        say("measuring HR-sample ingest")
        uploads = max(10, args.requests // 10)
        ingest_result = measure(Client(port), ingest, uploads, args.threads, args.seconds)
        ingest_result["samples_per_s"] = round(ingest_result["throughput_rps"] * HR_SAMPLES, 1)
        results["HR-sample ingest (1,800/request)"] = ingest_result
        say("measuring .FIT import")
        fit_import = fit_import_rate(port, list(tokens.values()), args.seconds)
        largest = max(emails, key=lambda email: len(by_user[email]))
        say(f"measuring the export of the largest user ({largest})")
        export = {"user": largest, "activities": len(by_user[largest])}
        export.update(export_measure(port, tokens[largest], server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
    hello_port = free_port()
    say(f"measuring the bare Flask hello in the same layout on 127.0.0.1:{hello_port}")
    hello = serve(env, hello_port, hello=True)
    floors: dict[str, dict[str, Any]] = {}
    try:
        for path in ("/", "/db"):
            # One client: the least an HTTP round trip costs here, the floor under every
            # latency above; then the same client count as the queries, for the shares.
            latency = measure(
                Client(hello_port),
                lambda rng, path=path: ("GET", path, {}, None),
                args.requests,
                1,
                args.seconds,
            )
            throughput = measure(
                Client(hello_port),
                lambda rng, path=path: ("GET", path, {}, None),
                args.requests * 5,
                args.threads,
                args.seconds,
            )
            floors[path] = {
                "p50_ms": latency["p50_ms"],
                "p99_ms": latency["p99_ms"],
                "rps": throughput["throughput_rps"],
            }
    finally:
        hello.terminate()
        hello.wait(timeout=30)
    hello_rps, hello_db_rps = floors["/"]["rps"], floors["/db"]["rps"]
    for row in results.values():
        row["hello_share"] = round(row["throughput_rps"] / hello_rps, 3)
    say("pgbench -S and raw COPY")
    reference = {
        "hello_rps": hello_rps,
        "hello_db_rps": hello_db_rps,
        "hello_latency_ms": {k: floors["/"][k] for k in ("p50_ms", "p99_ms")},
        "hello_db_latency_ms": {k: floors["/db"][k] for k in ("p50_ms", "p99_ms")},
        "pgbench_select_only_tps": pgbench(bin_dir, owner_url, args.pgbench_seconds),
        "copy_rows_per_s": copy_rate(owner_url, args.copy_rows),
    }
    return {
        "size": {
            "users": args.users,
            "days": args.days,
            "activities": len(activities),
            "hr_samples": storage["hr_samples"],
            "seed_seconds": seed_seconds,
        },
        "storage": storage,
        "load": {
            "threads": args.threads,
            "max_requests": args.requests,
            "max_seconds": args.seconds,
        },
        "queries": results,
        "reference": reference,
        "fit_import": fit_import,
        "export": export,
    }


def print_table(report: dict) -> None:
    size = report["size"]
    print(
        f"\nSize: {size['users']} users x {size['days']} days, {size['activities']} activities, "
        f"{size['hr_samples']} HR samples; {report['load']['threads']} client threads\n"
    )
    storage = report["storage"]
    print(
        f"seeded (COPY) and vacuumed in {size['seed_seconds']} s; heart_rate_samples:"
        f" {storage['partitions']} monthly partitions, {storage['total_bytes'] / 2**20:.1f} MiB"
        f" with indexes = {storage['total_mib_per_million']} MiB per 1M samples"
        f" ({storage['heap_mib_per_million']} MiB of it table rows)\n"
    )
    threads = report["load"]["threads"]
    columns = ("target", "p50", "p95", "p99", "req/s", "hello%")
    header = f"{'query':36} " + " ".join(f"{c:>8}" for c in columns) + f" {'n':>6} {'err':>4}"
    print(f"{'':36} {'':8} {'latency, 1 client (ms)':>26} {f'{threads} clients':>17}")
    print(header)
    print("-" * len(header))
    for name, row in report["queries"].items():
        target = f"<{row['target_ms']}ms" if "target_ms" in row else "-"
        print(
            f"{name:36} {target:>8} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['p99_ms']:>8} "
            f"{row['throughput_rps']:>8} {100 * row['hello_share']:>7.1f}% "
            f"{row['requests']:>6} {row['errors']:>4}"
        )
    ingest = report["queries"]["HR-sample ingest (1,800/request)"]
    hello = report["reference"]["hello_rps"]
    print(f"\nbare Flask hello, same layout, {threads} clients: {hello} req/s")
    floor = report["reference"]["hello_db_rps"]
    print(
        f"the same route plus one pooled SELECT 1: {floor} req/s ({100 * floor / hello:.1f}% of"
        " the hello: the ceiling of any route that touches PostgreSQL)"
    )
    bare, one = report["reference"]["hello_latency_ms"], report["reference"]["hello_db_latency_ms"]
    print(
        f"1 client: the hello p50 {bare['p50_ms']} / p99 {bare['p99_ms']} ms, with SELECT 1 p50"
        f" {one['p50_ms']} / p99 {one['p99_ms']} ms (the floor under every latency above)"
    )
    copy = report["reference"]["copy_rows_per_s"]
    if ingest["errors"]:
        print(
            f"HR-sample ingest over HTTP: not measured, {ingest['errors']} of"
            f" {ingest['requests']} uploads refused"
        )
    else:
        print(f"HR-sample ingest over HTTP: {ingest['samples_per_s']} samples/s")
    print(f"pgbench -S (scale 10, 4 clients): {report['reference']['pgbench_select_only_tps']} tps")
    share = (
        ""
        if ingest["errors"]
        else f" (HTTP ingest: {100 * ingest['samples_per_s'] / copy:.1f}% of it)"
    )
    print(f"raw binary COPY: {copy} rows/s{share}")
    for fit in report["fit_import"] or [{"file": None}]:
        print(
            "no .FIT file: import not measured"
            if fit["file"] is None
            else f".FIT import over HTTP ({fit['file']}, {fit['bytes']} bytes, {fit['records']}"
            f" records, {fit['hr_samples']} HR samples): {fit['files_per_s']} files/s,"
            f" {fit['mb_per_s']} MB/s, {fit['samples_per_s']} samples/s ({fit['mean_ms']} ms a"
            f" file over {fit['imports']} imports; decoding alone {fit['decode_only_ms']} ms,"
            f" storing and HTTP {fit['store_ms']} ms)"
        )
    export = report["export"]
    print(
        f"export of the largest user ({export['user']}, {export['activities']} activities):"
        f" {export['seconds']} s, {export['zip_bytes']} bytes zipped, HTTP {export['status']};"
        f" worker peak RSS {export['worker_peak_rss_kib_before']} KiB before,"
        f" {export['worker_peak_rss_kib_after']} KiB after"
    )
    print("(targets are the seed's bare query times; ours are full HTTP round trips, in ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=int(os.environ.get("BENCH_USERS", 20)))
    parser.add_argument("--days", type=int, default=int(os.environ.get("BENCH_DAYS", 365)))
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", 2000)))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_THREADS", 8)))
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", 20)))
    parser.add_argument("--pgbench-seconds", type=int, default=10)
    parser.add_argument("--copy-rows", type=int, default=500_000)
    parser.add_argument("--json", default=str(PROJECT / "bench" / "results.json"))
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if k not in {"APP_ENV"}}
    env.setdefault("BCRYPT_ROUNDS", "4")
    if env.get("DATABASE_URL"):
        owner_url = env.get("MIGRATIONS_DB_URL", env["DATABASE_URL"])
        report = run(args, env, owner_url, Path(env.get("PG_BIN_DIR", "")))
    else:
        with tempfile.TemporaryDirectory(prefix="bench-pg-") as folder:
            server = LocalPostgres(Path(folder) / "data")
            say(f"starting embedded PostgreSQL in {folder}")
            server.start()
            try:
                env["MIGRATIONS_DB_URL"] = server.url()
                env["DATABASE_URL"] = server.url(user=APP_ROLE)
                report = run(args, env, server.url(), server.bin_dir)
            finally:
                server.stop()
    print_table(report)
    Path(args.json).write_text(json.dumps(report, indent=2, default=str) + "\n")
    say(f"wrote {args.json}")
    failed = [name for name, row in report["queries"].items() if row["errors"]]
    if failed:
        # A figure of refused requests measures the refusal: the run fails, naming them.
        say(f"requests failed in: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
