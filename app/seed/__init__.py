"""The sample data set (`flask --app wsgi seed sample`), written through the same named
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

A package of its own, not auth's or Garmin's: it writes the users (auth's table), the Garmin
datasets and the training system, so it depends on all three and none of them on it.
"""
