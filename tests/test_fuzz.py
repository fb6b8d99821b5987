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

# What counts as refusing invalid data: schemathesis' defaults, and 414 from gunicorn.
REJECTIONS = (400, 401, 403, 404, 405, 406, 409, 413, 414, 415, 422, 428, 429)
CHECKS = "not_a_server_error,response_schema_conformance,negative_data_rejection"
EXAMPLES = os.environ.get("FUZZ_EXAMPLES", "10")
SEED = os.environ.get("FUZZ_SEED", "20261201")
METRICS_TOKEN = "fuzz-metrics-token"
# Operations that end a token's or an account's use (logout; an admin disabling, resetting,
# demoting or erasing a user): fuzzed last, so that no other operation runs without its token.
LAST = r"^/api/v1/auth/(logout|admin/users/\{customer_id\}.*)$"


def _account(base: str, conn, email: str, role: str) -> tuple[int, str]:
    body = {"email": email, "password": TEST_PASSWORD}
    status, _, text = call(base, "POST", "/api/v1/auth/register", body)
    assert status == 201, text
    if role != "user":
        conn.execute("UPDATE aiapp.users SET role = %s WHERE email = %s", (role, email))
    status, _, text = call(base, "POST", "/api/v1/auth/login", body)
    assert status == 200, text
    data = json.loads(text)["data"]
    return data["user"]["customer_id"], data["token"]


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
        user_id, user_token = _account(base, conn, "fuzz-user@example.com", "user")
        _, admin_token = _account(base, conn, "fuzz-admin@example.com", "admin")
        tokens = {"user": user_token, "admin": admin_token}
        # Both tokens act for the user (an admin acting for a user is how the workers write):
        # a random customer_id would make nearly every case a 403 and reach no query.
        config = tmp_path / "schemathesis.toml"
        # gunicorn answers an over-long request line with 414 before the app: a refusal too.
        config.write_text(
            f'[parameters]\n"query.customer_id" = {user_id}\n"body.customer_id" = {user_id}\n'
            "[checks.negative_data_rejection]\n"
            f"expected-statuses = {json.dumps([str(code) for code in REJECTIONS])}\n"
        )
        # Logging out (or an admin disabling or erasing the fuzzed user) revokes the token every
        # later case would use: those runs come last, so every operation is fuzzed with both
        # tokens and none runs logged out. The user's and the admin's runs go side by side (the
        # server has two workers).
        waves = [
            [
                ("user", ["--exclude-path-regex", LAST]),
                ("admin", ["--exclude-path-regex", LAST]),
            ],
            [
                ("user-last", ["--include-path-regex", LAST]),
                ("admin-last", ["--include-path-regex", LAST]),
            ],
        ]
        failures = []
        started = time.monotonic()
        for wave in waves:
            running = [
                (
                    name,
                    _schemathesis(
                        base, config, tokens[name.split("-")[0]], selection, tmp_path, name
                    ),
                )
                for name, selection in wave
            ]
            for name, process in running:
                process.wait()
                report = (tmp_path / f"schemathesis-{name}.txt").read_text()
                print(f"== schemathesis as {name}\n{_summary(report)}")
                if process.returncode != 0:
                    failures.append(f"{name}:\n{report[-20000:]}")
        print(f"== fuzzing took {time.monotonic() - started:.0f} s")
    assert not failures, "\n\n".join(failures)


def _schemathesis(base, config, token, selection, folder: Path, name: str) -> subprocess.Popen:
    with (folder / f"schemathesis-{name}.txt").open("w") as report:
        return subprocess.Popen(
            [
                str(Path(sys.executable).parent / "schemathesis"),
                "--config-file",
                str(config),
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
                *selection,
            ],
            stdout=report,
            stderr=subprocess.STDOUT,
            cwd=folder,
        )


def _summary(report: str) -> str:
    """The lines of a schemathesis report that count: cases, failures, warnings."""
    keep = ("generated", "passed", "failed", "ST", "⚠️", "Seed")
    return "\n".join(line for line in report.splitlines() if any(k in line for k in keep))
