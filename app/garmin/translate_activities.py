"""python-garminconnect's activities (get_activities entries, get_activity summaries, GPS
details) and the original service's activity payload -> activity and activity_gps items."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.garmin import raw
from app.garmin.raw import Item

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
    for zone in (
        raw.first(entry.get("zones"), entry.get("hrTimeInZones"), summary.get("zones")) or []
    ):
        number = raw.dig(zone, "zoneNumber")
        if isinstance(number, int) and 1 <= number <= 5:
            seconds[number] = zone.get("secsInZone")
    return {
        f"activity_secs_in_zone{n}": raw.first(
            seconds.get(n), entry.get(f"hrTimeInZone_{n}"), summary.get(f"timeInHrZone{n}")
        )
        for n in range(1, 6)
    }


def _weather(entry: Mapping[str, Any]) -> Item:
    """get_activity_weather: Fahrenheit and mph, converted to Celsius and km/h."""
    weather = raw.first(entry.get("weather"), entry.get("weatherDTO"), entry.get("weather_data"))
    if not isinstance(weather, Mapping):
        return {}
    celsius = weather.get("temperature")
    if celsius is None and isinstance(weather.get("temp"), int | float):
        celsius = round((weather["temp"] - 32) * 5 / 9, 2)
    return {
        "activity_weather_temperature_on_start": celsius,
        "activity_weather_relative_humidity_on_start": weather.get("relativeHumidity"),
        "activity_weather_wind_direction_on_start": raw.first(
            weather.get("windDirectionCompassPoint"), weather.get("windDirection")
        ),
        "activity_weather_wind_speed_on_start": _mph_to_kph(weather.get("windSpeed")),
        "activity_weather_wind_gust_on_start": _mph_to_kph(weather.get("windGust")),
        "activity_weather_type_desc": raw.dig(weather, "weatherTypeDTO", "desc"),
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
            values = raw.dig(metric, "metrics")
            if not isinstance(values, list):
                continue
            point = {
                name: values[index[key]]
                for key, name in _GPS_METRICS.items()
                if isinstance(index.get(key), int) and index[key] < len(values)
            }
            if point.get("lat") is not None and point.get("lon") is not None:
                points.append(raw.present(point))
    else:
        for vertex in raw.dig(details, "geoPolylineDTO", "polyline") or []:
            if isinstance(vertex, Mapping) and None not in (vertex.get("lat"), vertex.get("lon")):
                point = {
                    "lat": vertex["lat"],
                    "lon": vertex["lon"],
                    "elevation": vertex.get("altitude"),
                    "timestamp": vertex.get("time"),
                }
                points.append(raw.present(point))
    return {"coordinates": points} if points else None


def translate_activities(payload: Any) -> list[Item]:
    """get_activities(...) entries or get_activity(id) answers, optionally enriched by the
    worker with `weather` (get_activity_weather), `zones` (get_activity_hr_in_timezones) and
    `details` (get_activity_details: stored as the activity's GPS track)."""
    items = []
    for entry in raw.entries(payload, "get_activities"):
        summary = entry.get("summaryDTO") if isinstance(entry.get("summaryDTO"), Mapping) else {}
        activity_id = entry.get("activityId")
        if activity_id is None:
            raise raw.reject("get_activities: an activity without activityId.")
        local_start = raw.first(entry.get("startTimeLocal"), summary.get("startTimeLocal"))
        gmt_start = raw.first(entry.get("startTimeGMT"), summary.get("startTimeGMT"))
        activity_type = raw.first(entry.get("activityType"), entry.get("activityTypeDTO"))
        details = entry.get("details")
        item = {
            "activity_id": activity_id,
            "calendar_date": raw.require_day(local_start, f"activity {activity_id} startTimeLocal"),
            "activity_type": raw.dig(activity_type, "typeKey"),
            "activity_name": entry.get("activityName"),
            "activity_description": entry.get("description"),
            "activity_location_name": entry.get("locationName"),
            "activity_start_time": raw.first(
                raw.epoch_ms(entry.get("beginTimestamp")), raw.gmt_text(gmt_start)
            ),
            "time_offset": raw.offset(raw.minutes_between(local_start, gmt_start)),
            **{
                column: raw.first(*(raw.first(summary.get(k), entry.get(k)) for k in keys))
                for column, keys in _ACTIVITY_FIELDS.items()
            },
            **_zone_seconds(entry, summary),
            **_weather(entry),
            "gps_data": _gps_track(details) if isinstance(details, Mapping) else None,
        }
        items.append(raw.present(item))
    return items


def translate_activity_gps(payload: Any) -> list[Item]:
    """get_activity_details(id): the track of an activity already stored; an activity without
    GPS points (indoor) yields no item."""
    items = []
    for entry in raw.entries(payload, "get_activity_details"):
        activity_id = entry.get("activityId")
        if activity_id is None:
            raise raw.reject("get_activity_details: no activityId.")
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
        day = raw.first(
            raw.calendar_day(data.get("startTimeLocal")),
            raw.calendar_day(summary.get("calendarDate")),
        )
        if day is not None:
            data["calendar_date"] = day
    for column, value in {**_zone_seconds(data, summary), **_weather(data)}.items():
        if value is not None and data.get(column) is None and data.get(raw.camel(column)) is None:
            data[column] = value
    if isinstance(data.get("activityType"), Mapping):
        data["activityType"] = raw.first(
            raw.dig(data, "activityType", "typeKey"), raw.dig(data, "activityType", "typeName")
        )
    return data
