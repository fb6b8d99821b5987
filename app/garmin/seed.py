"""`flask --app wsgi seed sample`: the training seed's sample data set, through the same named
statements the API uses (the dataset upserts, the training-load recompute), so the sample
exercises the real write paths. Heart-rate samples, the bulk of it (270,000 a user-year), go
in with one binary COPY per user into a temporary table and one INSERT ... SELECT from it
(COPY FROM may not write a table under row-level security), after the months they fall in
are made sure of: `make bench` seeds 100 users x 1 year (27M samples) this way.

The demo account is demo@example.com; --users N adds athlete2@example.com .. athleteN@. Every
account gets a realistic profile, D days (--days, default 30) of daily metrics, readiness for
each day, activities with 1,800 heart-rate samples each (every one of the last 14 days when
D <= 30, else ~150 a year, the seed's benchmark shape), a plan of 8 workouts of which 5 are
completed by activities, and its training load. Numbers come from a seeded generator, so a
run is reproducible; re-running updates the same rows.
"""

from __future__ import annotations

import json
import math
import secrets
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from random import Random
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup
from psycopg.types.json import Jsonb
from tqdm import tqdm

from app import db
from app.auth.access import hash_password
from app.garmin.datasets import DATASETS, store_items
from app.http import dumps
from app.training import queries as training_queries

seed_cli = AppGroup("seed", help="Sample data for demos and benchmarks.")

DEMO_EMAIL = "demo@example.com"
SAMPLES_PER_ACTIVITY = 1800
DENSE_ACTIVITY_DAYS = 14
YEARLY_ACTIVITY_SHARE = 150 / 365
ENSURE_STEP = timedelta(days=365)
# The activity kinds the sample rotates through: (Garmin type, metres per second, load per min).
ACTIVITY_KINDS = (
    ("running", 3.1, 1.6),
    ("cycling", 7.5, 1.2),
    ("running", 2.8, 1.1),
    ("swimming", 0.9, 1.3),
    ("strength_training", 0.0, 0.9),
    ("running", 3.4, 2.1),
    ("walking", 1.4, 0.5),
)
WORKOUTS = (
    ("easy_run", "easy", 2, 40),
    ("intervals", "hard", 4, 50),
    ("recovery", "very_easy", 1, 30),
    ("tempo", "hard", 3, 45),
    ("rest", "very_easy", None, 0),
    ("long_run", "moderate", 2, 90),
    ("cross_training", "easy", 2, 45),
    ("easy_run", "easy", 2, 40),
)
# The lowest readiness score of each recommendation, best first.
READINESS_BANDS = (
    (80, "high_intensity"),
    (65, "moderate"),
    (50, "easy"),
    (40, "recovery"),
    (0, "rest"),
)
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
        accounts = training_queries.upsert_seed_users(
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
    activities = _activities(customer_id, calendar, rng)
    with db.unit_of_work("garmin"):
        training_queries.upsert_athlete_profile(
            customer_id=customer_id, profile=_json(_profile(rng))
        )
        for key, items in _daily_items(calendar, rng).items():
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
                customer_id=customer_id, readiness=_json(_readiness(day, rng))
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
                row for item in activities for row in _hr_rows(customer_id, item, rng)
            )
            training_queries.insert_hr_seed()
    return Seeded(
        customer_id, account["email"], len(activities), len(activities) * SAMPLES_PER_ACTIVITY
    )


def _json(fields: dict[str, Any]) -> Jsonb:
    return Jsonb(fields, dumps=dumps)


def _profile(rng: Random) -> dict[str, Any]:
    resting, highest = rng.randint(44, 58), rng.randint(178, 195)
    reserve = highest - resting
    bounds = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
    zones = [
        {
            "zone": n + 1,
            "min_hr": round(resting + reserve * bounds[n]),
            "max_hr": round(resting + reserve * bounds[n + 1]),
        }
        for n in range(5)
    ]
    return {
        "date_of_birth": date(rng.randint(1970, 2000), rng.randint(1, 12), rng.randint(1, 28)),
        "gender": rng.choice(("female", "male")),
        "height_cm": rng.randint(158, 192),
        "weight_kg": round(rng.uniform(55, 85), 1),
        "resting_heart_rate": resting,
        "max_heart_rate": highest,
        "heart_rate_zones": zones,
        "training_preferences": {
            "goal": "half_marathon",
            "preferred_days": ["tue", "thu", "sat", "sun"],
            "max_weekly_hours": 8,
        },
        "timezone": "Europe/Warsaw",
        "units": "metric",
    }


