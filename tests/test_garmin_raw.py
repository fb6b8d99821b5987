"""Raw python-garminconnect answers, posted with ?format=garminconnect, land in the right
columns: camelCase keys, nested DTOs, device-keyed maps, epoch-millisecond GMT timestamps."""

from datetime import UTC, datetime

import pytest

from tests.helpers import assert_error

API = "/api/v1/garmin"

# Garmin.get_user_summary("2024-06-13"), abridged to a realistic subset of its ~90 keys.
USER_SUMMARY = {
    "userProfileId": 82413975,
    "totalKilocalories": 2621.0,
    "activeKilocalories": 734.0,
    "bmrKilocalories": 1887.0,
    "wellnessKilocalories": 2621.0,
    "totalSteps": 11482,
    "totalDistanceMeters": 9387,
    "calendarDate": "2024-06-13",
    "wellnessStartTimeGmt": "2024-06-12T22:00:00.0",
    "wellnessStartTimeLocal": "2024-06-13T00:00:00.0",
    "dailyStepGoal": 10000,
    "highlyActiveSeconds": 3120,
    "moderateIntensityMinutes": 24,
    "vigorousIntensityMinutes": 38,
    "floorsAscended": 12.0,
    "minHeartRate": 47,
    "maxHeartRate": 168,
    "restingHeartRate": 51,
    "lastSevenDaysAvgRestingHeartRate": 52,
    "source": "GARMIN",
    "averageStressLevel": 27,
    "maxStressLevel": 96,
    "stressDuration": 18360,
    "restStressDuration": 31140,
    "activityStressDuration": 14820,
    "uncategorizedStressDuration": 2520,
    "totalStressDuration": 66840,
    "lowStressDuration": 12240,
    "mediumStressDuration": 4500,
    "highStressDuration": 1620,
    "stressPercentage": 27.47,
    "stressQualifier": "BALANCED",
    "bodyBatteryChargedValue": 62,
    "bodyBatteryDrainedValue": 71,
    "bodyBatteryHighestValue": 88,
    "bodyBatteryLowestValue": 17,
    "bodyBatteryMostRecentValue": 26,
    "bodyBatteryAtWakeTime": 84,
    "averageSpo2": 95.0,
    "avgWakingRespirationValue": 14.0,
    "highestRespirationValue": 22.0,
    "lowestRespirationValue": 9.0,
    "latestRespirationValue": 13.0,
    "latestRespirationTimeGMT": "2024-06-13T21:58:00.0",
}

