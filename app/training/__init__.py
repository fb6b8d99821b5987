"""The training system of seed 002 on the Garmin data: athlete profile, plans and workouts,
readiness, HRV readings, the AI answer cache, sync history, training load, heart-rate samples
and the seed's reads. Its tables live beside the Garmin datasets (aiapp or aiapp_nonprod, by
the Garmin pool's search_path), so its blueprints use that pool; its SQL is sql/training/.
"""
