"""python-garminconnect's get_sleep_data answer -> sleep items: the night's summary, its scores,
its levels, heart-rate, HRV and stress series, and its naps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.garmin import raw
from app.garmin.raw import Item

_SLEEP_FIELDS = {
    "sleepTimeSeconds": "sleep_time_seconds",
    "napTimeSeconds": "nap_time_seconds",
    "deepSleepSeconds": "deep_sleep_seconds",
    "lightSleepSeconds": "light_sleep_seconds",
    "remSleepSeconds": "rem_sleep_seconds",
    "awakeSleepSeconds": "awake_sleep_seconds",
    "averageRespirationValue": "sleep_average_respiration_value",
    "lowestRespirationValue": "sleep_lowest_respiration_value",
    "highestRespirationValue": "sleep_highest_respiration_value",
    "awakeCount": "sleep_awake_count",
    "avgSleepStress": "avg_sleep_stress",
    "sleepScoreFeedback": "sleep_score_feedback",
    "sleepScoreInsight": "sleep_score_insight",
    "sleepScorePersonalizedInsight": "sleep_score_personalized_insight",
}
# sleepScores.<key> -> column prefix, and which of value / qualifier / optimal range it has.
_SLEEP_SCORES = {
    "overall": ("sleep_overall_score", ("value", "qualifier")),
    "totalDuration": ("sleep_total_duration", ("qualifier",)),
    "stress": ("sleep_stress", ("qualifier",)),
    "awakeCount": ("sleep_awake_count", ("qualifier",)),
    "remPercentage": ("sleep_rem", ("percentage", "optimal")),
    "restlessness": ("sleep_restlessness", ("qualifier", "optimal")),
    "lightPercentage": ("sleep_light", ("percentage", "optimal")),
    "deepPercentage": ("sleep_deep", ("percentage", "optimal")),
}


def _sleep_scores(scores: Any) -> Item:
    item: Item = {}
    for key, (prefix, parts) in _SLEEP_SCORES.items():
        score = raw.dig(scores, key)
        if not isinstance(score, Mapping):
            continue
        if "value" in parts:
            item[f"{prefix}_value"] = score.get("value")
        if "qualifier" in parts:
            item[f"{prefix}_qualifier"] = score.get("qualifierKey")
        if "percentage" in parts:
            item[f"{prefix}_percentage_value"] = score.get("value")
            item[f"{prefix}_percentage_qualifier"] = score.get("qualifierKey")
        if "optimal" in parts:
            item[f"{prefix}_optimal_start"] = score.get("optimalStart")
            item[f"{prefix}_optimal_end"] = score.get("optimalEnd")
    return item


def _series(points: Any) -> list[Item] | None:
    """[{"value", "startGMT": epoch ms}] -> [{"startGMT": ISO instant, "value"}]."""
    if not isinstance(points, list):
        return None
    return [
        {"startGMT": raw.epoch_ms(point.get("startGMT")), "value": point.get("value")}
        for point in points
        if isinstance(point, Mapping) and raw.epoch_ms(point.get("startGMT"))
    ]


def _levels(levels: Any) -> list[Item] | None:
    """Sleep stages: GMT start/end strings as instants, with Garmin's activityLevel."""
    if not isinstance(levels, list):
        return None
    return [
        {
            "startGMT": raw.gmt_text(level.get("startGMT")),
            "endGMT": raw.gmt_text(level.get("endGMT")),
            "activityLevel": level.get("activityLevel"),
        }
        for level in levels
        if isinstance(level, Mapping)
    ]


def _naps(naps: Any) -> list[Item] | None:
    if not isinstance(naps, list) or not naps:
        return None
    return [
        {
            "napTimeSec": nap.get("napTimeSec"),
            "napFeedback": nap.get("napFeedback"),
            "napStartGMT": raw.gmt_text(nap.get("napStartTimestampGMT")),
            "napEndGMT": raw.gmt_text(nap.get("napEndTimestampGMT")),
        }
        for nap in naps
        if isinstance(nap, Mapping)
    ]


def translate_sleep(payload: Any) -> list[Item]:
    """get_sleep_data(day): `dailySleepDTO` plus naps, stage levels and the night's series."""
    items = []
    for entry in raw.entries(payload, "get_sleep_data"):
        dto = entry.get("dailySleepDTO")
        if not isinstance(dto, Mapping):
            raise raw.reject("get_sleep_data: no dailySleepDTO object.")
        start_gmt = dto.get("sleepStartTimestampGMT")
        item = {
            "calendar_date": raw.require_day(dto.get("calendarDate"), "dailySleepDTO"),
            "time_offset": raw.offset(
                raw.minutes_between(dto.get("sleepStartTimestampLocal"), start_gmt)
            ),
            "sleep_start": raw.epoch_ms(start_gmt),
            "sleep_end": raw.epoch_ms(dto.get("sleepEndTimestampGMT")),
            **{column: dto.get(key) for key, column in _SLEEP_FIELDS.items()},
            **_sleep_scores(dto.get("sleepScores")),
            "sleep_avg_overnight_hrv": entry.get("avgOvernightHrv"),
            "sleep_resting_heart_rate": entry.get("restingHeartRate"),
            "sleep_body_battery_change": entry.get("bodyBatteryChange"),
            "sleep_restless_moments_count": entry.get("restlessMomentsCount"),
            "nap_data": _naps(entry.get("dailyNapDTOS")),
            "sleep_levels_data": _levels(entry.get("sleepLevels")),
            "sleep_heart_rate_data": _series(entry.get("sleepHeartRate")),
            "sleep_hrv_data": _series(entry.get("hrvData")),
            "sleep_stress_data": _series(entry.get("sleepStress")),
        }
        items.append(raw.present(item))
    return items
