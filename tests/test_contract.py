"""The OpenAPI document is the contract: every operation it lists is called with valid input,
against data this test creates first (users, a chat session and its messages, a blood panel,
a fighter, a family with habits, a patient with a twin, Garmin datasets and a training
plan ...), and each answer is validated by schemathesis against the schema the document
declares for its status. A field that drifts from its schema fails here.

The calls run in the order of CALLS: creates first, then reads and changes, deletes and the
operations that end a token or an account last. NOT_DRIVEN lists the few operations this test
cannot call with a valid request, with the reason; every other operation must be in CALLS.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import werkzeug.test

from tests.garmin_training_helpers import activity
from tests.helpers import TEST_PASSWORD, Account
from tests.test_garmin_ingest import SAMPLES

FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "fit"
METRICS_TOKEN = "contract-metrics-token"
Ctx = dict[str, Any]
Value = Any | Callable[[Ctx], Any]


@dataclass
class Call:
    """One request: the document's method and path, who sends it, what, and what to keep."""

    method: str
    path: str
    json: Value = None
    query: Value = None
    params: Value = field(default_factory=dict)  # path parameters, by name
    who: str = "user"  # user, admin, none, metrics, or a key of the context holding an Account
    status: int = 200
    save: Callable[[Ctx, Any], None] | None = None  # (context, the answer's JSON)
    raw: Callable[[Ctx], dict[str, Any]] | None = None  # client keyword arguments instead of json


def _v(value: Value, ctx: Ctx) -> Any:
    return value(ctx) if callable(value) else value


def keep(**names: Callable[[Any], Any]) -> Callable[[Ctx, Any], None]:
    """save= for a Call: each name gets what its function reads from the answer."""

    def save(ctx: Ctx, body: Any) -> None:
        for name, read in names.items():
            ctx[name] = read(body)

    return save


DAY = "2024-06-13"
A = "/api/v1"
GARMIN_DATASETS = {route: item for route, _table, item in SAMPLES.values()}
FIGHTER = {"name": "Contract Fighter", "ufc_url": "https://ufc.example/contract", "tags": ["x"]}
SUMMARY = {
    "summary": "We talked about the plan.",
    "key_topics": ["plan"],
    "main_entities": ["Ann"],
    "message_count": 2,
    "first_message_date": "2024-06-13T10:00:00Z",
    "last_message_date": "2024-06-13T10:05:00Z",
    "summary_model": "model-x",
    "summary_config_version": 1,
}

