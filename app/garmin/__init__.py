"""Garmin health data: the sync worker's idempotent ingest and the dashboards' reads.

Tables live in aiapp (production) and aiapp_nonprod (everything else); the Garmin pool's
search_path picks one, so every statement is written unqualified.
"""