def _daily_items(calendar: list[date], rng: Random) -> dict[str, list[dict[str, Any]]]:
    """Summary, sleep, HRV, body composition, fitness age and training status, one a day."""
    weight = rng.uniform(60, 80)
    items: dict[str, list[dict[str, Any]]] = {
        key: []
        for key in (
            "summary",
            "sleep",
            "hrv",
            "body_composition",
            "training_fitness_age",
            "training_status",
        )
    }
    for day in calendar:
        steps = rng.randint(4000, 16000)
        resting = rng.randint(46, 58)
        sleep = rng.randint(6 * 3600, 8 * 3600 + 1800)
        deep, rem = round(sleep * rng.uniform(0.13, 0.22)), round(sleep * rng.uniform(0.18, 0.25))
        awake = rng.randint(300, 2400)
        night_end = datetime(day.year, day.month, day.day, 6, 30, tzinfo=UTC)
        hrv = rng.randint(45, 75)
        weight += rng.uniform(-0.2, 0.2)
        items["summary"].append(
            {
                "calendar_date": day,
                "total_steps": steps,
                "total_distance_meters": round(steps * 0.76),
                "total_kilocalories": rng.randint(1900, 3200),
                "active_kilocalories": rng.randint(300, 1200),
                "resting_heart_rate": resting,
                "min_heart_rate": resting - 4,
                "max_heart_rate": rng.randint(120, 185),
                "average_stress_level": rng.randint(15, 45),
                "body_battery_highest_value": rng.randint(70, 100),
                "body_battery_lowest_value": rng.randint(5, 35),
                "moderate_intensity_minutes": rng.randint(0, 60),
                "vigorous_intensity_minutes": rng.randint(0, 45),
            }
        )
        items["sleep"].append(
            {
                "calendar_date": day,
                "sleep_time_seconds": sleep,
                "sleep_start": night_end - timedelta(seconds=sleep + awake),
                "sleep_end": night_end,
                "deep_sleep_seconds": deep,
                "rem_sleep_seconds": rem,
                "light_sleep_seconds": sleep - deep - rem,
                "awake_sleep_seconds": awake,
                "sleep_overall_score_value": rng.randint(55, 95),
                "sleep_resting_heart_rate": resting - 2,
            }
        )
        items["hrv"].append(
            {
                "calendar_date": day,
                "hrv_last_night_avg": hrv,
                "hrv_weekly_avg": rng.randint(55, 65),
                "hrv_status": "BALANCED" if hrv >= 50 else "UNBALANCED",
                "hrv_baseline_balanced_low": 50,
                "hrv_baseline_balanced_upper": 72,
            }
        )
        items["body_composition"].append(
            {
                "calendar_date": day,
                "weight": round(weight, 1),
                "body_fat_percentage": round(rng.uniform(12, 24), 1),
                "muscle_mass": round(weight * 0.45, 1),
                "bmi": round(weight / 1.78**2, 1),
            }
        )
        items["training_fitness_age"].append(
            {"calendar_date": day, "chronological_age": 38, "fitness_age": rng.randint(29, 34)}
        )
        items["training_status"].append(
            {
                "calendar_date": day,
                "vo2_max_precise_value": round(rng.uniform(48, 54), 1),
                "daily_training_load_acute": rng.randint(300, 700),
                "daily_training_load_chronic": rng.randint(350, 650),
            }
        )
    return items


