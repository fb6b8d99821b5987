"""Raw python-garminconnect answers -> the normalized items of each dataset.

The sync worker may post what `Garmin.get_sleep_data(day)`, `get_user_summary(day)`,
`get_activities(...)` and friends returned (camelCase keys, nested DTOs, epoch-millisecond
timestamps) with `?format=garminconnect`. Each translator turns one such answer (an object, or
a list of them for a batch of days) into the items the dataset's item schema validates, as the
original service's translators did, with two deliberate differences:

- instants come from the GMT fields (`sleepStartTimestampGMT`, `startTimeGMT`,
  `beginTimestamp`) and the device's offset is kept beside them; the "Local" epoch values are
  GMT-shifted already, and reading them as epochs double-counts the offset;
- a day with several entries (weigh-ins, readiness re-computed after a workout) yields one
  item, the latest entry's values over the earlier ones', so one upsert can take the batch.

A payload without the structure of its call is rejected (400) rather than skipped; a day the
call reports as empty (a null entry, no VO2 max estimate, no GPS points) yields no item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from marshmallow import ValidationError

from app.garmin import schemas

Item = dict[str, Any]
Translator = Callable[[Any], list[Item]]


def _reject(message: str) -> ValidationError:
    return ValidationError({"body": [message]})


def _entries(payload: Any, call: str) -> list[Mapping[str, Any]]:
    """The answer of one call (an object) or of several days (a list); nulls are no-data days."""
    if isinstance(payload, Mapping):
        return [payload]
    if isinstance(payload, list):
        if not all(entry is None or isinstance(entry, Mapping) for entry in payload):
            raise _reject(f"Send the objects that {call} returned, or a list of them.")
        return [entry for entry in payload if entry is not None]
    raise _reject(f"Send the JSON object or array that {call} returned.")


def _first(*values: Any) -> Any:
    """The first value that is present (0 and "" count as present)."""
    return next((value for value in values if value is not None), None)


def _dig(source: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(source, Mapping):
            return None
        source = source.get(key)
    return source


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _day(value: Any) -> str | None:
    """The YYYY-MM-DD day of a Garmin date or local timestamp string."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _require_day(value: Any, where: str) -> str:
    day = _day(value)
    if day is None:
        raise _reject(f"{where}: no calendar date (YYYY-MM-DD) found.")
    return day


def _epoch_ms(value: Any) -> str | None:
    """An epoch-millisecond GMT timestamp as an ISO 8601 instant."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value / 1000, UTC).isoformat()


def _gmt_text(value: Any) -> str | None:
    """A Garmin GMT date-time string ("2024-06-06 06:01:54", "...T22:30:00.0") as an instant."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "T"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _offset(minutes: float | None) -> str | None:
    """The device's offset from GMT as [-]HH:MM."""
    if minutes is None:
        return None
    whole = round(minutes)
    sign = "-" if whole < 0 else ""
    return f"{sign}{abs(whole) // 60:02d}:{abs(whole) % 60:02d}"


def _minutes_between(local: Any, gmt: Any) -> float | None:
    """Minutes from a GMT reading to the local reading of the same moment: epoch-millisecond
    numbers (sleep) or date-time strings without an offset (activities)."""
    if isinstance(local, int | float) and isinstance(gmt, int | float):
        return (local - gmt) / 60_000
    local_time, gmt_time = _naive(local), _naive(gmt)
    if local_time is None or gmt_time is None:
        return None
    return (local_time - gmt_time).total_seconds() / 60


def _naive(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip().replace(" ", "T")).replace(tzinfo=None)
    except ValueError:
        return None


def _present(item: Item) -> Item:
    return {key: value for key, value in item.items() if value is not None}


def _latest_per_day(items: Iterable[tuple[Any, Item]]) -> list[Item]:
    """One item per calendar_date: entries sorted by their stamp, later values over earlier."""
    merged: dict[str, Item] = {}
    for _, item in sorted(items, key=lambda pair: (pair[0] is not None, pair[0] or 0)):
        merged.setdefault(item["calendar_date"], {}).update(item)
    return list(merged.values())