# Garmin.get_sleep_data("2024-06-13"): the night from 21:02 to 05:08 GMT, device at GMT+2.
SLEEP = {
    "dailySleepDTO": {
        "id": 1718226120000,
        "userProfilePK": 82413975,
        "calendarDate": "2024-06-13",
        "sleepTimeSeconds": 27360,
        "napTimeSeconds": 1800,
        "sleepWindowConfirmed": True,
        "sleepStartTimestampGMT": 1718226120000,
        "sleepEndTimestampGMT": 1718255280000,
        "sleepStartTimestampLocal": 1718233320000,
        "sleepEndTimestampLocal": 1718262480000,
        "deepSleepSeconds": 5460,
        "lightSleepSeconds": 14340,
        "remSleepSeconds": 7560,
        "awakeSleepSeconds": 1800,
        "deviceRemCapable": True,
        "averageRespirationValue": 14.0,
        "lowestRespirationValue": 9.0,
        "highestRespirationValue": 19.0,
        "awakeCount": 2,
        "avgSleepStress": 14.0,
        "ageGroup": "ADULT",
        "sleepScoreFeedback": "POSITIVE_LONG_AND_DEEP",
        "sleepScoreInsight": "NONE",
        "sleepScorePersonalizedInsight": "NOT_AVAILABLE",
        "sleepScores": {
            "totalDuration": {"qualifierKey": "EXCELLENT", "optimalStart": 28800.0},
            "stress": {"qualifierKey": "EXCELLENT", "optimalStart": 0.0, "optimalEnd": 15.0},
            "awakeCount": {"value": 2, "qualifierKey": "GOOD", "optimalStart": 0.0},
            "overall": {"value": 83, "qualifierKey": "GOOD"},
            "remPercentage": {
                "value": 28,
                "qualifierKey": "EXCELLENT",
                "optimalStart": 21.0,
                "optimalEnd": 31.0,
                "idealStartInSeconds": 5745.6,
            },
            "restlessness": {"qualifierKey": "GOOD", "optimalStart": 0.0, "optimalEnd": 5.0},
            "lightPercentage": {
                "value": 52,
                "qualifierKey": "EXCELLENT",
                "optimalStart": 30.0,
                "optimalEnd": 64.0,
            },
            "deepPercentage": {
                "value": 20,
                "qualifierKey": "EXCELLENT",
                "optimalStart": 16.0,
                "optimalEnd": 33.0,
            },
        },
        "sleepVersion": 2,
    },
    "sleepMovement": [
        {
            "startGMT": "2024-06-12T21:01:00.0",
            "endGMT": "2024-06-12T21:02:00.0",
            "activityLevel": 5.4,
        }
    ],
    "remSleepData": True,
    "sleepLevels": [
        {
            "startGMT": "2024-06-12T21:02:00.0",
            "endGMT": "2024-06-12T21:31:00.0",
            "activityLevel": 1.0,
        },
        {
            "startGMT": "2024-06-12T21:31:00.0",
            "endGMT": "2024-06-12T22:20:00.0",
            "activityLevel": 0.0,
        },
    ],
    "sleepRestlessMoments": [{"value": 1, "startGMT": 1718227000000}],
    "restlessMomentsCount": 31,
    "sleepHeartRate": [
        {"value": 56, "startGMT": 1718226000000},
        {"value": 53, "startGMT": 1718226120000},
    ],
    "sleepStress": [{"value": 18, "startGMT": 1718226000000}],
    "sleepBodyBattery": [{"value": 26, "startGMT": 1718226000000}],
    "hrvData": [{"value": 41.0, "startGMT": 1718226296000}],
    "avgOvernightHrv": 44.0,
    "hrvStatus": "BALANCED",
    "bodyBatteryChange": 58,
    "restingHeartRate": 48,
    "dailyNapDTOS": [
        {
            "userProfilePK": 82413975,
            "calendarDate": "2024-06-13",
            "napTimeSec": 1800,
            "napStartTimestampGMT": "2024-06-13T12:10:00.0",
            "napEndTimestampGMT": "2024-06-13T12:40:00.0",
            "napFeedback": "IDEAL_TIMING_IDEAL_DURATION_LOW_NEED",
            "napSource": 1,
        }
    ],
}

# Garmin.get_hrv_data("2024-06-13").
HRV = {
    "userProfilePk": 82413975,
    "hrvSummary": {
        "calendarDate": "2024-06-13",
        "weeklyAvg": 47,
        "lastNightAvg": 44,
        "lastNight5MinHigh": 66,
        "baseline": {"lowUpper": 37, "balancedLow": 41, "balancedUpper": 52, "markerValue": 0.43},
        "status": "BALANCED",
        "feedbackPhrase": "HRV_BALANCED_2",
        "createTimeStamp": "2024-06-13T05:09:23.712",
    },
    "hrvReadings": [
        {
            "hrvValue": 52,
            "readingTimeGMT": "2024-06-12T21:06:41.0",
            "readingTimeLocal": "2024-06-12T23:06:41.0",
        }
    ],
    "startTimestampGMT": "2024-06-12T21:01:41.0",
    "endTimestampGMT": "2024-06-13T05:06:41.0",
}

# Garmin.get_body_composition("2024-06-12", "2024-06-13"): masses in grams, two weigh-ins on
# the 13th (the later one wins).
BODY_COMPOSITION = {
    "startDate": "2024-06-12",
    "endDate": "2024-06-13",
    "dateWeightList": [
        {
            "samplePk": 1718176447000,
            "date": 1718183647000,
            "calendarDate": "2024-06-12",
            "weight": 79850.0,
            "bmi": 24.6,
            "bodyFat": 18.9,
            "bodyWater": 58.2,
            "boneMass": 3540,
            "muscleMass": 36180,
            "physiqueRating": None,
            "visceralFat": 7.0,
            "metabolicAge": None,
            "sourceType": "INDEX_SCALE",
            "timestampGMT": 1718176447000,
            "weightDelta": None,
        },
        {
            "samplePk": 1718301600000,
            "date": 1718308800000,
            "calendarDate": "2024-06-13",
            "weight": 80100.0,
            "bmi": 24.7,
            "bodyFat": None,
            "bodyWater": None,
            "boneMass": None,
            "muscleMass": None,
            "visceralFat": None,
            "sourceType": "MANUAL",
            "timestampGMT": 1718301600000,
        },
        {
            "samplePk": 1718262000000,
            "date": 1718269200000,
            "calendarDate": "2024-06-13",
            "weight": 79400.0,
            "bmi": 24.5,
            "bodyFat": 18.7,
            "bodyWater": 58.4,
            "boneMass": 3530,
            "muscleMass": 36100,
            "visceralFat": 7.0,
            "sourceType": "INDEX_SCALE",
            "timestampGMT": 1718262000000,
        },
    ],
    "totalAverage": {"from": 1718150400000, "until": 1718323199999, "weight": 79783.3, "bmi": 24.6},
}