def _activities(customer_id: int, calendar: list[date], rng: Random) -> list[dict[str, Any]]:
    if len(calendar) <= 30:
        days = calendar[-DENSE_ACTIVITY_DAYS:]
    else:
        days = [day for day in calendar if rng.random() < YEARLY_ACTIVITY_SHARE]
    activities = []
    for n, day in enumerate(days):
        kind, speed, load_per_minute = ACTIVITY_KINDS[n % len(ACTIVITY_KINDS)]
        duration = rng.randint(30, 90) * 60
        average_hr = rng.randint(118, 162)
        zones = [rng.random() for _ in range(5)]
        start = datetime(day.year, day.month, day.day, rng.randint(6, 18), 0, tzinfo=UTC)
        activities.append(
            {
                # Garmin ids are global; these stay clear of real ones and of other users'.
                "activity_id": 9_000_000_000_000 + customer_id * 100_000 + n,
                "calendar_date": day,
                "activity_type": kind,
                "activity_name": f"Sample {kind.replace('_', ' ')}",
                "activity_start_time": start,
                "activity_duration": duration,
                "activity_distance": round(speed * duration * rng.uniform(0.9, 1.1)),
                "activity_average_hr": average_hr,
                "activity_max_hr": average_hr + rng.randint(12, 28),
                "activity_calories": round(duration / 60 * rng.uniform(7, 12)),
                "activity_activity_training_load": round(
                    duration / 60 * load_per_minute * rng.uniform(0.8, 1.2), 1
                ),
                "activity_aerobic_training_effect": round(rng.uniform(1.5, 4.5), 1),
                **{
                    f"activity_secs_in_zone{z + 1}": round(duration * share / sum(zones))
                    for z, share in enumerate(zones)
                },
                "avg_power": rng.randint(180, 280) if kind == "cycling" else None,
                "avg_cadence": rng.randint(150, 182) if kind == "running" else None,
                "perceived_exertion": rng.randint(3, 9),
            }
        )
    return activities


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


def _hr_rows(
    customer_id: int, activity: dict[str, Any], rng: Random
) -> Iterator[tuple[int, int, datetime, int, int, int]]:
    """1,800 samples over the activity: a warm-up ramp to its average, then noise, as
    copy_hr_samples' rows (customer_id, activity_id, sample_time, elapsed_seconds, heart_rate,
    seq); elapsed seconds count from the start, as upsert_hr_samples counts them."""
    step = activity["activity_duration"] / SAMPLES_PER_ACTIVITY
    start, target = activity["activity_start_time"], activity["activity_average_hr"]
    activity_id = activity["activity_id"]
    for n in range(SAMPLES_PER_ACTIVITY):
        warm_up = min(1.0, n / 300)
        rate = 85 + (target - 85) * warm_up + rng.randint(-6, 6)
        offset = n * step
        yield (
            customer_id,
            activity_id,
            start + timedelta(seconds=offset),
            math.floor(offset),
            max(60, min(200, round(rate))),
            0,
        )


def _plan(customer_id: int, last_day: date, activities: list[dict[str, Any]]) -> None:
    """A plan whose 8 workouts fall on the last 8 days; the first 5 completed by activities."""
    plan = training_queries.insert_training_plan(
        customer_id=customer_id,
        plan=_json(
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
    for n, (kind, intensity, zone, minutes) in enumerate(WORKOUTS):
        day = last_day - timedelta(days=len(WORKOUTS) - 1 - n)
        workout = training_queries.insert_planned_workout(
            customer_id=customer_id,
            plan_id=plan_id,
            workout=_json(
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


def _readiness(day: date, rng: Random) -> dict[str, Any]:
    score = rng.randint(35, 95)
    recommendation = next(name for floor, name in READINESS_BANDS if score >= floor)
    return {
        "calendar_date": day,
        "readiness_score": score,
        "recommendation": recommendation,
        "key_factors": ["HRV within baseline", "sleep score above 70"],
        "red_flags": [] if score >= 50 else ["elevated resting heart rate"],
        "recovery_tips": ["Hydrate", "Mobility 10 min"],
        "suggested_workout": f"{recommendation.replace('_', ' ')} session",
        "model_version": "sample-1",
        "confidence": round(rng.uniform(0.6, 0.95), 2),
    }


def _loads(text: str) -> dict[str, Any]:
    return json.loads(text)