# --- daily datasets -------------------------------------------------------------------------


_SUMMARY_FIELDS = tuple(
    name for name in schemas.UserSummaryItemSchema().fields if name != "calendar_date"
)


def translate_summary(payload: Any) -> list[Item]:
    """get_user_summary(day): one flat object per day whose keys are the camelCase spellings
    of our columns (totalKilocalories, restingHeartRate, bodyBatteryHighestValue, ...)."""
    items = []
    for entry in _entries(payload, "get_user_summary"):
        item = {name: entry.get(_camel(name)) for name in _SUMMARY_FIELDS}
        item["calendar_date"] = _require_day(entry.get("calendarDate"), "get_user_summary")
        items.append(_present(item))
    return items


def translate_body_composition(payload: Any) -> list[Item]:
    """get_body_composition(start, end): `dateWeightList` of weigh-ins; masses come in grams."""
    weigh_ins = []
    for entry in _entries(payload, "get_body_composition"):
        measurements = entry.get("dateWeightList")
        if not isinstance(measurements, list):
            raise _reject("get_body_composition: no dateWeightList array.")
        for weigh_in in measurements:
            if not isinstance(weigh_in, Mapping):
                raise _reject("get_body_composition: dateWeightList holds a non-object.")
            item = {
                "calendar_date": _require_day(weigh_in.get("calendarDate"), "dateWeightList"),
                "weight": _grams_to_kg(weigh_in.get("weight")),
                "bmi": weigh_in.get("bmi"),
                "body_fat_percentage": weigh_in.get("bodyFat"),
                "body_water_percentage": weigh_in.get("bodyWater"),
                "bone_mass": _grams_to_kg(weigh_in.get("boneMass")),
                "muscle_mass": _grams_to_kg(weigh_in.get("muscleMass")),
                "visceral_fat": weigh_in.get("visceralFat"),
            }
            stamp = _first(weigh_in.get("timestampGMT"), weigh_in.get("date"))
            weigh_ins.append((stamp, _present(item)))
    return _latest_per_day(weigh_ins)


def _grams_to_kg(value: Any) -> Any:
    return round(value / 1000, 3) if isinstance(value, int | float) else value


def translate_hrv(payload: Any) -> list[Item]:
    """get_hrv_data(day): the night's `hrvSummary` with its baseline band."""
    items = []
    for entry in _entries(payload, "get_hrv_data"):
        summary = entry.get("hrvSummary")
        if not isinstance(summary, Mapping):
            raise _reject("get_hrv_data: no hrvSummary object.")
        item = {
            "calendar_date": _require_day(summary.get("calendarDate"), "hrvSummary"),
            "hrv_weekly_avg": summary.get("weeklyAvg"),
            "hrv_last_night_avg": summary.get("lastNightAvg"),
            "hrv_status": summary.get("status"),
            "hrv_baseline_balanced_low": _dig(summary, "baseline", "balancedLow"),
            "hrv_baseline_balanced_upper": _dig(summary, "baseline", "balancedUpper"),
        }
        items.append(_present(item))
    return items


# dailySleepDTO keys that map one to one onto a column.
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
        score = _dig(scores, key)
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
        {"startGMT": _epoch_ms(point.get("startGMT")), "value": point.get("value")}
        for point in points
        if isinstance(point, Mapping) and _epoch_ms(point.get("startGMT"))
    ]


def _levels(levels: Any) -> list[Item] | None:
    """Sleep stages: GMT start/end strings as instants, with Garmin's activityLevel."""
    if not isinstance(levels, list):
        return None
    return [
        {
            "startGMT": _gmt_text(level.get("startGMT")),
            "endGMT": _gmt_text(level.get("endGMT")),
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
            "napStartGMT": _gmt_text(nap.get("napStartTimestampGMT")),
            "napEndGMT": _gmt_text(nap.get("napEndTimestampGMT")),
        }
        for nap in naps
        if isinstance(nap, Mapping)
    ]