# Garmin.get_training_readiness("2024-06-13"): the morning value and a re-computation after a run.
TRAINING_READINESS = [
    {
        "userProfilePK": 82413975,
        "calendarDate": "2024-06-13",
        "timestamp": "2024-06-13T17:42:11.0",
        "timestampLocal": "2024-06-13T19:42:11.0",
        "deviceId": 3442975663,
        "level": "LOW",
        "feedbackLong": "RECOVER_AFTER_HARD_WORKOUT",
        "score": 39,
        "sleepScore": 83,
        "sleepScoreFactorFeedback": "GOOD",
        "recoveryTime": 1122,
        "recoveryTimeFactorFeedback": "POOR",
        "acuteLoad": 566,
        "hrvWeeklyAverage": 47,
        "hrvFactorFeedback": "GOOD",
        "stressHistoryFactorFeedback": "GOOD",
        "sleepHistoryFactorFeedback": "GOOD",
        "inputContext": "AFTER_POST_EXERCISE_RESET",
    },
    {
        "userProfilePK": 82413975,
        "calendarDate": "2024-06-13",
        "timestamp": "2024-06-13T05:10:00.0",
        "timestampLocal": "2024-06-13T07:10:00.0",
        "deviceId": 3442975663,
        "level": "MODERATE",
        "score": 74,
        "sleepScore": 83,
        "sleepScoreFactorFeedback": "GOOD",
        "recoveryTime": 363,
        "recoveryTimeFactorFeedback": "MODERATE",
        "acuteLoad": 435,
        "hrvWeeklyAverage": 47,
        "hrvFactorFeedback": "GOOD",
        "stressHistoryFactorFeedback": "GOOD",
        "sleepHistoryFactorFeedback": "GOOD",
        "inputContext": "UPDATE_REALTIME_VARIABLES",
    },
]

# Garmin.get_endurance_score("2024-06-13").
ENDURANCE = {
    "userProfilePK": 82413975,
    "deviceId": 3442975663,
    "calendarDate": "2024-06-13",
    "overallScore": 5730,
    "classification": 2,
    "feedbackPhrase": 23,
    "primaryTrainingDevice": True,
    "gaugeLowerLimit": 3570,
    "classificationLowerLimitIntermediate": 5100,
    "classificationLowerLimitTrained": 5800,
    "classificationLowerLimitWellTrained": 6500,
    "classificationLowerLimitExpert": 7200,
    "classificationLowerLimitSuperior": 7900,
    "classificationLowerLimitElite": 8600,
    "gaugeUpperLimit": 10320,
    "contributors": [
        {"activityTypeId": 1, "group": None, "contribution": 78.04},
        {"activityTypeId": 13, "group": None, "contribution": 13.86},
    ],
}

