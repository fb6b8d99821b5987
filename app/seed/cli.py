"""`flask --app wsgi seed sample`: stores the sample data of app.seed.generate for the demo
account (and --users more) through the statements the API uses."""

from __future__ import annotations

import json
import secrets
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from random import Random
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup
from tqdm import tqdm

from app import db
from app.auth.access import hash_password
from app.garmin.datasets import DATASETS, store_items
from app.params import jsonb
from app.seed import generate
from app.seed import queries as seed_queries
from app.training import queries as training_queries

seed_cli = AppGroup("seed", help="Sample data for demos and benchmarks.")

DEMO_EMAIL = "demo@example.com"
ENSURE_STEP = timedelta(days=365)
_DATASET = {dataset.key: dataset for dataset in DATASETS}


@dataclass(frozen=True)
class Seeded:
    customer_id: int
    email: str
    activities: int
    samples: int


@seed_cli.command("sample")
@click.option("--users", default=1, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--days", default=30, show_default=True, type=click.IntRange(14, 3650))
@click.option("--reset", is_flag=True, help="Empty the Garmin tables first (not in production).")
@click.option("--random-seed", default=42, show_default=True, help="Same seed, same data.")
def sample(users: int, days: int, reset: bool, random_seed: int) -> None:
    """Create the sample data set: the demo user (and --users more) with --days of data."""
    if reset and current_app.config["SETTINGS"].app_env == "production":
        raise click.ClickException("Refusing to --reset: APP_ENV is production.")
    if reset:
        with db.unit_of_work("garmin"):
            training_queries.delete_all_garmin_rows()
        click.echo("Emptied the Garmin tables.")
    password = secrets.token_urlsafe(12)
    emails = [DEMO_EMAIL] + [f"athlete{n}@example.com" for n in range(2, users + 1)]
    with db.unit_of_work("main"):
        accounts = seed_queries.upsert_seed_users(
            emails=emails, password_hash=hash_password(password)
        )
    last_day = datetime.now(UTC).date()
    seeded: list[Seeded] = []
    # tqdm rather than click's bar: it also reports progress when stderr is a log file (bench).
    with tqdm(
        accounts, desc=f"Seeding {users} user(s) x {days} days", unit="user", file=sys.stderr
    ) as bar:
        for account in bar:
            # Reproducible sample numbers, not secrets.
            rng = Random(f"{random_seed}:{account['email']}")  # noqa: S311
            seeded.append(seed_user(account, last_day, days, rng))
            bar.set_postfix(hr_samples=sum(s.samples for s in seeded), refresh=False)
    activities = sum(s.activities for s in seeded)
    samples = sum(s.samples for s in seeded)
    click.echo(f"Seeded {len(seeded)} user(s): {activities} activities, {samples} HR samples.")
    click.echo(f"Log in as {DEMO_EMAIL} (and athleteN@example.com) with password: {password}")


def seed_user(account: dict[str, Any], last_day: date, days: int, rng: Random) -> Seeded:
    """One account's sample data: its days and activities in one transaction, then all its
    heart-rate samples in another (emptied first, so a re-run replaces them)."""
    customer_id = account["customer_id"]
    first_day = last_day - timedelta(days=days - 1)
    calendar = [first_day + timedelta(days=n) for n in range(days)]
    activities = generate.activities(customer_id, calendar, rng)
    with db.unit_of_work("garmin"):
        training_queries.upsert_athlete_profile(
            customer_id=customer_id, profile=jsonb(generate.profile(rng))
        )
        for key, items in generate.daily_items(calendar, rng).items():
            dataset = _DATASET[key]
            store_items(dataset, customer_id, dataset.item_schema(many=True).load(items))
        store_items(
            _DATASET["activity"],
            customer_id,
            _DATASET["activity"].item_schema(many=True).load(activities),
        )
        _plan(customer_id, last_day, activities)
        for day in calendar:
            training_queries.upsert_daily_readiness(
                customer_id=customer_id, readiness=jsonb(generate.readiness(day, rng))
            )
        training_queries.recompute_training_load(
            customer_id=customer_id, start_date=first_day, end_date=last_day
        )
    if activities:
        with db.unit_of_work("garmin"):
            _ensure_months(activities)
            training_queries.delete_activities_hr_samples(
                customer_id=customer_id, activity_ids=[item["activity_id"] for item in activities]
            )
            training_queries.create_hr_seed()
            training_queries.copy_hr_samples(
                row for item in activities for row in generate.hr_rows(customer_id, item, rng)
            )
            training_queries.insert_hr_seed()
    return Seeded(
        customer_id,
        account["email"],
        len(activities),
        len(activities) * generate.SAMPLES_PER_ACTIVITY,
    )


def _ensure_months(activities: list[dict[str, Any]]) -> None:
    """The partitions of the activities' months, a year at a time (ensure_hr_partitions takes
    at most 24 months a call; --days goes up to ten years)."""
    moment = activities[0]["activity_start_time"]
    last = activities[-1]["activity_start_time"] + timedelta(
        seconds=activities[-1]["activity_duration"]
    )
    while moment <= last:
        training_queries.ensure_hr_partitions(
            from_time=moment, to_time=min(last, moment + ENSURE_STEP)
        )
        moment += ENSURE_STEP


def _plan(customer_id: int, last_day: date, activities: list[dict[str, Any]]) -> None:
    """A plan whose 8 workouts fall on the last 8 days; the first 5 completed by activities."""
    plan = training_queries.insert_training_plan(
        customer_id=customer_id,
        plan=jsonb(
            {
                "name": "Half marathon build",
                "goal": "Half marathon under 1:50",
                "start_date": last_day - timedelta(days=13),
                "end_date": last_day + timedelta(days=42),
                "ai_generated": True,
                "ai_model": "claude-sonnet",
                "weekly_structure": {"long_run": "sun", "intervals": "tue", "rest": "fri"},
            }
        ),
    )
    plan_id = _loads(plan)["plan_id"]
    by_day = {item["calendar_date"]: item["activity_id"] for item in activities}
    for n, (kind, intensity, zone, minutes) in enumerate(generate.WORKOUTS):
        day = last_day - timedelta(days=len(generate.WORKOUTS) - 1 - n)
        workout = training_queries.insert_planned_workout(
            customer_id=customer_id,
            plan_id=plan_id,
            workout=jsonb(
                {
                    "workout_date": day,
                    "workout_type": kind,
                    "intensity": intensity,
                    "target_hr_zone": zone,
                    "target_duration_minutes": minutes,
                    "ai_reasoning": "Builds aerobic base while keeping the ACWR optimal.",
                }
            ),
        )
        if n < 5 and day in by_day:
            workout_id = _loads(workout)["workout_id"]
            training_queries.complete_planned_workout(
                customer_id=customer_id, workout_id=workout_id, activity_id=by_day[day]
            )


def _loads(text: str) -> dict[str, Any]:
    return json.loads(text)