def translate_sleep(payload: Any) -> list[Item]:
    """get_sleep_data(day): `dailySleepDTO` plus naps, stage levels and the night's series."""
    items = []
    for entry in _entries(payload, "get_sleep_data"):
        dto = entry.get("dailySleepDTO")
        if not isinstance(dto, Mapping):
            raise _reject("get_sleep_data: no dailySleepDTO object.")
        start_gmt = dto.get("sleepStartTimestampGMT")
        item = {
            "calendar_date": _require_day(dto.get("calendarDate"), "dailySleepDTO"),
            "time_offset": _offset(
                _minutes_between(dto.get("sleepStartTimestampLocal"), start_gmt)
            ),
            "sleep_start": _epoch_ms(start_gmt),
            "sleep_end": _epoch_ms(dto.get("sleepEndTimestampGMT")),
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
        items.append(_present(item))
    return items


def translate_training_readiness(payload: Any) -> list[Item]:
    """get_training_readiness(day): a list of assessments; the day keeps the latest one."""
    readings = []
    for entry in _entries(payload, "get_training_readiness"):
        item = {
            "calendar_date": _require_day(entry.get("calendarDate"), "get_training_readiness"),
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
        readings.append((entry.get("timestamp"), _present(item)))
    return _latest_per_day(readings)


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
    for entry in _entries(payload, "get_endurance_score"):
        dto = entry.get("enduranceScoreDTO", entry)
        if not isinstance(dto, Mapping):
            raise _reject("get_endurance_score: enduranceScoreDTO is not an object.")
        item = {
            "calendar_date": _require_day(dto.get("calendarDate"), "enduranceScoreDTO"),
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
        items.append(_present(item))
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
        _first(
            entry.get("metricsTrainingLoadBalanceDTOMap"),
            _dig(entry, "mostRecentTrainingLoadBalance", "metricsTrainingLoadBalanceDTOMap"),
        )
    )


def translate_training_status(payload: Any) -> list[Item]:
    """get_training_status(day): latest status (acute/chronic load), load balance, VO2 max."""
    items = []
    for entry in _entries(payload, "get_training_status"):
        status = _primary_device(
            _first(
                entry.get("latestTrainingStatusData"),
                _dig(entry, "mostRecentTrainingStatus", "latestTrainingStatusData"),
            )
        )
        balance = _load_balance(entry)
        vo2 = _first(_dig(entry, "mostRecentVO2Max", "generic"), entry.get("generic"))
        day = _first(
            _day(_dig(status, "calendarDate")),
            _day(_dig(balance, "calendarDate")),
            _day(_dig(vo2, "calendarDate")),
        )
        if day is None:
            raise _reject("get_training_status: no training status, load balance or VO2 max.")
        acute = _dig(status, "acuteTrainingLoadDTO")
        item = {
            "calendar_date": day,
            "daily_training_load_acute": _dig(acute, "dailyTrainingLoadAcute"),
            "daily_training_load_acute_feedback": _dig(acute, "acwrStatus"),
            "daily_training_load_chronic": _dig(acute, "dailyTrainingLoadChronic"),
            "min_training_load_chronic": _dig(acute, "minTrainingLoadChronic"),
            "max_training_load_chronic": _dig(acute, "maxTrainingLoadChronic"),
            "vo2_max_precise_value": _dig(vo2, "vo2MaxPreciseValue"),
            "vo2_max_feedback": _first(
                _dig(status, "trainingStatusFeedbackPhrase"), _dig(vo2, "fitnessAgeDescription")
            ),
            **{key: _dig(balance, _camel(key)) for key in _LOAD_BALANCE_KEYS},
            "training_balance_feedback_phrase": _first(
                _dig(balance, "trainingBalanceFeedbackPhrase"),
                _dig(status, "trainingStatusFeedbackPhrase"),
            ),
        }
        items.append(_present(item))
    return items


def translate_training_load_balance(payload: Any) -> list[Item]:
    """get_training_status(day), keeping only the monthly load balance."""
    items = []
    for entry in _entries(payload, "get_training_status"):
        balance = _load_balance(entry)
        if balance is None:
            raise _reject("get_training_status: no metricsTrainingLoadBalanceDTOMap.")
        item = {
            "calendar_date": _require_day(balance.get("calendarDate"), "load balance"),
            **{key: balance.get(_camel(key)) for key in _LOAD_BALANCE_KEYS},
            "training_balance_feedback_phrase": balance.get("trainingBalanceFeedbackPhrase"),
        }
        items.append(_present(item))
    return items


def translate_fitness_age(payload: Any) -> list[Item]:
    """get_fitnessage_data(day): ages and the `components` (value of each)."""
    items = []
    for entry in _entries(payload, "get_fitnessage_data"):
        day = _first(_day(entry.get("calendarDate")), _day(entry.get("lastUpdated")))
        components = entry.get("components")
        item = {
            "calendar_date": _require_day(day, "get_fitnessage_data"),
            "chronological_age": entry.get("chronologicalAge"),
            "fitness_age": entry.get("fitnessAge"),
            "body_fat_value": _dig(components, "bodyFat", "value"),
            "vigorous_days_avg_value": _dig(components, "vigorousDaysAvg", "value"),
            "rhr_value": _dig(components, "rhr", "value"),
            "vigorous_minutes_avg_value": _dig(components, "vigorousMinutesAvg", "value"),
        }
        items.append(_present(item))
    return items


def translate_max_metrics(payload: Any) -> list[Item]:
    """get_max_metrics(day): a list of {"generic": {...}, "cycling": ...}; generic VO2 max."""
    items = []
    for entry in _entries(payload, "get_max_metrics"):
        generic = entry.get("generic", entry)
        if not isinstance(generic, Mapping) or generic.get("vo2MaxPreciseValue") is None:
            continue  # a day without an estimate
        item = {
            "calendar_date": _require_day(generic.get("calendarDate"), "get_max_metrics"),
            "vo2_max_precise_value": generic.get("vo2MaxPreciseValue"),
            "vo2_max_value": generic.get("vo2MaxValue"),
            "fitness_age": generic.get("fitnessAge"),
            "vo2_max_feedback": generic.get("fitnessAgeDescription"),
        }
        items.append(_present(item))
    return items


def translate_daily_health_events(payload: Any) -> list[Item]:
    """The assistant's lifestyle log, camelCase: calendarDate, lastMealTime, ..."""
    items = []
    for entry in _entries(payload, "the daily health events log"):
        item = {
            "calendar_date": _require_day(entry.get("calendarDate"), "daily health events"),
            "last_meal_time": entry.get("lastMealTime"),
            "last_drink_time": entry.get("lastDrinkTime"),
            "last_screen_time": entry.get("lastScreenTime"),
        }
        items.append(_present(item))
    return items


# --- activities -----------------------------------------------------------------------------

# Column -> the keys Garmin uses for it in get_activities entries and get_activity summaryDTOs.
_ACTIVITY_FIELDS: dict[str, tuple[str, ...]] = {
    "activity_start_latitude": ("startLatitude",),
    "activity_start_longitude": ("startLongitude",),
    "activity_end_latitude": ("endLatitude",),
    "activity_end_longitude": ("endLongitude",),
    "activity_duration": ("duration",),
    "activity_elapsed_duration": ("elapsedDuration",),
    "activity_moving_duration": ("movingDuration",),
    "activity_distance": ("distance",),
    "activity_elevation_gain": ("elevationGain", "totalAscent"),
    "activity_elevation_loss": ("elevationLoss", "totalDescent"),
    "activity_min_elevation": ("minElevation",),
    "activity_max_elevation": ("maxElevation",),
    "activity_calories": ("calories",),
    "activity_bmr_calories": ("bmrCalories",),
    "activity_steps": ("steps",),
    "activity_avg_stride_length": ("avgStrideLength", "strideLength"),
    "activity_average_speed": ("averageSpeed",),
    "activity_average_hr": ("averageHR",),
    "activity_max_hr": ("maxHR",),
    "activity_watch_min_temperature": ("minTemperature",),
    "activity_watch_max_temperature": ("maxTemperature",),
    "activity_water_estimated": ("waterEstimated",),
    "activity_aerobic_training_effect": ("aerobicTrainingEffect", "trainingEffect"),
    "activity_anaerobic_training_effect": ("anaerobicTrainingEffect",),
    "activity_activity_training_load": ("activityTrainingLoad",),
    "activity_training_effect_label": ("trainingEffectLabel",),
    "activity_aerobic_training_effect_message": ("aerobicTrainingEffectMessage",),
    "activity_anaerobic_training_effect_message": ("anaerobicTrainingEffectMessage",),
    "activity_moderate_intensity_minutes": ("moderateIntensityMinutes",),
    "activity_vigorous_intensity_minutes": ("vigorousIntensityMinutes",),
    "activity_difference_body_battery": ("differenceBodyBattery",),
}


def _zone_seconds(entry: Mapping[str, Any], summary: Mapping[str, Any]) -> Item:
    """Seconds in HR zones 1-5: get_activities' hrTimeInZone_N, or the zone list of
    get_activity_hr_in_timezones ([{"zoneNumber", "secsInZone"}]) under zones/hrTimeInZones."""
    seconds: dict[int, Any] = {}
    for zone in _first(entry.get("zones"), entry.get("hrTimeInZones"), summary.get("zones")) or []:
        number = _dig(zone, "zoneNumber")
        if isinstance(number, int) and 1 <= number <= 5:
            seconds[number] = zone.get("secsInZone")
    return {
        f"activity_secs_in_zone{n}": _first(
            seconds.get(n), entry.get(f"hrTimeInZone_{n}"), summary.get(f"timeInHrZone{n}")
        )
        for n in range(1, 6)
    }


def _weather(entry: Mapping[str, Any]) -> Item:
    """get_activity_weather: Fahrenheit and mph, converted to Celsius and km/h."""
    weather = _first(entry.get("weather"), entry.get("weatherDTO"), entry.get("weather_data"))
    if not isinstance(weather, Mapping):
        return {}
    celsius = weather.get("temperature")
    if celsius is None and isinstance(weather.get("temp"), int | float):
        celsius = round((weather["temp"] - 32) * 5 / 9, 2)
    return {
        "activity_weather_temperature_on_start": celsius,
        "activity_weather_relative_humidity_on_start": weather.get("relativeHumidity"),
        "activity_weather_wind_direction_on_start": _first(
            weather.get("windDirectionCompassPoint"), weather.get("windDirection")
        ),
        "activity_weather_wind_speed_on_start": _mph_to_kph(weather.get("windSpeed")),
        "activity_weather_wind_gust_on_start": _mph_to_kph(weather.get("windGust")),
        "activity_weather_type_desc": _dig(weather, "weatherTypeDTO", "desc"),
    }


def _mph_to_kph(value: Any) -> Any:
    return round(value * 1.60934, 1) if isinstance(value, int | float) else value


_GPS_METRICS = {
    "directLatitude": "lat",
    "directLongitude": "lon",
    "directElevation": "elevation",
    "directHeartRate": "heartRate",
    "directBodyBattery": "bodyBattery",
    "directDoubleCadence": "doubleCadence",
    "directTimestamp": "timestamp",
}


def _gps_track(details: Mapping[str, Any]) -> Item | None:
    """get_activity_details: metricDescriptors + activityDetailMetrics (each point's values by
    descriptor index), or else geoPolylineDTO.polyline, as {"coordinates": [{lat, lon, ...}]}."""
    index = {
        d.get("key"): d.get("metricsIndex")
        for d in details.get("metricDescriptors") or []
        if isinstance(d, Mapping)
    }
    points = []
    if "directLatitude" in index and "directLongitude" in index:
        for metric in details.get("activityDetailMetrics") or []:
            values = _dig(metric, "metrics")
            if not isinstance(values, list):
                continue
            point = {
                name: values[index[key]]
                for key, name in _GPS_METRICS.items()
                if isinstance(index.get(key), int) and index[key] < len(values)
            }
            if point.get("lat") is not None and point.get("lon") is not None:
                points.append(_present(point))
    else:
        for vertex in _dig(details, "geoPolylineDTO", "polyline") or []:
            if isinstance(vertex, Mapping) and None not in (vertex.get("lat"), vertex.get("lon")):
                point = {
                    "lat": vertex["lat"],
                    "lon": vertex["lon"],
                    "elevation": vertex.get("altitude"),
                    "timestamp": vertex.get("time"),
                }
                points.append(_present(point))
    return {"coordinates": points} if points else None


def translate_activities(payload: Any) -> list[Item]:
    """get_activities(...) entries or get_activity(id) answers, optionally enriched by the
    worker with `weather` (get_activity_weather), `zones` (get_activity_hr_in_timezones) and
    `details` (get_activity_details: stored as the activity's GPS track)."""
    items = []
    for entry in _entries(payload, "get_activities"):
        summary = entry.get("summaryDTO") if isinstance(entry.get("summaryDTO"), Mapping) else {}
        activity_id = entry.get("activityId")
        if activity_id is None:
            raise _reject("get_activities: an activity without activityId.")
        local_start = _first(entry.get("startTimeLocal"), summary.get("startTimeLocal"))
        gmt_start = _first(entry.get("startTimeGMT"), summary.get("startTimeGMT"))
        activity_type = _first(entry.get("activityType"), entry.get("activityTypeDTO"))
        details = entry.get("details")
        item = {
            "activity_id": activity_id,
            "calendar_date": _require_day(local_start, f"activity {activity_id} startTimeLocal"),
            "activity_type": _dig(activity_type, "typeKey"),
            "activity_name": entry.get("activityName"),
            "activity_description": entry.get("description"),
            "activity_location_name": entry.get("locationName"),
            "activity_start_time": _first(
                _epoch_ms(entry.get("beginTimestamp")), _gmt_text(gmt_start)
            ),
            "time_offset": _offset(_minutes_between(local_start, gmt_start)),
            **{
                column: _first(*(_first(summary.get(k), entry.get(k)) for k in keys))
                for column, keys in _ACTIVITY_FIELDS.items()
            },
            **_zone_seconds(entry, summary),
            **_weather(entry),
            "gps_data": _gps_track(details) if isinstance(details, Mapping) else None,
        }
        items.append(_present(item))
    return items


def translate_activity_gps(payload: Any) -> list[Item]:
    """get_activity_details(id): the track of an activity already stored; an activity without
    GPS points (indoor) yields no item."""
    items = []
    for entry in _entries(payload, "get_activity_details"):
        activity_id = entry.get("activityId")
        if activity_id is None:
            raise _reject("get_activity_details: no activityId.")
        track = _gps_track(entry)
        if track is not None:
            items.append({"activity_id": activity_id, "gps_data": track})
    return items


def translate_original_activity(entry: Any) -> Any:
    """One body entry of the original's POST /activities (its ActivityRequest): the activity's
    fields by name (snake or camelCase), with the enrichment it applied on the way in. A
    missing calendar date comes from startTimeLocal or summaryDTO.calendarDate; raw
    zones/weather objects fill the zone seconds and weather fields that are not given; an
    activityType object gives its typeKey. Keys the item schema does not know (locationName
    among them: the field is activity_location_name) are left for it to ignore, as the
    original did."""
    if not isinstance(entry, Mapping):
        return entry
    data = dict(entry)
    summary = data.get("summaryDTO") if isinstance(data.get("summaryDTO"), Mapping) else {}
    if data.get("calendarDate") is None and data.get("calendar_date") is None:
        day = _first(_day(data.get("startTimeLocal")), _day(summary.get("calendarDate")))
        if day is not None:
            data["calendar_date"] = day
    for column, value in {**_zone_seconds(data, summary), **_weather(data)}.items():
        if value is not None and data.get(column) is None and data.get(_camel(column)) is None:
            data[column] = value
    if isinstance(data.get("activityType"), Mapping):
        data["activityType"] = _first(
            _dig(data, "activityType", "typeKey"), _dig(data, "activityType", "typeName")
        )
    return data