# Garmin.get_training_status("2024-06-13"): maps keyed by device id; the primary one counts.
TRAINING_STATUS = {
    "userId": 82413975,
    "mostRecentVO2Max": {
        "userId": 82413975,
        "generic": {
            "calendarDate": "2024-06-08",
            "vo2MaxPreciseValue": 48.6,
            "vo2MaxValue": 49.0,
            "fitnessAge": None,
            "fitnessAgeDescription": None,
            "maxMetCategory": 0,
        },
        "cycling": None,
        "heatAltitudeAcclimation": None,
    },
    "mostRecentTrainingLoadBalance": {
        "userId": 82413975,
        "metricsTrainingLoadBalanceDTOMap": {
            "1234": {
                "calendarDate": "2024-06-13",
                "deviceId": 1234,
                "monthlyLoadAerobicLow": 1.0,
                "primaryTrainingDevice": False,
            },
            "3442975663": {
                "calendarDate": "2024-06-13",
                "deviceId": 3442975663,
                "monthlyLoadAerobicLow": 431.0,
                "monthlyLoadAerobicHigh": 280.0,
                "monthlyLoadAnaerobic": 132.5,
                "monthlyLoadAerobicLowTargetMin": 142,
                "monthlyLoadAerobicLowTargetMax": 353,
                "monthlyLoadAerobicHighTargetMin": 244,
                "monthlyLoadAerobicHighTargetMax": 456,
                "monthlyLoadAnaerobicTargetMin": 0,
                "monthlyLoadAnaerobicTargetMax": 211,
                "trainingBalanceFeedbackPhrase": "ABOVE_TARGETS",
                "primaryTrainingDevice": True,
            },
        },
        "recordedDevices": [{"deviceId": 3442975663, "deviceName": "Forerunner 965"}],
    },
    "mostRecentTrainingStatus": {
        "userId": 82413975,
        "latestTrainingStatusData": {
            "3442975663": {
                "calendarDate": "2024-06-13",
                "sinceDate": "2024-06-10",
                "weeklyTrainingLoad": None,
                "trainingStatus": 7,
                "timestamp": 1718293231000,
                "deviceId": 3442975663,
                "loadTunnelMin": None,
                "fitnessTrend": 2,
                "trainingStatusFeedbackPhrase": "PRODUCTIVE_1",
                "trainingPaused": False,
                "acuteTrainingLoadDTO": {
                    "acwrPercent": 58,
                    "acwrStatus": "OPTIMAL",
                    "acwrStatusFeedback": "FEEDBACK_2",
                    "dailyTrainingLoadAcute": 435,
                    "maxTrainingLoadChronic": 573.0,
                    "minTrainingLoadChronic": 305.6,
                    "dailyTrainingLoadChronic": 382,
                    "dailyAcuteChronicWorkloadRatio": 1.1,
                },
                "primaryTrainingDevice": True,
            }
        },
        "recordedDevices": [{"deviceId": 3442975663, "deviceName": "Forerunner 965"}],
        "showSelector": False,
        "lastPrimarySyncDate": "2024-06-13",
    },
    "heatAltitudeAcclimationDTO": None,
}

# Garmin.get_fitnessage_data("2024-06-13"): no calendarDate; the day of lastUpdated is used.
FITNESS_AGE = {
    "chronologicalAge": 41,
    "fitnessAge": 36.2,
    "achievableFitnessAge": 33.0,
    "previousFitnessAge": 36.5,
    "components": {
        "vigorousDaysAvg": {"value": 2.6, "targetValue": 3, "improvementValue": 0.4},
        "rhr": {"value": 51, "priority": 2},
        "bmi": {"value": 24.6, "priority": 3, "stale": False},
        "vigorousMinutesAvg": {"value": 97.0, "targetValue": 150},
    },
    "recommendedTargetComponent": "vigorousMinutesAvg",
    "lastUpdated": "2024-06-13T05:12:31.0",
}

# Garmin.get_max_metrics("2024-06-13").
MAX_METRICS = [
    {
        "userId": 82413975,
        "generic": {
            "calendarDate": "2024-06-08",
            "vo2MaxPreciseValue": 48.6,
            "vo2MaxValue": 49.0,
            "fitnessAge": None,
            "fitnessAgeDescription": None,
            "maxMetCategory": 0,
        },
        "cycling": None,
        "heatAltitudeAcclimation": None,
    }
]

# Garmin.get_activity_details(15774991090): metric arrays indexed by their descriptors.
ACTIVITY_DETAILS = {
    "activityId": 15774991090,
    "measurementCount": 6,
    "metricsCount": 2,
    "metricDescriptors": [
        {"metricsIndex": 0, "key": "directTimestamp", "unit": {"id": 120, "key": "gmt"}},
        {"metricsIndex": 1, "key": "directLatitude", "unit": {"id": 60, "key": "dd"}},
        {"metricsIndex": 2, "key": "directLongitude", "unit": {"id": 60, "key": "dd"}},
        {"metricsIndex": 3, "key": "directHeartRate", "unit": {"id": 100, "key": "bpm"}},
        {"metricsIndex": 4, "key": "directElevation", "unit": {"id": 1, "key": "meter"}},
        {"metricsIndex": 5, "key": "sumDistance", "unit": {"id": 1, "key": "meter"}},
    ],
    "activityDetailMetrics": [
        {"metrics": [1.718258514e12, 41.98, 2.82, 121.0, 70.2, 0.0]},
        {"metrics": [1.718258519e12, 41.9801, 2.8203, 124.0, 70.4, 14.1]},
        {"metrics": [1.718258524e12, None, None, 126.0, 70.5, 28.0]},
    ],
    "geoPolylineDTO": {"startPoint": {"lat": 41.98, "lon": 2.82}, "polyline": []},
    "heartRateDTOs": None,
    "detailsAvailable": True,
}

