"""python-garminconnect's daily answers (summary, body composition, HRV, readiness, endurance,
training status and load balance, fitness age, VO2 max, health events) -> dataset items."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.garmin import item_schemas, raw
from app.garmin.raw import Item

# --- daily datasets -------------------------------------------------------------------------


_SUMMARY_FIELDS = tuple(
    name for name in item_schemas.UserSummaryItemSchema().fields if name != "calendar_date"
)


def translate_summary(payload: Any) -> list[Item]:
    """get_user_summary(day): one flat object per day whose keys are the camelCase spellings
    of our columns (totalKilocalories, restingHeartRate, bodyBatteryHighestValue, ...)."""
    items = []
    for entry in raw.entries(payload, "get_user_summary"):
        item = {name: entry.get(raw.camel(name)) for name in _SUMMARY_FIELDS}
        item["calendar_date"] = raw.require_day(entry.get("calendarDate"), "get_user_summary")
        items.append(raw.present(item))
    return items


def translate_body_composition(payload: Any) -> list[Item]:
    """get_body_composition(start, end): `dateWeightList` of weigh-ins; masses come in grams."""
    weigh_ins = []
    for entry in raw.entries(payload, "get_body_composition"):
        measurements = entry.get("dateWeightList")
        if not isinstance(measurements, list):
            raise raw.reject("get_body_composition: no dateWeightList array.")
        for weigh_in in measurements:
            if not isinstance(weigh_in, Mapping):
                raise raw.reject("get_body_composition: dateWeightList holds a non-object.")
            item = {
                "calendar_date": raw.require_day(weigh_in.get("calendarDate"), "dateWeightList"),
                "weight": _grams_to_kg(weigh_in.get("weight")),
                "bmi": weigh_in.get("bmi"),
                "body_fat_percentage": weigh_in.get("bodyFat"),
                "body_water_percentage": weigh_in.get("bodyWater"),
                "bone_mass": _grams_to_kg(weigh_in.get("boneMass")),
                "muscle_mass": _grams_to_kg(weigh_in.get("muscleMass")),
                "visceral_fat": weigh_in.get("visceralFat"),
            }
            stamp = raw.first(weigh_in.get("timestampGMT"), weigh_in.get("date"))
            weigh_ins.append((stamp, raw.present(item)))
    return raw.latest_per_day(weigh_ins)


def _grams_to_kg(value: Any) -> Any:
    return round(value / 1000, 3) if isinstance(value, int | float) else value


def translate_hrv(payload: Any) -> list[Item]:
    """get_hrv_data(day): the night's `hrvSummary` with its baseline band."""
    items = []
    for entry in raw.entries(payload, "get_hrv_data"):
        summary = entry.get("hrvSummary")
        if not isinstance(summary, Mapping):
            raise raw.reject("get_hrv_data: no hrvSummary object.")
        item = {
            "calendar_date": raw.require_day(summary.get("calendarDate"), "hrvSummary"),
            "hrv_weekly_avg": summary.get("weeklyAvg"),
            "hrv_last_night_avg": summary.get("lastNightAvg"),
            "hrv_status": summary.get("status"),
            "hrv_baseline_balanced_low": raw.dig(summary, "baseline", "balancedLow"),
            "hrv_baseline_balanced_upper": raw.dig(summary, "baseline", "balancedUpper"),
        }
        items.append(raw.present(item))
    return items


# dailySleepDTO keys that map one to one onto a column.
def translate_training_readiness(payload: Any) -> list[Item]:
    """get_training_readiness(day): a list of assessments; the day keeps the latest one."""
    readings = []
    for entry in raw.entries(payload, "get_training_readiness"):
        item = {
            "calendar_date": raw.require_day(entry.get("calendarDate"), "get_training_readiness"),
            "training_readiness_level": entry.get("level"),
            "training_readiness_score": entry.get("score"),
            "sleep_score": entry.get("sleepScore"),
            "sleep_score_factor_feedback": entry.get("sleepScoreFactorFeedback"),
            "recovery_time_factor_feedback": entry.get("recoveryTimeFactorFeedback"),
            "recovery_time": entry.get("recoveryTime"),
            "acute_load": entry.get("acuteLoad"),
            "hrv_weekly_average": entry.get("hrvWeeklyAverage"),
            "hrv_factor_feedback": entry.get("hrvFactorFeedback"),
            "stress_history_factor_feedback": entry.get("stressHistoryFactorFeedback"),
            "sleep_history_factor_feedback": entry.get("sleepHistoryFactorFeedback"),
        }
        readings.append((entry.get("timestamp"), raw.present(item)))
    return raw.latest_per_day(readings)


