"""`flask seed sample`: the demo user's data set through the real write paths, scaling with
--users / --days, and --reset refusing production."""

from tests.garmin_training_helpers import count


def invoke(app, *args: str):
    result = app.test_cli_runner().invoke(args=["seed", "sample", *args])
    assert result.exit_code == 0, result.output
    return result


def login(client, output: str) -> dict[str, str]:
    password = output.rsplit("password: ", 1)[1].strip()
    response = client.post(
        "/api/v1/auth/login", json={"email": "demo@example.com", "password": password}
    )
    assert response.status_code == 200, response.json
    return {"Authorization": f"Bearer {response.json['data']['token']}"}


def test_sample_data_for_the_demo_user(app, client, conn):
    result = invoke(app)
    assert "Seeded 1 user(s): 14 activities, 25200 HR samples." in result.output
    headers = login(client, result.output)
    assert count(conn, "user_summary") == 30
    assert count(conn, "daily_readiness") == 30
    assert count(conn, "training_load_tracking") == 30
    assert count(conn, "heart_rate_samples") == 14 * 1800
    plans = client.get("/api/v1/garmin/plans", headers=headers).json["data"]
    assert plans["count"] == 1
    assert plans["items"][0]["workout_count"] == 8
    assert plans["items"][0]["completed_count"] == 5
    profile = client.get("/api/v1/garmin/profile", headers=headers).json["data"]
    assert len(profile["heart_rate_zones"]) == 5
    types = {
        row["activity_type"]
        for row in conn.execute("SELECT activity_type FROM aiapp_nonprod.activities").fetchall()
    }
    assert {"running", "cycling", "swimming"} <= types
    # Re-running updates the same rows (and gives the demo account a new password).
    again = invoke(app)
    login(client, again.output)
    assert count(conn, "activities") == 14
    assert count(conn, "heart_rate_samples") == 14 * 1800


def test_scaled_sample_and_reset(app, conn):
    invoke(app, "--users", "2", "--days", "40")
    assert count(conn, "user_summary") == 80
    yearly_share = count(conn, "activities")
    assert 2 <= yearly_share <= 40  # ~150 activities a year
    assert count(conn, "heart_rate_samples") == yearly_share * 1800
    conn.execute(
        "INSERT INTO aiapp_nonprod.sync_history (customer_id, sync_type)"
        " SELECT customer_id, 'full' FROM aiapp.users LIMIT 1"
    )
    result = invoke(app, "--reset", "--days", "14")
    assert "Emptied the Garmin tables." in result.output
    assert count(conn, "sync_history") == 0
    assert count(conn, "user_summary") == 14
    assert conn.execute("SELECT count(*) AS n FROM aiapp.users").fetchone()["n"] == 2


def test_reset_refuses_production(make_app, conn):
    production = make_app(APP_ENV="production")
    result = production.test_cli_runner().invoke(args=["seed", "sample", "--reset"])
    assert result.exit_code != 0
    assert "Refusing to --reset" in result.output
    assert conn.execute("SELECT count(*) AS n FROM aiapp.users").fetchone()["n"] == 0


def test_sample_rejects_too_few_days(app, conn):
    result = app.test_cli_runner().invoke(args=["seed", "sample", "--days", "3"])
    assert result.exit_code == 2
    assert "--days" in result.output
    assert conn.execute("SELECT count(*) AS n FROM aiapp.users").fetchone()["n"] == 0