# One entry of Garmin.get_activities(0, 10), enriched by the worker with the answers of
# get_activity_weather (Fahrenheit, mph), get_activity_hr_in_timezones and get_activity_details.
ACTIVITY = {
    "activityId": 15774991090,
    "activityName": "Girona Running",
    "description": None,
    "startTimeLocal": "2024-06-13 08:01:54",
    "startTimeGMT": "2024-06-13 06:01:54",
    "activityType": {"typeId": 1, "typeKey": "running", "parentTypeId": 17, "isHidden": False},
    "eventType": {"typeId": 9, "typeKey": "uncategorized", "sortOrder": 10},
    "distance": 10234.56,
    "duration": 3121.8,
    "elapsedDuration": 3188.4,
    "movingDuration": 3098.0,
    "elevationGain": 87.0,
    "elevationLoss": 85.0,
    "averageSpeed": 3.278,
    "maxSpeed": 4.1,
    "startLatitude": 41.98,
    "startLongitude": 2.82,
    "hasPolyline": True,
    "ownerId": 82413975,
    "calories": 742.0,
    "bmrCalories": 79.0,
    "averageHR": 151.0,
    "maxHR": 172.0,
    "averageRunningCadenceInStepsPerMinute": 171.4,
    "steps": 8870,
    "avgStrideLength": 115.37,
    "minTemperature": 21.0,
    "maxTemperature": 29.0,
    "minElevation": 68.2,
    "maxElevation": 121.4,
    "locationName": "Girona",
    "beginTimestamp": 1718258514000,
    "sportTypeId": 1,
    "aerobicTrainingEffect": 3.4,
    "anaerobicTrainingEffect": 1.2,
    "activityTrainingLoad": 131.6,
    "trainingEffectLabel": "TEMPO",
    "aerobicTrainingEffectMessage": "IMPROVING_AEROBIC_BASE_8",
    "anaerobicTrainingEffectMessage": "MINOR_ANAEROBIC_BENEFIT_1",
    "moderateIntensityMinutes": 12,
    "vigorousIntensityMinutes": 38,
    "endLatitude": 41.981,
    "endLongitude": 2.821,
    "waterEstimated": 871.0,
    "differenceBodyBattery": -14,
    "hrTimeInZone_1": 61.0,
    "hrTimeInZone_2": 402.0,
    "hrTimeInZone_3": 1312.0,
    "hrTimeInZone_4": 1189.0,
    "hrTimeInZone_5": 157.8,
    "manualActivity": False,
    "weather": {
        "issueDate": "2024-06-13T06:00:00.000+0000",
        "temp": 68,
        "apparentTemp": 68,
        "dewPoint": 55,
        "relativeHumidity": 63,
        "windDirection": 320,
        "windDirectionCompassPoint": "nw",
        "windSpeed": 7,
        "windGust": None,
        "weatherStationDTO": {"id": "LEGE", "name": "Girona", "timezone": None},
        "weatherTypeDTO": {"weatherTypePk": None, "desc": "Partly Cloudy", "image": None},
    },
    "zones": [
        {"zoneNumber": 1, "secsInZone": 60.0, "zoneLowBoundary": 98},
        {"zoneNumber": 2, "secsInZone": 400.0, "zoneLowBoundary": 118},
        {"zoneNumber": 3, "secsInZone": 1315.0, "zoneLowBoundary": 137},
        {"zoneNumber": 4, "secsInZone": 1190.0, "zoneLowBoundary": 157},
        {"zoneNumber": 5, "secsInZone": 156.8, "zoneLowBoundary": 176},
    ],
    "details": ACTIVITY_DETAILS,
}


def post_raw(client, account, route, payload):
    return client.post(
        f"{API}/{route}",
        json=payload,
        query_string={"format": "garminconnect"},
        headers=account.headers,
    )


def stored(client, account, route, **params):
    response = client.get(f"{API}/{route}", query_string=params, headers=account.headers)
    assert response.status_code == 200, response.json
    return response.json["data"]["items"]


def instant(text):
    return datetime.fromisoformat(text)


