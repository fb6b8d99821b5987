"""`make fuzz`: schemathesis over every operation of the OpenAPI document, against a live
gunicorn on a test database, once with a user's token and once with an admin's.

It fails on any 5xx, any answer that breaks the schema the document declares for it, and any
request the document calls invalid that is accepted. Reproducible and bounded: a fixed seed and
a fixed number of examples per operation (FUZZ_EXAMPLES, FUZZ_SEED override them).
Skipped by `make test` (it takes minutes); `make fuzz` sets FUZZ=1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import TEST_PASSWORD
from tests.live import call, live_server

pytestmark = pytest.mark.skipif(not os.environ.get("FUZZ"), reason="run by `make fuzz`")

CHECKS = "not_a_server_error,response_schema_conformance,negative_data_rejection"
EXAMPLES = os.environ.get("FUZZ_EXAMPLES", "12")
SEED = os.environ.get("FUZZ_SEED", "20261201")
METRICS_TOKEN = "fuzz-metrics-token"


def _account(base: str, conn, email: str, role: str) -> str:
    body = {"email": email, "password": TEST_PASSWORD}
    status, _, text = call(base, "POST", "/api/v1/auth/register", body)
    assert status == 201, text
    if role != "user":
        conn.execute("UPDATE aiapp.users SET role = %s WHERE email = %s", (role, email))
    status, _, text = call(base, "POST", "/api/v1/auth/login", body)
    assert status == 200, text
    return json.loads(text)["data"]["token"]


def test_schemathesis_finds_nothing(app_env, conn, tmp_path: Path):
    env = {
        **app_env,
        "METRICS_TOKEN": METRICS_TOKEN,
        # Many failed logins are part of the run; the limit must not turn them all into 429s.
        "LOGIN_MAX_FAILURES_PER_ADDRESS": "100000",
        "WEB_CONCURRENCY": "2",
        "THREADS": "4",
    }
    with live_server(env, tmp_path / "gunicorn.log") as base:
        tokens = {
            "user": _account(base, conn, "fuzz-user@example.com", "user"),
            "admin": _account(base, conn, "fuzz-admin@example.com", "admin"),
        }
        failures = []
        for role, token in tokens.items():
            started = time.monotonic()
            result = subprocess.run(
                [
                    str(Path(sys.executable).parent / "schemathesis"),
                    "run",
                    f"{base}/api/v1/openapi.json",
                    "--url",
                    base,
                    "--checks",
                    CHECKS,
                    "--max-examples",
                    EXAMPLES,
                    "--seed",
                    SEED,
                    "--workers",
                    "2",
                    "--phases",
                    "examples,coverage,fuzzing",
                    "--no-shrink",
                    "--suppress-health-check",
                    "all",
                    "--request-timeout",
                    "20",
                    "--header",
                    f"Authorization: Bearer {token}",
                ],
                capture_output=True,
                text=True,
                cwd=tmp_path,
                check=False,
            )
            took = time.monotonic() - started
            (tmp_path / f"schemathesis-{role}.txt").write_text(result.stdout + result.stderr)
            print(f"== schemathesis as {role} ({took:.0f} s)\n{result.stdout[-3000:]}")
            if result.returncode != 0:
                failures.append(f"{role}:\n{result.stdout[-20000:]}\n{result.stderr[-2000:]}")
    assert not failures, "\n\n".join(failures)