CALLS: list[Call] = [
    Call("GET", "/health", who="none"),
    Call("GET", "/ready", who="none"),
    Call("GET", "/metrics", who="metrics"),
    # Auth
    Call(
        "POST",
        f"{A}/auth/register",
        json={"email": "dora@example.com", "password": TEST_PASSWORD, "display_name": "Dora"},
        who="none",
        status=201,
    ),
    Call(
        "POST",
        f"{A}/auth/login",
        json={"email": "dora@example.com", "password": TEST_PASSWORD},
        who="none",
        save=keep(dora_token=lambda b: b["data"]["token"]),
    ),
    Call("GET", f"{A}/auth/me"),
    Call("PATCH", f"{A}/auth/me", json={"display_name": "Alice", "sex": "female"}),
    Call("GET", f"{A}/auth/user-exists", query={"email": "alice@example.com"}, who="none"),
    Call(
        "POST",
        f"{A}/auth/me/password",
        json=lambda c: {"old_password": TEST_PASSWORD, "new_password": TEST_PASSWORD + "!"},
    ),
    Call("GET", f"{A}/auth/me/export"),
    Call("GET", f"{A}/auth/admin/users", who="admin"),
    Call(
        "POST",
        f"{A}/auth/admin/users/{{customer_id}}/admin",
        who="admin",
        params=lambda c: {"customer_id": c["carol"].customer_id},
    ),
    Call(
        "DELETE",
        f"{A}/auth/admin/users/{{customer_id}}/admin",
        who="admin",
        params=lambda c: {"customer_id": c["carol"].customer_id},
    ),
    Call(
        "POST",
        f"{A}/auth/admin/users/{{customer_id}}/password-reset",
        who="admin",
        params=lambda c: {"customer_id": c["carol"].customer_id},
        save=keep(reset_code=lambda b: b["data"]["reset_code"]),
    ),
    Call(
        "POST",
        f"{A}/auth/password-reset",
        who="none",
        json=lambda c: {
            "email": c["carol"].email,
            "code": c["reset_code"],
            "new_password": "a brand new one",
        },
    ),
    Call(
        "POST",
        f"{A}/auth/admin/users/{{customer_id}}/disable",
        who="admin",
        params=lambda c: {"customer_id": c["carol"].customer_id},
    ),
    Call(
        "POST",
        f"{A}/auth/admin/users/{{customer_id}}/enable",
        who="admin",
        params=lambda c: {"customer_id": c["carol"].customer_id},
    ),
    Call(
        "GET",
        f"{A}/auth/admin/users/{{customer_id}}/export",
        who="admin",
        params=lambda c: {"customer_id": c["carol"].customer_id},
    ),
    Call("GET", f"{A}/auth/admin/audit", who="admin"),
    # Chat: messages and sessions
    Call(
        "POST",
        f"{A}/chat/messages",
        json={
            "user_message": {
                "message": "hello there",
                "file_locations": ["doc.pdf"],
                "favorite": True,
            },
            "ai_response": {"message": "general kenobi"},
            "session_name": "Contract chat",
            "tags": ["work"],
        },
        save=keep(
            session_id=lambda b: b["data"]["session_id"],
            user_message_id=lambda b: b["data"]["user_message_id"],
        ),
    ),
    Call(
        "PATCH",
        f"{A}/chat/messages",
        json=lambda c: {
            "session_id": c["session_id"],
            "user_message": {"message_id": c["user_message_id"], "message": "hello again"},
        },
    ),
    Call(
        "PUT",
        f"{A}/chat/messages",
        json=lambda c: {"message_id": c["user_message_id"], "patch": {"ai_reasoning": "because"}},
    ),
    Call("POST", f"{A}/chat/sessions/list", json={"limit": 10}),
    Call(
        "POST",
        f"{A}/chat/sessions/detail",
        json=lambda c: {"session_id": c["session_id"], "include_messages": True},
    ),
    Call("POST", f"{A}/chat/sessions/search", json={"search_text": "hello"}),
    Call(
        "PATCH",
        f"{A}/chat/sessions",
        json=lambda c: {
            "session_id": c["session_id"],
            "session_name": "Renamed",
            "task_status": "active",
        },
    ),
    Call(
        "POST",
        f"{A}/chat/sessions/create-task",
        json={
            "task_description": "Write the report",
            "task_priority": "high",
            "ai_character_name": "sherlock",
        },
        save=keep(task_session_id=lambda b: b["data"]["session"]["session_id"]),
    ),
    Call(
        "PUT",
        f"{A}/chat/sessions/{{session_id}}/summary",
        json=SUMMARY,
        params=lambda c: {"session_id": c["session_id"]},
    ),
    Call(
        "GET",
        f"{A}/chat/sessions/{{session_id}}/summary",
        params=lambda c: {"session_id": c["session_id"]},
    ),
    Call("GET", f"{A}/chat/summaries/stale", query={"min_messages": 1}),
    Call("GET", f"{A}/chat/maintenance/favorites"),
    Call("POST", f"{A}/chat/maintenance/files", json={}),
    Call(
        "POST",
        f"{A}/chat/auth/login",
        who="none",
        json={"email": "dora@example.com", "password": TEST_PASSWORD},
    ),
    Call("POST", f"{A}/chat/legacy", json={"action": "db_get_all_prompts", "user_input": {}}),
    Call(
        "DELETE",
        f"{A}/chat/messages",
        json=lambda c: {"session_id": c["session_id"], "message_ids": [c["user_message_id"]]},
    ),
    # Chat: prompts
    Call(
        "POST",
        f"{A}/chat/prompts",
        json={"title": "Greeting", "prompt": "Say hi"},
        save=keep(prompt_id=lambda b: b["data"]["prompt_id"]),
    ),
    Call("GET", f"{A}/chat/prompts"),
    Call("POST", f"{A}/chat/prompts/list", json={}),
    Call(
        "PUT", f"{A}/chat/prompts", json=lambda c: {"prompt_id": c["prompt_id"], "title": "Hello"}
    ),
    Call(
        "PUT",
        f"{A}/chat/prompts/{{prompt_id}}",
        json={"prompt": "Say hello"},
        params=lambda c: {"prompt_id": c["prompt_id"]},
    ),
    Call(
        "POST",
        f"{A}/chat/prompts",
        json={"title": "Second", "prompt": "Two"},
        save=keep(prompt_2=lambda b: b["data"]["prompt_id"]),
    ),
    Call(
        "DELETE", f"{A}/chat/prompts/{{prompt_id}}", params=lambda c: {"prompt_id": c["prompt_2"]}
    ),
    Call("DELETE", f"{A}/chat/prompts", json=lambda c: {"prompt_id": c["prompt_id"]}),
    # Chat: groups, enveloped and in the original's shapes
    Call(
        "POST",
        f"{A}/chat/groups",
        json={"name": "Team", "mode": "sequential", "agents": ["sherlock", "watson"]},
        save=keep(group_id=lambda b: b["data"]["group_id"]),
    ),
    Call("GET", f"{A}/chat/groups"),
    Call("GET", f"{A}/chat/groups/{{group_id}}", params=lambda c: {"group_id": c["group_id"]}),
    Call(
        "PATCH",
        f"{A}/chat/groups/{{group_id}}",
        json={"name": "Team 2", "add_agents": ["moriarty"]},
        params=lambda c: {"group_id": c["group_id"]},
    ),
    Call(
        "PATCH",
        f"{A}/chat/groups/{{group_id}}/members",
        json={"remove_agents": ["moriarty"]},
        params=lambda c: {"group_id": c["group_id"]},
    ),
    Call(
        "GET",
        f"{A}/chat/groups/{{group_id}}/messages",
        params=lambda c: {"group_id": c["group_id"]},
    ),
    Call(
        "POST",
        f"{A}/chat/groups/sessions/{{session_id}}/convert-to-group",
        json={"agents": ["watson"], "mode": "sequential"},
        params=lambda c: {"session_id": c["task_session_id"]},
    ),
    Call("DELETE", f"{A}/chat/groups/{{group_id}}", params=lambda c: {"group_id": c["group_id"]}),
    Call(
        "POST",
        f"{A}/groups",
        json={"name": "Old", "mode": "explicit", "agents": ["sherlock", "watson"]},
        save=keep(original_group=lambda b: b["id"]),
    ),
    Call("GET", f"{A}/groups"),
    Call("GET", f"{A}/groups/{{group_id}}", params=lambda c: {"group_id": c["original_group"]}),
    Call(
        "PATCH",
        f"{A}/groups/{{group_id}}",
        json={"name": "Older"},
        params=lambda c: {"group_id": c["original_group"]},
    ),
    Call(
        "PATCH",
        f"{A}/groups/{{group_id}}/members",
        json={"add_agents": ["lestrade"]},
        params=lambda c: {"group_id": c["original_group"]},
    ),
    Call(
        "GET",
        f"{A}/groups/{{group_id}}/messages",
        params=lambda c: {"group_id": c["original_group"]},
    ),
    Call(
        "POST",
        f"{A}/chat/messages",
        json={"user_message": {"message": "to convert"}},
        save=keep(convert_session=lambda b: b["data"]["session_id"]),
    ),
    Call(
        "POST",
        f"{A}/groups/sessions/{{session_id}}/convert-to-group",
        json={"agents": ["watson"], "mode": "sequential"},
        params=lambda c: {"session_id": c["convert_session"]},
    ),
    Call("DELETE", f"{A}/groups/{{group_id}}", params=lambda c: {"group_id": c["original_group"]}),
    Call("DELETE", f"{A}/chat/sessions", json=lambda c: {"session_id": c["session_id"]}),
    # Blood
    Call(
        "POST",
        f"{A}/blood/tests",
        json={
            "test_date": DAY,
            "results": [
                {
                    "test_name": "Hemoglobin",
                    "result_value": "14.2",
                    "result_unit": "g/dL",
                    "reference_range": "12.0-15.5",
                },
                {"test_name": "My marker", "result_value": "3", "result_unit": "u"},
            ],
        },
    ),
    Call(
        "GET",
        f"{A}/blood/tests",
        save=keep(
            blood_test_id=lambda b: next(
                t["id"] for t in b["data"]["items"] if t["test_name"] != "My marker"
            ),
            own_definition=lambda b: next(
                t["test_definition_id"] for t in b["data"]["items"] if t["test_name"] == "My marker"
            ),
        ),
    ),
    Call(
        "PATCH",
        f"{A}/blood/tests/{{test_id}}",
        json={"result_value": "13.9"},
        params=lambda c: {"test_id": c["blood_test_id"]},
    ),
    Call("GET", f"{A}/blood/tests/{{test_name}}/history", params={"test_name": "Hemoglobin"}),
    Call("GET", f"{A}/blood/latest"),
    Call("GET", f"{A}/blood/definitions"),
    Call(
        "POST",
        f"{A}/blood/definitions",
        who="admin",
        status=201,
        json={
            "category": "Contract",
            "test_name": "Contract marker",
            "default_unit": "mg/L",
            "reference_low": 1,
            "reference_high": 5,
        },
        save=keep(definition_id=lambda b: b["data"]["id"]),
    ),
    Call(
        "PATCH",
        f"{A}/blood/definitions/{{definition_id}}",
        who="admin",
        json={"short_explanation": "A marker of contracts."},
        params=lambda c: {"definition_id": c["definition_id"]},
    ),
    Call(
        "POST",
        f"{A}/blood/definitions/{{definition_id}}/promote",
        who="admin",
        json={"category": "Promoted"},
        params=lambda c: {"definition_id": c["own_definition"]},
    ),
    Call("POST", f"{A}/blood/legacy", json={"action": "get_all_blood_tests", "user_input": {}}),
    Call(
        "DELETE", f"{A}/blood/tests/{{test_id}}", params=lambda c: {"test_id": c["blood_test_id"]}
    ),
    Call(
        "DELETE",
        f"{A}/blood/definitions/{{definition_id}}",
        who="admin",
        params=lambda c: {"definition_id": c["definition_id"]},
    ),
    # UFC
    Call(
        "POST",
        f"{A}/ufc/fighters",
        who="admin",
        json=FIGHTER,
        save=keep(fighter_id=lambda b: b["data"]["fighter_id"]),
    ),
    Call("GET", f"{A}/ufc/fighters"),
    Call(
        "PATCH",
        f"{A}/ufc/fighters/{{fighter_id}}",
        who="admin",
        json={"record": "10-1-0"},
        params=lambda c: {"fighter_id": c["fighter_id"]},
    ),
    Call(
        "POST",
        f"{A}/ufc/subscriptions/toggle",
        json=lambda c: {"fighter_id": c["fighter_id"], "subscribe": True},
    ),
    Call("GET", f"{A}/ufc/subscriptions/summaries"),
    Call("POST", f"{A}/ufc/fighters/queue", json={"full_name": "Bo Nickal"}),
    Call(
        "POST",
        f"{A}/ufc/fighters/queue/claim",
        who="admin",
        json={},
        save=keep(candidate_id=lambda b: b["data"]["id"]),
    ),
    Call(
        "POST",
        f"{A}/ufc/fighters/queue/{{candidate_id}}/failed",
        who="admin",
        json={"error": "no profile yet"},
        params=lambda c: {"candidate_id": c["candidate_id"]},
    ),
    Call("POST", f"{A}/ufc/fighters/queue", json={"full_name": "Ilia Topuria"}),
    Call(
        "POST",
        f"{A}/ufc/fighters/queue/claim",
        who="admin",
        json={},
        save=keep(candidate_2=lambda b: b["data"]["id"]),
    ),
    Call(
        "POST",
        f"{A}/ufc/fighters/queue/{{candidate_id}}/done",
        who="admin",
        params=lambda c: {"candidate_id": c["candidate_2"]},
    ),
    Call(
        "POST",
        f"{A}/ufc/auth/register",
        who="none",
        json={"email": "erin@example.com", "password": TEST_PASSWORD},
    ),
    Call(
        "POST",
        f"{A}/ufc/auth/login",
        who="none",
        json={"email": "erin@example.com", "password": TEST_PASSWORD},
    ),
    Call(
        "GET", f"{A}/ufc/users/{{email}}/exists", who="none", params={"email": "erin@example.com"}
    ),
    Call("GET", f"{A}/ufc/users/{{email}}", params={"email": "alice@example.com"}),
    # Habits
    Call(
        "POST",
        f"{A}/habits/families",
        json={"name": "Home"},
        status=201,
        save=keep(family_id=lambda b: b["data"]["family_id"]),
    ),
    Call("GET", f"{A}/habits/families"),
    Call(
        "GET", f"{A}/habits/families/{{family_id}}", params=lambda c: {"family_id": c["family_id"]}
    ),
    Call(
        "PATCH",
        f"{A}/habits/families/{{family_id}}",
        json={"name": "House"},
        params=lambda c: {"family_id": c["family_id"]},
    ),
    Call(
        "POST",
        f"{A}/habits/families/{{family_id}}/invitations",
        status=201,
        json=lambda c: {"email": c["bob"].email, "role": "member"},
        params=lambda c: {"family_id": c["family_id"]},
    ),
    Call(
        "POST",
        f"{A}/habits/families/{{family_id}}/accept",
        who="bob",
        params=lambda c: {"family_id": c["family_id"]},
    ),
    Call(
        "PATCH",
        f"{A}/habits/families/{{family_id}}/members/{{member_id}}",
        json={"role": "admin"},
        params=lambda c: {"family_id": c["family_id"], "member_id": c["bob"].customer_id},
    ),
    Call(
        "POST",
        f"{A}/habits/habits",
        status=201,
        json=lambda c: {
            "family_id": c["family_id"],
            "name": "Read",
            "habit_type": "duration",
            "target_value": 20,
            "target_unit": "minutes",
        },
        save=keep(habit_id=lambda b: b["data"]["habit_id"]),
    ),
    Call("GET", f"{A}/habits/habits"),
    Call("GET", f"{A}/habits/habits/{{habit_id}}", params=lambda c: {"habit_id": c["habit_id"]}),
    Call(
        "PATCH",
        f"{A}/habits/habits/{{habit_id}}",
        json={"description": "Books"},
        params=lambda c: {"habit_id": c["habit_id"]},
    ),
    Call(
        "POST",
        f"{A}/habits/habits/{{habit_id}}/logs",
        json={"log_date": DAY, "value": 25},
        params=lambda c: {"habit_id": c["habit_id"]},
        save=keep(log_id=lambda b: b["data"]["log_id"]),
    ),
    Call(
        "GET", f"{A}/habits/habits/{{habit_id}}/logs", params=lambda c: {"habit_id": c["habit_id"]}
    ),
    Call(
        "GET",
        f"{A}/habits/habits/{{habit_id}}/streak",
        query={"on": DAY},
        params=lambda c: {"habit_id": c["habit_id"]},
    ),
    Call(
        "GET",
        f"{A}/habits/families/{{family_id}}/today",
        query={"on": DAY},
        params=lambda c: {"family_id": c["family_id"]},
    ),
    Call(
        "POST",
        f"{A}/habits/routines",
        status=201,
        json=lambda c: {
            "name": "Evening",
            "time_of_day": "evening",
            "habit_ids": [c["habit_id"]],
            "family_id": c["family_id"],
        },
        save=keep(routine_id=lambda b: b["data"]["routine_id"]),
    ),
    Call("GET", f"{A}/habits/routines"),
    Call(
        "GET",
        f"{A}/habits/routines/{{routine_id}}",
        params=lambda c: {"routine_id": c["routine_id"]},
    ),
    Call(
        "PATCH",
        f"{A}/habits/routines/{{routine_id}}",
        json={"name": "Night"},
        params=lambda c: {"routine_id": c["routine_id"]},
    ),
    Call(
        "GET",
        f"{A}/habits/routines/{{routine_id}}/versions",
        params=lambda c: {"routine_id": c["routine_id"]},
    ),
    Call(
        "DELETE",
        f"{A}/habits/routines/{{routine_id}}",
        params=lambda c: {"routine_id": c["routine_id"]},
    ),
    Call(
        "POST",
        f"{A}/habits/routines/{{routine_id}}/restore",
        params=lambda c: {"routine_id": c["routine_id"]},
    ),
    Call("DELETE", f"{A}/habits/logs/{{log_id}}", params=lambda c: {"log_id": c["log_id"]}),
    Call("POST", f"{A}/habits/logs/{{log_id}}/restore", params=lambda c: {"log_id": c["log_id"]}),
    Call("DELETE", f"{A}/habits/habits/{{habit_id}}", params=lambda c: {"habit_id": c["habit_id"]}),
    Call(
        "POST",
        f"{A}/habits/habits/{{habit_id}}/restore",
        params=lambda c: {"habit_id": c["habit_id"]},
    ),
    Call(
        "DELETE",
        f"{A}/habits/families/{{family_id}}/members/{{member_id}}",
        params=lambda c: {"family_id": c["family_id"], "member_id": c["bob"].customer_id},
    ),
    Call(
        "POST",
        f"{A}/habits/families",
        json={"name": "Club"},
        status=201,
        save=keep(club_id=lambda b: b["data"]["family_id"]),
    ),
    Call(
        "POST",
        f"{A}/habits/families/{{family_id}}/invitations",
        status=201,
        json=lambda c: {"email": c["bob"].email, "role": "member"},
        params=lambda c: {"family_id": c["club_id"]},
    ),
    Call(
        "POST",
        f"{A}/habits/families/{{family_id}}/leave",
        who="bob",
        params=lambda c: {"family_id": c["club_id"]},
    ),
    Call(
        "POST",
        f"{A}/habits/families/{{family_id}}/invitations",
        status=201,
        json={"email": "nobody@example.com", "role": "child"},
        params=lambda c: {"family_id": c["club_id"]},
    ),
    Call(
        "DELETE",
        f"{A}/habits/families/{{family_id}}/invitations",
        query={"email": "NOBODY@example.com"},
        params=lambda c: {"family_id": c["club_id"]},
    ),
    Call(
        "DELETE",
        f"{A}/habits/families/{{family_id}}",
        params=lambda c: {"family_id": c["family_id"]},
    ),
    Call(
        "POST",
        f"{A}/habits/families/{{family_id}}/restore",
        params=lambda c: {"family_id": c["family_id"]},
    ),
    # Clinical
    Call(
        "POST",
        f"{A}/clinical/patients",
        status=201,
        json={
            "medical_record_number": "MRN-1",
            "first_name": "Pat",
            "last_name": "Lee",
            "date_of_birth": "1980-02-03",
            "sex": "female",
            "email": "pat@example.com",
        },
        save=keep(patient_id=lambda b: b["data"]["patient_id"]),
    ),
    Call("GET", f"{A}/clinical/patients"),
    Call(
        "GET",
        f"{A}/clinical/patients/{{patient_id}}",
        params=lambda c: {"patient_id": c["patient_id"]},
    ),
    Call(
        "PATCH",
        f"{A}/clinical/patients/{{patient_id}}",
        json={"phone": None},
        params=lambda c: {"patient_id": c["patient_id"]},
    ),
    Call(
        "POST",
        f"{A}/clinical/patients/{{patient_id}}/twins",
        status=201,
        json={"type": "physiological", "name": "Heart", "data": {"model": "v1"}},
        params=lambda c: {"patient_id": c["patient_id"]},
        save=keep(twin_id=lambda b: b["data"]["twin_id"]),
    ),
    Call(
        "GET",
        f"{A}/clinical/patients/{{patient_id}}/twins",
        params=lambda c: {"patient_id": c["patient_id"]},
    ),
    Call(
        "GET",
        f"{A}/clinical/patients/{{patient_id}}/twins/{{twin_id}}",
        params=lambda c: {"patient_id": c["patient_id"], "twin_id": c["twin_id"]},
    ),
    Call(
        "PATCH",
        f"{A}/clinical/patients/{{patient_id}}/twins/{{twin_id}}",
        json={"description": "Cardiac model"},
        params=lambda c: {"patient_id": c["patient_id"], "twin_id": c["twin_id"]},
    ),
    Call(
        "POST",
        f"{A}/clinical/patients/{{patient_id}}/twins/{{twin_id}}/interactions",
        status=201,
        json={"interaction_type": "query", "payload": {"q": "risk?"}},
        params=lambda c: {"patient_id": c["patient_id"], "twin_id": c["twin_id"]},
    ),
    Call(
        "GET",
        f"{A}/clinical/patients/{{patient_id}}/twins/{{twin_id}}/interactions",
        params=lambda c: {"patient_id": c["patient_id"], "twin_id": c["twin_id"]},
    ),
    Call(
        "GET",
        f"{A}/clinical/patients/{{patient_id}}/interactions",
        params=lambda c: {"patient_id": c["patient_id"]},
    ),
    Call(
        "POST",
        f"{A}/clinical/patients/{{patient_id}}/biometrics",
        status=201,
        json={"type": "heart_rate", "value": {"bpm": 61}, "recorded_at": "2024-06-13T07:00:00Z"},
        params=lambda c: {"patient_id": c["patient_id"]},
        save=keep(biometric_id=lambda b: b["data"]["biometric_id"]),
    ),
    Call(
        "GET",
        f"{A}/clinical/patients/{{patient_id}}/biometrics",
        params=lambda c: {"patient_id": c["patient_id"]},
    ),
    Call(
        "GET",
        f"{A}/clinical/patients/{{patient_id}}/biometrics/{{biometric_id}}",
        params=lambda c: {"patient_id": c["patient_id"], "biometric_id": c["biometric_id"]},
    ),
    Call(
        "PUT",
        f"{A}/clinical/patients/{{patient_id}}/biometrics/{{biometric_id}}",
        json={"type": "heart_rate", "value": {"bpm": 62}, "recorded_at": "2024-06-13T07:00:00Z"},
        params=lambda c: {"patient_id": c["patient_id"], "biometric_id": c["biometric_id"]},
    ),
    Call(
        "POST",
        f"{A}/clinical/patients/{{patient_id}}/alerts",
        status=201,
        json={"type": "biometric", "priority": "high", "message": "Heart rate high"},
        params=lambda c: {"patient_id": c["patient_id"]},
        save=keep(alert_id=lambda b: b["data"]["alert_id"]),
    ),
    Call(
        "GET",
        f"{A}/clinical/patients/{{patient_id}}/alerts",
        params=lambda c: {"patient_id": c["patient_id"]},
    ),
    Call(
        "GET",
        f"{A}/clinical/patients/{{patient_id}}/alerts/{{alert_id}}",
        params=lambda c: {"patient_id": c["patient_id"], "alert_id": c["alert_id"]},
    ),
    Call(
        "PATCH",
        f"{A}/clinical/patients/{{patient_id}}/alerts/{{alert_id}}",
        json={"status": "acknowledged"},
        params=lambda c: {"patient_id": c["patient_id"], "alert_id": c["alert_id"]},
    ),
    Call(
        "GET",
        f"{A}/clinical/patients/{{patient_id}}/access-log",
        params=lambda c: {"patient_id": c["patient_id"]},
    ),
    Call(
        "DELETE",
        f"{A}/clinical/patients/{{patient_id}}/biometrics/{{biometric_id}}",
        params=lambda c: {"patient_id": c["patient_id"], "biometric_id": c["biometric_id"]},
    ),
    Call(
        "DELETE",
        f"{A}/clinical/patients/{{patient_id}}/twins/{{twin_id}}",
        params=lambda c: {"patient_id": c["patient_id"], "twin_id": c["twin_id"]},
    ),
    Call(
        "DELETE",
        f"{A}/clinical/patients/{{patient_id}}",
        params=lambda c: {"patient_id": c["patient_id"]},
    ),
    # Garmin datasets: one ingest and one read each
    *[
        call
        for route, item in GARMIN_DATASETS.items()
        for call in (
            Call("POST", f"{A}/garmin/{route}", json={"items": [item]}),
            Call(
                "GET",
                f"{A}/garmin/{route}",
                query={"start_date": "2024-06-01", "end_date": "2024-06-30"},
            ),
        )
    ],
    Call(
        "POST",
        f"{A}/garmin/activity-gps",
        json={"items": [{"activity_id": 15774991090, "gps_data": [{"lat": 41.98, "lon": 2.82}]}]},
    ),
    Call("GET", f"{A}/garmin/activity-gps", query={"activity_id": 15774991090}),
    Call("GET", f"{A}/garmin/status"),
    Call(
        "GET",
        f"{A}/garmin/analysis/overview",
        query={"start_date": "2024-06-01", "end_date": "2024-06-30"},
    ),
    Call("GET", f"{A}/garmin/activity/{{activity_id}}", params={"activity_id": 15774991090}),
    Call(
        "GET", f"{A}/garmin/activity/{{activity_id}}/weather", params={"activity_id": 15774991090}
    ),
    Call(
        "GET", f"{A}/garmin/activity/{{activity_id}}/hr-zones", params={"activity_id": 15774991090}
    ),
    Call(
        "POST",
        f"{A}/garmin/fit",
        raw=lambda c: {
            "data": {
                "file": [
                    (
                        io.BytesIO((FIXTURES / "activity-small-fenix2-run.fit").read_bytes()),
                        "run.fit",
                    )
                ]
            },
            "content_type": "multipart/form-data",
        },
        save=keep(fit_activity=lambda b: b["data"]["items"][0]["activity"]["activity_id"]),
    ),
    Call(
        "GET",
        f"{A}/garmin/fit/{{activity_id}}",
        params=lambda c: {"activity_id": c["fit_activity"]},
    ),
    # The training system
    Call(
        "PUT",
        f"{A}/garmin/profile",
        json={"resting_heart_rate": 50, "max_heart_rate": 190, "gender": "female"},
    ),
    Call("GET", f"{A}/garmin/profile"),
    Call(
        "POST",
        f"{A}/garmin/activities",
        json={
            "items": [
                activity(31, date(2024, 6, 14), 90, activity_start_time="2024-06-14T07:00:00+00:00")
            ]
        },
    ),
    Call(
        "POST",
        f"{A}/garmin/activity/{{activity_id}}/hr-samples",
        params={"activity_id": 31},
        json={
            "timestamps": ["2024-06-14T07:00:00Z", "2024-06-14T07:00:01Z"],
            "heart_rates": [120, 121],
        },
    ),
    Call("GET", f"{A}/garmin/activity/{{activity_id}}/hr-samples", params={"activity_id": 31}),
    Call(
        "POST",
        f"{A}/garmin/plans",
        status=201,
        json={
            "name": "Summer 10k",
            "goal": "Sub-50",
            "start_date": "2024-06-01",
            "end_date": "2024-07-31",
        },
        save=keep(plan_id=lambda b: b["data"]["plan_id"]),
    ),
    Call("GET", f"{A}/garmin/plans"),
    Call("GET", f"{A}/garmin/plans/{{plan_id}}", params=lambda c: {"plan_id": c["plan_id"]}),
    Call(
        "PATCH",
        f"{A}/garmin/plans/{{plan_id}}",
        json={"goal": "Sub-48"},
        params=lambda c: {"plan_id": c["plan_id"]},
    ),
    Call(
        "POST",
        f"{A}/garmin/plans/{{plan_id}}/workouts",
        status=201,
        json={"workout_date": "2024-06-14", "workout_type": "tempo"},
        params=lambda c: {"plan_id": c["plan_id"]},
        save=keep(workout_id=lambda b: b["data"]["workout_id"]),
    ),
    Call(
        "PATCH",
        f"{A}/garmin/workouts/{{workout_id}}",
        json={"coach_notes": "Steady"},
        params=lambda c: {"workout_id": c["workout_id"]},
    ),
    Call(
        "POST",
        f"{A}/garmin/workouts/{{workout_id}}/complete",
        json={"activity_id": 31},
        params=lambda c: {"workout_id": c["workout_id"]},
    ),
    Call(
        "PUT",
        f"{A}/garmin/readiness",
        json={"calendar_date": DAY, "readiness_score": 78, "recommendation": "moderate"},
    ),
    Call("GET", f"{A}/garmin/readiness"),
    Call(
        "POST",
        f"{A}/garmin/hrv-readings",
        status=201,
        json={"reading_time": "2024-06-13T06:30:00Z", "reading_type": "morning", "rmssd": 52.5},
        save=keep(reading_id=lambda b: b["data"]["reading_id"]),
    ),
    Call("GET", f"{A}/garmin/hrv-readings"),
    Call(
        "PUT",
        f"{A}/garmin/cache",
        json={
            "content_hash": "ab" * 32,
            "analysis_type": "daily_readiness",
            "input_context": {"date": DAY},
            "response_text": "Go easy.",
            "model_version": "m",
        },
    ),
    Call("GET", f"{A}/garmin/cache/{{content_hash}}", params={"content_hash": "ab" * 32}),
    Call(
        "POST",
        f"{A}/garmin/sync-history",
        status=201,
        json={"sync_type": "manual"},
        save=keep(sync_id=lambda b: b["data"]["sync_id"]),
    ),
    Call("GET", f"{A}/garmin/sync-history"),
    Call(
        "PATCH",
        f"{A}/garmin/sync-history/{{sync_id}}",
        json={"status": "success"},
        params=lambda c: {"sync_id": c["sync_id"]},
    ),
    Call(
        "GET",
        f"{A}/garmin/daily-metrics",
        query={"start_date": "2024-06-01", "end_date": "2024-06-30"},
    ),
    Call(
        "GET",
        f"{A}/garmin/activities/range",
        query={"start_date": "2024-06-01", "end_date": "2024-06-30"},
    ),
    Call(
        "GET",
        f"{A}/garmin/weekly-summary",
        query={"start_date": "2024-06-01", "end_date": "2024-06-30"},
    ),
    Call("GET", f"{A}/garmin/hrv/trend", query={"days": 30, "end_date": "2024-06-30"}),
    Call(
        "POST",
        f"{A}/garmin/training-load/recompute",
        query={"start_date": "2024-06-01", "end_date": "2024-06-30"},
    ),
    Call(
        "GET",
        f"{A}/garmin/training-load",
        query={"start_date": "2024-06-01", "end_date": "2024-06-30"},
    ),
    Call(
        "DELETE",
        f"{A}/garmin/hrv-readings/{{reading_id}}",
        params=lambda c: {"reading_id": c["reading_id"]},
    ),
    Call("DELETE", f"{A}/garmin/readiness/{{calendar_date}}", params={"calendar_date": DAY}),
    Call(
        "DELETE",
        f"{A}/garmin/workouts/{{workout_id}}",
        params=lambda c: {"workout_id": c["workout_id"]},
    ),
    Call("DELETE", f"{A}/garmin/plans/{{plan_id}}", params=lambda c: {"plan_id": c["plan_id"]}),
    Call("DELETE", f"{A}/garmin/profile"),
    # Who read the health data read above (the audit of health reads).
    Call("GET", f"{A}/auth/me/reads", query={"limit": 5}),
    Call(
        "GET",
        f"{A}/auth/admin/users/{{customer_id}}/reads",
        who="admin",
        params=lambda c: {"customer_id": c["user"].customer_id},
    ),
    # What ends a token or an account, last.
    Call("POST", f"{A}/auth/logout", who="dora_token"),
    Call(
        "DELETE",
        f"{A}/auth/admin/users/{{customer_id}}",
        who="admin",
        params=lambda c: {"customer_id": c["carol"].customer_id},
    ),
    Call("DELETE", f"{A}/auth/me", who="bob", json=lambda c: {"password": c["bob"].password}),
]