def test_user_summary(client, alice):
    response = post_raw(client, alice, "summary", USER_SUMMARY)
    assert response.status_code == 200, response.json
    assert response.json["data"]["inserted"] == 1
    [row] = stored(client, alice, "summary")
    assert row["calendar_date"] == "2024-06-13"
    assert (row["total_steps"], row["total_kilocalories"], row["resting_heart_rate"]) == (
        11482,
        2621,
        51,
    )
    assert (row["body_battery_highest_value"], row["stress_qualifier"]) == (88, "BALANCED")
    assert row["last_seven_days_avg_resting_heart_rate"] == 52
    assert row["latest_respiration_value"] == 13


def test_sleep_uses_the_gmt_timestamps_and_keeps_the_offset(client, alice):
    assert post_raw(client, alice, "sleep", SLEEP).status_code == 200
    [row] = stored(client, alice, "sleep")
    assert instant(row["sleep_start"]) == datetime(2024, 6, 12, 21, 2, tzinfo=UTC)
    assert instant(row["sleep_end"]) == datetime(2024, 6, 13, 5, 8, tzinfo=UTC)
    assert row["time_offset"] == "02:00:00"
    assert (row["sleep_time_seconds"], row["deep_sleep_seconds"], row["rem_sleep_seconds"]) == (
        27360,
        5460,
        7560,
    )
    assert (row["sleep_overall_score_value"], row["sleep_overall_score_qualifier"]) == (83, "GOOD")
    assert row["sleep_total_duration_qualifier"] == "EXCELLENT"
    assert (row["sleep_rem_percentage_value"], row["sleep_rem_optimal_end"]) == (28, 31)
    assert row["sleep_restlessness_qualifier"] == "GOOD"
    assert (row["sleep_deep_percentage_value"], row["sleep_light_percentage_value"]) == (20, 52)
    assert (row["sleep_avg_overnight_hrv"], row["sleep_resting_heart_rate"]) == (44, 48)
    assert (row["sleep_body_battery_change"], row["sleep_restless_moments_count"]) == (58, 31)
    assert row["sleep_average_respiration_value"] == 14
    assert [instant(p["startGMT"]) for p in row["sleep_heart_rate_data"]] == [
        datetime(2024, 6, 12, 21, 0, tzinfo=UTC),
        datetime(2024, 6, 12, 21, 2, tzinfo=UTC),
    ]
    assert [p["value"] for p in row["sleep_heart_rate_data"]] == [56, 53]
    assert row["sleep_hrv_data"][0]["value"] == 41
    assert row["sleep_stress_data"][0]["value"] == 18
    assert row["sleep_levels_data"][1]["activityLevel"] == 0
    assert instant(row["sleep_levels_data"][0]["endGMT"]) == datetime(
        2024, 6, 12, 21, 31, tzinfo=UTC
    )
    [nap] = row["nap_data"]
    assert nap["napTimeSec"] == 1800
    assert instant(nap["napStartGMT"]) == datetime(2024, 6, 13, 12, 10, tzinfo=UTC)


def test_hrv(client, alice):
    assert (
        post_raw(client, alice, "hrv", [HRV, None]).status_code == 200
    )  # None: a day without data
    [row] = stored(client, alice, "hrv")
    assert (row["calendar_date"], row["hrv_weekly_avg"], row["hrv_last_night_avg"]) == (
        "2024-06-13",
        47,
        44,
    )
    assert (
        row["hrv_status"],
        row["hrv_baseline_balanced_low"],
        row["hrv_baseline_balanced_upper"],
    ) == (
        "BALANCED",
        41,
        52,
    )


def test_body_composition_converts_grams_and_keeps_the_latest_weigh_in(client, alice):
    response = post_raw(client, alice, "body-composition", BODY_COMPOSITION)
    assert response.json["data"]["inserted"] == 2
    first, second = stored(client, alice, "body-composition")
    assert (first["calendar_date"], first["weight"], first["bone_mass"], first["muscle_mass"]) == (
        "2024-06-12",
        79.85,
        3.54,
        36.18,
    )
    assert (first["body_fat_percentage"], first["body_water_percentage"]) == (18.9, 58.2)
    # The evening weigh-in overrides the morning's weight; the morning's body fat stays.
    assert (second["weight"], second["bmi"], second["body_fat_percentage"]) == (80.1, 24.7, 18.7)


def test_training_readiness_keeps_the_day_s_latest_assessment(client, alice):
    assert post_raw(client, alice, "training-readiness", TRAINING_READINESS).status_code == 200
    [row] = stored(client, alice, "training-readiness")
    assert (row["training_readiness_score"], row["training_readiness_level"]) == (39, "LOW")
    assert (row["recovery_time"], row["acute_load"], row["sleep_score"]) == (1122, 566, 83)
    assert row["recovery_time_factor_feedback"] == "POOR"