_ENDURANCE_LEVELS = {
    "intermediate": "Intermediate",
    "trained": "Trained",
    "well_trained": "WellTrained",
    "expert": "Expert",
    "superior": "Superior",
    "elite": "Elite",
}


def translate_endurance_score(payload: Any) -> list[Item]:
    """get_endurance_score(day): the `enduranceScoreDTO` (or the DTO itself, or a list)."""
    items = []
    for entry in raw.entries(payload, "get_endurance_score"):
        dto = entry.get("enduranceScoreDTO", entry)
        if not isinstance(dto, Mapping):
            raise raw.reject("get_endurance_score: enduranceScoreDTO is not an object.")
        item = {
            "calendar_date": raw.require_day(dto.get("calendarDate"), "enduranceScoreDTO"),
            "endurance_score": dto.get("overallScore"),
            "endurance_score_classification": dto.get("classification"),
            "endurance_score_contributors": dto.get("contributors"),
            **{
                f"endurance_score_classification_lower_limit_{level}": dto.get(
                    f"classificationLowerLimit{key}"
                )
                for level, key in _ENDURANCE_LEVELS.items()
            },
        }
        items.append(raw.present(item))
    return items


def _primary_device(devices: Any) -> Mapping[str, Any] | None:
    """Garmin keys these maps by device id; prefer the primary training device's entry."""
    if not isinstance(devices, Mapping):
        return None
    entries = [entry for entry in devices.values() if isinstance(entry, Mapping)]
    primary = [entry for entry in entries if entry.get("primaryTrainingDevice")]
    return (primary or entries or [None])[0]


_LOAD_BALANCE_KEYS = (
    "monthly_load_anaerobic",
    "monthly_load_aerobic_high",
    "monthly_load_aerobic_low",
    "monthly_load_aerobic_low_target_min",
    "monthly_load_aerobic_low_target_max",
    "monthly_load_aerobic_high_target_min",
    "monthly_load_aerobic_high_target_max",
    "monthly_load_anaerobic_target_min",
    "monthly_load_anaerobic_target_max",
)


def _load_balance(entry: Mapping[str, Any]) -> Mapping[str, Any] | None:
    return _primary_device(
        raw.first(
            entry.get("metricsTrainingLoadBalanceDTOMap"),
            raw.dig(entry, "mostRecentTrainingLoadBalance", "metricsTrainingLoadBalanceDTOMap"),
        )
    )


def translate_training_status(payload: Any) -> list[Item]:
    """get_training_status(day): latest status (acute/chronic load), load balance, VO2 max."""
    items = []
    for entry in raw.entries(payload, "get_training_status"):
        status = _primary_device(
            raw.first(
                entry.get("latestTrainingStatusData"),
                raw.dig(entry, "mostRecentTrainingStatus", "latestTrainingStatusData"),
            )
        )
        balance = _load_balance(entry)
        vo2 = raw.first(raw.dig(entry, "mostRecentVO2Max", "generic"), entry.get("generic"))
        day = raw.first(
            raw.calendar_day(raw.dig(status, "calendarDate")),
            raw.calendar_day(raw.dig(balance, "calendarDate")),
            raw.calendar_day(raw.dig(vo2, "calendarDate")),
        )
        if day is None:
            raise raw.reject("get_training_status: no training status, load balance or VO2 max.")
        acute = raw.dig(status, "acuteTrainingLoadDTO")
        item = {
            "calendar_date": day,
            "daily_training_load_acute": raw.dig(acute, "dailyTrainingLoadAcute"),
            "daily_training_load_acute_feedback": raw.dig(acute, "acwrStatus"),
            "daily_training_load_chronic": raw.dig(acute, "dailyTrainingLoadChronic"),
            "min_training_load_chronic": raw.dig(acute, "minTrainingLoadChronic"),
            "max_training_load_chronic": raw.dig(acute, "maxTrainingLoadChronic"),
            "vo2_max_precise_value": raw.dig(vo2, "vo2MaxPreciseValue"),
            "vo2_max_feedback": raw.first(
                raw.dig(status, "trainingStatusFeedbackPhrase"),
                raw.dig(vo2, "fitnessAgeDescription"),
            ),
            **{key: raw.dig(balance, raw.camel(key)) for key in _LOAD_BALANCE_KEYS},
            "training_balance_feedback_phrase": raw.first(
                raw.dig(balance, "trainingBalanceFeedbackPhrase"),
                raw.dig(status, "trainingStatusFeedbackPhrase"),
            ),
        }
        items.append(raw.present(item))
    return items