# Operations this test does not call with a valid request, and why.
NOT_DRIVEN: dict[tuple[str, str], str] = {}


@pytest.fixture
def contract_app(make_app):
    return make_app(METRICS_TOKEN=METRICS_TOKEN, LOGIN_MAX_FAILURES_PER_ADDRESS="1000")


def _headers(call: Call, ctx: Ctx) -> dict[str, str]:
    if call.who == "none":
        return {}
    if call.who == "metrics":
        return {"Authorization": f"Bearer {METRICS_TOKEN}"}
    holder = ctx[call.who]
    token = holder.token if isinstance(holder, Account) else holder
    return {"Authorization": f"Bearer {token}"}


def test_every_operation_answers_as_the_document_says(contract_app, register):
    client = contract_app.test_client()
    document = client.get("/api/v1/openapi.json").get_json()
    schema = schemathesis.openapi.from_dict(document)
    operations = {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    called = {(call.method, call.path) for call in CALLS}
    assert called - operations == set(), "calls to operations the document does not list"
    assert operations - called - set(NOT_DRIVEN) == set(), "operations nobody calls"

    ctx: Ctx = {
        "user": register("alice@example.com"),
        "admin": register("admin@example.com", role="admin"),
        "bob": register("bob@example.com"),
        "carol": register("carol@example.com"),
    }
    for call in CALLS:
        path = call.path.format(**{k: str(v) for k, v in _v(call.params, ctx).items()})
        kwargs = call.raw(ctx) if call.raw else {"json": _v(call.json, ctx)}
        response = client.open(
            path,
            method=call.method,
            headers=_headers(call, ctx),
            query_string=_v(call.query, ctx),
            **kwargs,
        )
        where = f"{call.method} {call.path}"
        assert response.status_code == call.status, (where, response.get_data(as_text=True))
        schema[call.path][call.method].validate_response(response)
        if call.save is not None:
            call.save(ctx, response.get_json())


def test_an_answer_that_drifts_from_its_schema_is_caught(contract_app):
    """The validation above can fail: a profile whose customer_id became text is refused."""
    document = contract_app.test_client().get("/api/v1/openapi.json").get_json()
    operation = schemathesis.openapi.from_dict(document)[f"{A}/auth/me"]["GET"]
    drifted = {
        "success": True,
        "code": 200,
        "message": "OK",
        "meta": {},
        "data": {"customer_id": "7", "email": "a@example.com"},
    }
    request = werkzeug.test.EnvironBuilder(path=f"{A}/auth/me").get_request()
    response = werkzeug.test.TestResponse(
        [json.dumps(drifted).encode()], "200 OK", {"Content-Type": "application/json"}, request
    )
    with pytest.raises(Exception, match="not of type"):
        operation.validate_response(response)