def test_endurance_score(client, alice):
    assert post_raw(client, alice, "endurance-score", ENDURANCE).status_code == 200
    [row] = stored(client, alice, "endurance-score")
    assert (row["endurance_score"], row["endurance_score_classification"]) == (5730, 2)
    assert row["endurance_score_classification_lower_limit_well_trained"] == 6500
    assert row["endurance_score_classification_lower_limit_elite"] == 8600
    assert row["endurance_score_contributors"][1] == {
        "activityTypeId": 13,
        "group": None,
        "contribution": 13.86,
    }


def test_training_status_reads_the_primary_device(client, alice):
    assert post_raw(client, alice, "training-status", TRAINING_STATUS).status_code == 200
    [row] = stored(client, alice, "training-status")
    assert row["calendar_date"] == "2024-06-13"
    assert (row["daily_training_load_acute"], row["daily_training_load_chronic"]) == (435, 382)
    assert (row["min_training_load_chronic"], row["max_training_load_chronic"]) == (305.6, 573)
    assert row["daily_training_load_acute_feedback"] == "OPTIMAL"
    assert (row["vo2_max_precise_value"], row["vo2_max_feedback"]) == (48.6, "PRODUCTIVE_1")
    assert (row["monthly_load_aerobic_low"], row["monthly_load_anaerobic_target_max"]) == (431, 211)
    assert row["training_balance_feedback_phrase"] == "ABOVE_TARGETS"


def test_training_load_balance_writes_only_the_balance(client, alice):
    assert post_raw(client, alice, "training-load-balance", TRAINING_STATUS).status_code == 200
    [row] = stored(client, alice, "training-status")
    assert (row["monthly_load_aerobic_high"], row["training_balance_feedback_phrase"]) == (
        280,
        "ABOVE_TARGETS",
    )
    assert row["daily_training_load_acute"] is None
    assert row["vo2_max_precise_value"] is None


def test_fitness_age_is_dated_by_last_updated(client, alice):
    assert post_raw(client, alice, "fitness-age", FITNESS_AGE).status_code == 200
    [row] = stored(client, alice, "fitness-age")
    assert (row["calendar_date"], row["chronological_age"], row["fitness_age"]) == (
        "2024-06-13",
        41,
        36.2,
    )
    assert (
        row["rhr_value"],
        row["vigorous_days_avg_value"],
        row["vigorous_minutes_avg_value"],
    ) == (
        51,
        2.6,
        97,
    )
    assert row["body_fat_value"] is None  # this user's components carry bmi, not body fat


def test_max_metrics(client, alice):
    assert post_raw(client, alice, "max-metrics", MAX_METRICS).status_code == 200
    [row] = stored(client, alice, "max-metrics")
    assert (row["calendar_date"], row["vo2_max_precise_value"], row["vo2_max_value"]) == (
        "2024-06-08",
        48.6,
        49,
    )


def test_an_enriched_activity_stores_weather_zones_and_gps(client, alice):
    response = post_raw(client, alice, "activities", [ACTIVITY])
    assert response.status_code == 200, response.json
    assert response.json["data"]["gps"] == {"inserted": 1, "updated": 0}
    [row] = stored(client, alice, "activities")
    assert (row["activity_id"], row["calendar_date"], row["activity_type"]) == (
        15774991090,
        "2024-06-13",
        "running",
    )
    assert instant(row["activity_start_time"]) == datetime(2024, 6, 13, 6, 1, 54, tzinfo=UTC)
    assert row["time_offset"] == "02:00:00"
    assert (row["activity_distance"], row["activity_duration"], row["activity_steps"]) == (
        10234.56,
        3121.8,
        8870,
    )
    assert (row["activity_average_hr"], row["activity_max_hr"]) == (151, 172)
    assert (row["activity_aerobic_training_effect"], row["activity_activity_training_load"]) == (
        3.4,
        131.6,
    )
    assert (row["activity_elevation_gain"], row["activity_difference_body_battery"]) == (87, -14)
    assert row["activity_location_name"] == "Girona"
    # Weather: 68 F -> 20 C, 7 mph -> 11.3 km/h.
    assert row["activity_weather_temperature_on_start"] == 20
    assert row["activity_weather_wind_speed_on_start"] == 11.3
    assert row["activity_weather_wind_gust_on_start"] is None
    assert row["activity_weather_relative_humidity_on_start"] == 63
    assert row["activity_weather_type_desc"] == "Partly Cloudy"
    # The zone list of get_activity_hr_in_timezones wins over the summary's hrTimeInZone_N.
    assert [row[f"activity_secs_in_zone{n}"] for n in range(1, 6)] == [60, 400, 1315, 1190, 156.8]

    track = client.get(f"{API}/activity/15774991090", headers=alice.headers).json["data"][
        "gps_data"
    ]
    assert track["coordinates"][0] == {
        "lat": 41.98,
        "lon": 2.82,
        "heartRate": 121.0,
        "elevation": 70.2,
        "timestamp": 1.718258514e12,
    }
    assert len(track["coordinates"]) == 2  # the point without a position is dropped


