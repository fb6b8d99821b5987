"""POST /sessions/search (substrings in any letter case, whole words first, any language) and
the indexes behind the list, search and file-audit queries."""

import pytest

from app.db import BOOK
from tests.helpers import assert_error
from tests.test_chat_helpers import CHAT, store


def search(client, account, text, **body):
    response = client.post(
        f"{CHAT}/sessions/search", headers=account.headers, json={"search_text": text, **body}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json["data"]


def test_finds_a_polish_word_and_ranks_more_hits_first(client, alice):
    once = store(client, alice, "Mój żółw je sałatę.", session_name="Raz")["session_id"]
    twice = store(
        client, alice, "Czy żółw lubi ogórki?", ai="Tak, żółw je ogórki.", session_name="Dwa"
    )["session_id"]
    store(client, alice, "Pies biega po parku.", session_name="Inny")
    found = search(client, alice, "żółw")
    assert [s["session_id"] for s in found["sessions"]] == [twice, once]
    assert found["count"] == 2
    best = found["sessions"][0]
    assert best["match_count"] == 2
    assert best["rank"] > found["sessions"][1]["rank"]
    assert "<b>żółw</b>" in best["snippet"]
    assert best["session_name"] == "Dwa"
    assert "search_vector" not in best


def test_finds_session_character_and_group_names(client, alice):
    by_name = store(client, alice, "x", session_name="Holiday planning")["session_id"]
    by_character = store(client, alice, "y", ai_character_name="gandalf")["session_id"]
    in_group = store(client, alice, "z")["session_id"]
    group = client.post(
        f"{CHAT}/groups",
        headers=alice.headers,
        json={"name": "Detectives club", "mode": "sequential", "agents": ["sherlock", "poirot"]},
    ).json["data"]
    client.patch(
        f"{CHAT}/sessions",
        headers=alice.headers,
        json={"session_id": in_group, "group_id": group["group_id"]},
    )
    assert [s["session_id"] for s in search(client, alice, "holiday")["sessions"]] == [by_name]
    assert [s["session_id"] for s in search(client, alice, "Gandalf")["sessions"]] == [by_character]
    hit = search(client, alice, "detectives")["sessions"]
    assert [(s["session_id"], s["group_name"]) for s in hit] == [(in_group, "Detectives club")]
    assert hit[0]["match_count"] == 0
    assert "<b>Detectives</b>" in hit[0]["snippet"]


def test_substrings_and_prefixes_in_any_letter_case(client, alice):
    pizza = store(client, alice, "We baked a Pizza Margherita.", session_name="Dinner")
    bread = store(client, alice, "Fresh bread from the oven.", session_name="Bakery")
    assert [s["session_id"] for s in search(client, alice, "pizz")["sessions"]] == [
        pizza["session_id"]
    ]
    assert [s["session_id"] for s in search(client, alice, "PIZZA marg")["sessions"]] == [
        pizza["session_id"]
    ]
    assert search(client, alice, "breads")["sessions"] == []
    assert search(client, alice, "rea")["sessions"][0]["session_id"] == bread["session_id"]
    assert "<b>Pizz</b>" in search(client, alice, "pizz")["sessions"][0]["snippet"]
    # Wildcards are literal: '%' and '_' match only themselves.
    assert search(client, alice, "%")["sessions"] == []
    assert search(client, alice, "b_ead")["sessions"] == []


def test_whole_words_rank_above_partial_ones(client, alice):
    partial = [
        store(client, alice, "catalogue " * 3, ai="catalogue again", session_name=f"p{n}")
        for n in range(2)
    ]
    exact = store(client, alice, "my cat sleeps", session_name="exact")
    found = search(client, alice, "cat")["sessions"]
    assert found[0]["session_id"] == exact["session_id"]
    assert {s["session_id"] for s in found[1:]} == {p["session_id"] for p in partial}
    assert found[0]["rank"] >= 1.5 > 1 > found[1]["rank"] >= 0.5


def test_limit_and_text_without_hits(client, alice):
    for n in range(3):
        store(client, alice, f"apple pie number {n}", session_name=f"s{n}")
    store(client, alice, "apple cider", session_name="cider")
    assert search(client, alice, "apple", limit=2)["count"] == 2
    assert search(client, alice, "pie number")["count"] == 3
    assert search(client, alice, "cider apple")["count"] == 0
    assert search(client, alice, "???")["sessions"] == []


def test_no_search_text_lists_the_newest_sessions_like_the_original(client, alice):
    older = store(client, alice, "first", session_name="older")["session_id"]
    newer = store(client, alice, "second", session_name="newer")["session_id"]
    for body in ({}, {"search_text": None}, {"search_text": "  "}):
        response = client.post(f"{CHAT}/sessions/search", headers=alice.headers, json=body)
        assert response.status_code == 200, response.json
        assert [s["session_id"] for s in response.json["data"]["sessions"]] == [newer, older]


def test_another_users_sessions_are_never_found(client, alice, bob):
    store(client, alice, "tajemnica", session_name="tajemnica")
    assert search(client, bob, "tajemnica") == {"sessions": [], "count": 0}
    assert_error(client.post(f"{CHAT}/sessions/search", json={"search_text": "x"}), 401)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"search_text": "x" * 501}, "search_text"),
        ({"search_text": 7}, "search_text"),
        ({"search_text": "x", "limit": 500}, "limit"),
        ({"searchText": "x", "limit": "many"}, "limit"),
    ],
)
def test_bad_search_is_400(client, alice, body, field):
    response = client.post(f"{CHAT}/sessions/search", headers=alice.headers, json=body)
    assert_error(response, 400, field)