def translate_training_load_balance(payload: Any) -> list[Item]:
    """get_training_status(day), keeping only the monthly load balance."""
    items = []
    for entry in raw.entries(payload, "get_training_status"):
        balance = _load_balance(entry)
        if balance is None:
            raise raw.reject("get_training_status: no metricsTrainingLoadBalanceDTOMap.")
        item = {
            "calendar_date": raw.require_day(balance.get("calendarDate"), "load balance"),
            **{key: balance.get(raw.camel(key)) for key in _LOAD_BALANCE_KEYS},
            "training_balance_feedback_phrase": balance.get("trainingBalanceFeedbackPhrase"),
        }
        items.append(raw.present(item))
    return items


def translate_fitness_age(payload: Any) -> list[Item]:
    """get_fitnessage_data(day): ages and the `components` (value of each)."""
    items = []
    for entry in raw.entries(payload, "get_fitnessage_data"):
        day = raw.first(
            raw.calendar_day(entry.get("calendarDate")), raw.calendar_day(entry.get("lastUpdated"))
        )
        components = entry.get("components")
        item = {
            "calendar_date": raw.require_day(day, "get_fitnessage_data"),
            "chronological_age": entry.get("chronologicalAge"),
            "fitness_age": entry.get("fitnessAge"),
            "body_fat_value": raw.dig(components, "bodyFat", "value"),
            "vigorous_days_avg_value": raw.dig(components, "vigorousDaysAvg", "value"),
            "rhr_value": raw.dig(components, "rhr", "value"),
            "vigorous_minutes_avg_value": raw.dig(components, "vigorousMinutesAvg", "value"),
        }
        items.append(raw.present(item))
    return items


def translate_max_metrics(payload: Any) -> list[Item]:
    """get_max_metrics(day): a list of {"generic": {...}, "cycling": ...}; generic VO2 max."""
    items = []
    for entry in raw.entries(payload, "get_max_metrics"):
        generic = entry.get("generic", entry)
        if not isinstance(generic, Mapping) or generic.get("vo2MaxPreciseValue") is None:
            continue  # a day without an estimate
        item = {
            "calendar_date": raw.require_day(generic.get("calendarDate"), "get_max_metrics"),
            "vo2_max_precise_value": generic.get("vo2MaxPreciseValue"),
            "vo2_max_value": generic.get("vo2MaxValue"),
            "fitness_age": generic.get("fitnessAge"),
            "vo2_max_feedback": generic.get("fitnessAgeDescription"),
        }
        items.append(raw.present(item))
    return items


def translate_daily_health_events(payload: Any) -> list[Item]:
    """The assistant's lifestyle log, camelCase: calendarDate, lastMealTime, ..."""
    items = []
    for entry in raw.entries(payload, "the daily health events log"):
        item = {
            "calendar_date": raw.require_day(entry.get("calendarDate"), "daily health events"),
            "last_meal_time": entry.get("lastMealTime"),
            "last_drink_time": entry.get("lastDrinkTime"),
            "last_screen_time": entry.get("lastScreenTime"),
        }
        items.append(raw.present(item))
    return items