def test_a_plain_activity_list_entry_uses_its_own_zone_times(client, alice):
    plain = {k: v for k, v in ACTIVITY.items() if k not in {"weather", "zones", "details"}}
    response = post_raw(client, alice, "activities", [plain])
    assert response.json["data"]["gps"] == {"inserted": 0, "updated": 0}
    [row] = stored(client, alice, "activities")
    assert [row[f"activity_secs_in_zone{n}"] for n in range(1, 6)] == [61, 402, 1312, 1189, 157.8]
    assert row["activity_weather_temperature_on_start"] is None


def test_gps_details_of_a_stored_activity(client, alice):
    plain = {k: v for k, v in ACTIVITY.items() if k != "details"}
    post_raw(client, alice, "activities", [plain])
    response = post_raw(client, alice, "activity-gps", ACTIVITY_DETAILS)
    assert response.status_code == 200, response.json
    assert response.json["data"]["items"][0]["points"] == 2
    [row] = stored(client, alice, "activity-gps", activity_id=15774991090)
    assert row["calendar_date"] == "2024-06-13"
    assert row["gps_data"]["coordinates"][1]["lat"] == 41.9801


def test_daily_health_events(client, alice):
    payload = [
        {
            "calendarDate": "2024-06-13",
            "lastMealTime": "2024-06-13T18:35:00",
            "lastDrinkTime": "2024-06-13T12:15:00+02:00",
        }
    ]
    assert post_raw(client, alice, "daily-health-events", payload).status_code == 200
    [row] = stored(client, alice, "daily-health-events")
    assert instant(row["last_meal_time"]) == datetime(2024, 6, 13, 18, 35, tzinfo=UTC)
    assert instant(row["last_drink_time"]) == datetime(2024, 6, 13, 10, 15, tzinfo=UTC)
    assert row["last_screen_time"] is None


def test_resending_a_raw_payload_changes_nothing(client, alice):
    post_raw(client, alice, "sleep", SLEEP)
    again = post_raw(client, alice, "sleep", SLEEP).json["data"]
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 1)


def test_a_week_of_raw_summaries_in_one_request(client, alice):
    week = [{**USER_SUMMARY, "calendarDate": f"2024-06-{day:02d}"} for day in range(10, 17)]
    assert post_raw(client, alice, "summary", week).json["data"]["inserted"] == 7
    assert len(stored(client, alice, "summary")) == 7


@pytest.mark.parametrize(
    ("route", "payload", "field"),
    [
        ("sleep", {"sleepLevels": []}, "body"),
        ("sleep", "not an object", "body"),
        ("sleep", [1, 2], "body"),
        ("hrv", {"hrvSummary": {"weeklyAvg": 47}}, "body"),
        ("body-composition", {"totalAverage": {}}, "body"),
        ("activities", [{"activityName": "no id"}], "body"),
        ("summary", {**USER_SUMMARY, "restingHeartRate": 900}, "items"),
        ("summary", {**USER_SUMMARY, "calendarDate": "20025-06-13"}, "body"),
        ("training-status", {"userId": 1}, "body"),
    ],
)
def test_raw_payloads_without_their_call_s_shape_are_400(
    client, alice, conn, route, payload, field
):
    assert_error(post_raw(client, alice, route, payload), 400, field)
    for table in ("sleep_data", "hrv_data", "body_composition", "activities", "user_summary"):
        count = conn.execute(f"SELECT count(*) AS n FROM aiapp_nonprod.{table}").fetchone()  # noqa: S608
        assert count["n"] == 0


def test_a_day_without_a_vo2_max_estimate_stores_nothing(client, alice):
    empty_day = [{"userId": 82413975, "generic": None, "cycling": None}]
    data = post_raw(client, alice, "max-metrics", empty_day).json["data"]
    assert (data["inserted"], data["count"]) == (0, 0)