def test_camel_case_search_text_is_accepted(client, alice):
    store(client, alice, "camel", session_name="camel")
    response = client.post(
        f"{CHAT}/sessions/search", headers=alice.headers, json={"searchText": "camel"}
    )
    assert response.json["data"]["count"] == 1


# -- the plans: with sequential scans priced out, each query must have an index to use


def plan(conn, name, params):
    conn.execute("SET search_path = aiapp")
    conn.execute("SET enable_seqscan = off")
    text = BOOK[name].text
    lines = conn.execute(f"EXPLAIN {text}", params).fetchall()
    return "\n".join(line["QUERY PLAN"] for line in lines)


LIST_PARAMS = {
    "start_date": None,
    "end_date": None,
    "tags": ["work"],
    "ai_character_name": None,
    "task_status": None,
    "task_priority": None,
    "page_offset": 0,
    "page_limit": 30,
    "include_messages": False,
}


def test_the_tag_filter_uses_its_index_when_tags_are_selective(alice, conn):
    conn.execute(
        "INSERT INTO aiapp.chat_sessions (customer_id, tags, task_status)"
        " SELECT %s, CASE WHEN n %% 500 = 0 THEN '[\"Work\"]' ELSE '[\"misc\"]' END::jsonb,"
        " 'active' FROM generate_series(1, 5000) AS n",
        (alice.customer_id,),
    )
    conn.execute("ANALYZE aiapp.chat_sessions")
    params = {**LIST_PARAMS, "customer_id": alice.customer_id}
    assert "chat_sessions_tags_idx" in plan(conn, "chat/list_sessions", params)
    untagged = plan(conn, "chat/list_sessions", {**params, "tags": None})
    assert "chat_sessions_customer_last_update_idx" in untagged


def test_search_and_the_file_audit_use_their_indexes(client, alice, bob, conn):
    session_id = store(client, alice, "first", session_name="Volume")["session_id"]
    conn.execute(
        "INSERT INTO aiapp.chat_messages (session_id, customer_id, sender, message, file_locations)"
        " SELECT %s, %s, 'User', CASE WHEN n %% 500 = 0 THEN 'the needle' ELSE 'hay ' || n END,"
        " CASE WHEN n %% 500 = 0 THEN '[\"report.pdf\"]' ELSE '[]' END::jsonb"
        " FROM generate_series(1, 5000) AS n",
        (session_id, alice.customer_id),
    )
    # Another user's messages, so that the customer filter alone is not selective.
    other = store(client, bob, "elsewhere")["session_id"]
    conn.execute(
        "INSERT INTO aiapp.chat_messages (session_id, customer_id, sender, message)"
        " SELECT %s, %s, 'User', 'straw ' || n FROM generate_series(1, 30000) AS n",
        (other, bob.customer_id),
    )
    conn.execute("ANALYZE aiapp.chat_messages")
    searched = plan(
        conn,
        "chat/search_sessions",
        {"customer_id": alice.customer_id, "search_text": "needle", "page_limit": 5},
    )
    assert "chat_messages_message_trgm_idx" in searched
    audited = plan(
        conn,
        "chat/list_file_messages",
        {
            "customer_id": alice.customer_id,
            "older_then_date": None,
            "younger_then_date": None,
            "exact_filename": None,
            "ai_only": False,
            "file_extension": ".pdf",
            "check_image_locations": False,
            "page_offset": 0,
            "page_limit": 30,
        },
    )
    assert "chat_messages_attachment_idx" in audited
