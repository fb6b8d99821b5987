"""What the database reads from a lab's text, seen through HTTP: the number and comparator of a
result, the band of a reference range, and the out-of-range flag."""

import pytest


@pytest.fixture(autouse=True)
def hand_made_catalogue(conn):
    """These tests build the catalogue they need by hand: start from an empty one, not the
    shipped markers (tests/test_blood_catalogue.py covers those)."""
    conn.execute("DELETE FROM blood.test_definitions")


BASE = "/api/v1/blood"


@pytest.fixture
def glucose(conn):
    conn.execute(
        "INSERT INTO blood.test_definitions (category, test_name) VALUES ('Metabolic', 'Glucose')"
    )


def read_back(client, account, value, reference_range):
    """Store one result, then read it back from GET /latest."""
    saved = client.post(
        f"{BASE}/tests",
        headers=account.headers,
        json={
            "test_date": "2024-05-01",
            "results": [
                {"test_name": "Glucose", "result_value": value, "reference_range": reference_range}
            ],
        },
    )
    assert saved.status_code == 200, saved.json
    (latest,) = client.get(f"{BASE}/latest", headers=account.headers).json["data"]
    # The first result of a test: nothing before it to compare with.
    assert (latest.pop("previous"), latest.pop("change"), latest.pop("change_percent")) == (
        None,
        None,
        None,
    )
    assert latest == saved.json["data"][0]
    return latest


@pytest.mark.parametrize(
    ("value", "number", "comparator"),
    [
        ("5.2", 5.2, None),
        ("<0.5", 0.5, "<"),
        ("< 0.5", 0.5, "<"),
        (">=90", 90, ">="),
        ("1,5", 1.5, None),  # decimal comma, as Polish labs write it
        ("-3", -3, None),
        ("negative", None, None),
        ("5.2.1", None, None),
        ("abc5", None, None),
    ],
)
def test_result_number_and_comparator(client, alice, glucose, value, number, comparator):
    read = read_back(client, alice, value, None)
    assert read["result_value"] == value
    assert (read["result_numeric"], read["result_comparator"]) == (number, comparator)


@pytest.mark.parametrize(
    ("reference_range", "low", "high"),
    [
        ("3.5-5.0", 3.5, 5.0),
        ("3.5 - 5.0", 3.5, 5.0),
        ("3,5-5,0", 3.5, 5.0),
        ("3.5\u20135.0", 3.5, 5.0),  # en dash
        ("<200", None, 200),
        ("<=200", None, 200),
        (">40", 40, None),
        ("-2 - 2", -2, 2),
        ("garbage", None, None),
        ("5.0-3.5", None, None),  # low above high
        ("40", None, None),
        (None, None, None),
    ],
)
def test_reference_range_band(client, alice, glucose, reference_range, low, high):
    read = read_back(client, alice, "4", reference_range)
    assert read["reference_range"] == reference_range
    assert (read["reference_low"], read["reference_high"]) == (low, high)


@pytest.mark.parametrize(
    ("value", "reference_range", "flag"),
    [
        ("4.2", "3.5-5.0", "normal"),
        ("3.5", "3.5-5.0", "normal"),  # bounds are inclusive
        ("5.0", "3.5-5.0", "normal"),
        ("3.4", "3.5-5.0", "low"),
        ("5.1", "3.5 - 5.0", "high"),
        ("250", "<200", "high"),
        ("150", "<200", "normal"),
        ("45", ">40", "normal"),
        ("30", ">40", "low"),
        ("<0.5", "1.0-5.0", "low"),  # below the band whatever its true value
        ("<0.5", "0.3-5.0", None),  # could be either side of 0.3
        ("<5", "<200", "normal"),
        (">300", "<200", "high"),
        (">300", "1-500", None),
        ("negative", "1-2", None),
        ("3", "garbage", None),
        ("3", None, None),
    ],
)
def test_out_of_range_flag(client, alice, glucose, value, reference_range, flag):
    read = read_back(client, alice, value, reference_range)
    assert read["result_flag"] == flag
    assert read["out_of_range"] == (None if flag is None else flag != "normal")
