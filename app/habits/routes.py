"""/api/v1/habits: habits, logs and streaks, versioned routines (families and members are in
family_routes.py, at /api/v1/habits/families).

A user sees their own habits and routines and those of the families they belong to; only a
family's owners and admins change its habits and routines; every member, a child too, logs.
What a user may not see is a 404; what they may see but not change is a 403.
"""

from __future__ import annotations

from uuid import UUID

from app.auth.access import auth_required, current_customer_id
from app.habits import queries
from app.habits.access import (
    EDIT_FAMILY,
    EDIT_OWNED,
    EDITORS,
    RESTORE_NOTE,
    RESTORE_WINDOW_DAYS,
    denied,
    refusal,
    written,
)
from app.habits.schemas import (
    HabitCreateSchema,
    HabitListQuerySchema,
    HabitLogCreateSchema,
    HabitLogQuerySchema,
    HabitLogSchema,
    HabitPatchSchema,
    HabitSchema,
    OnDateQuerySchema,
    RoutineCreateSchema,
    RoutineListQuerySchema,
    RoutinePatchSchema,
    RoutineSchema,
    RoutineVersionSchema,
    StreakSchema,
)
from app.http import (
    ApiBlueprint,
    ApiError,
    RawJSON,
    api_ok,
    envelope,
    found,
    register_constraint,
)
from app.params import jsonb

blp = ApiBlueprint(
    "habits",
    __name__,
    database="habits",
    url_prefix="/api/v1/habits",
    description="Families, habits, logs and streaks, versioned routines.",
)
register_constraint(
    "habits_target_matches_type",
    "target_value",
    "Numeric and duration habits need a target value and unit; boolean habits have neither.",
)
register_constraint(
    "habits_duration_unit", "target_unit", "A duration is measured in seconds, minutes or hours."
)
register_constraint(
    "habits_days_match_frequency",
    "days_of_week",
    "A weekly habit needs days of the week; a daily habit has none.",
)
register_constraint(
    "habit_logs_boolean_value", "value", "A boolean habit is logged with 1 (done) or 0 (not)."
)
register_constraint(
    "routine_versions_habits_of_owner",
    "habit_ids",
    "List each habit once, and only live habits of the routine's owner.",
)
register_constraint(
    "routine_versions_custom_time",
    "custom_time",
    "A custom time of day needs custom_time; morning and evening have none.",
)


# Habits


@blp.route("/habits", methods=["POST"])
@auth_required
@blp.arguments(HabitCreateSchema)
@blp.response(201, envelope(HabitSchema))
def create_habit(payload):
    """Create a habit of your own, or of a family (its owners and admins)."""
    habit = written(
        queries.insert_habit(customer_id=current_customer_id(), **payload),
        denied(queries.select_family_role, "family", EDIT_FAMILY, family_id=payload["family_id"]),
    )
    return api_ok(RawJSON(habit), "Habit created", 201)


@blp.route("/habits", methods=["GET"])
@auth_required
@blp.arguments(HabitListQuerySchema, location="query")
@blp.response(200, envelope(HabitSchema, many=True))
def list_habits(args):
    """Your habits and your families' habits."""
    return api_ok(RawJSON(queries.list_habits(customer_id=current_customer_id(), **args)))


@blp.route("/habits/<uuid:habit_id>", methods=["GET"])
@auth_required
@blp.response(200, envelope(HabitSchema))
def get_habit(habit_id):
    """One habit of yours or of your families."""
    return api_ok(
        RawJSON(
            found(
                queries.select_habit(habit_id=habit_id, customer_id=current_customer_id()), "habit"
            )
        )
    )


@blp.route("/habits/<uuid:habit_id>", methods=["PATCH"])
@auth_required
@blp.arguments(HabitPatchSchema)
@blp.response(200, envelope(HabitSchema))
def update_habit(payload, habit_id):
    """Change a habit's fields (null clears description, target or days)."""
    habit = written(
        queries.update_habit(
            habit_id=habit_id, customer_id=current_customer_id(), patch=jsonb(payload)
        ),
        denied(queries.select_habit_role, "habit", EDIT_OWNED, habit_id=habit_id),
    )
    return api_ok(RawJSON(habit), "Habit updated")


@blp.route("/habits/<uuid:habit_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(HabitSchema))
def delete_habit(habit_id):
    """Delete a habit and hide its logs (restorable for 30 days)."""
    habit = written(
        queries.delete_habit(habit_id=habit_id, customer_id=current_customer_id()),
        denied(queries.select_habit_role, "habit", EDIT_OWNED, habit_id=habit_id),
    )
    return api_ok(RawJSON(habit), f"Habit deleted; {RESTORE_NOTE}")


@blp.route("/habits/<uuid:habit_id>/restore", methods=["POST"])
@auth_required
@blp.response(200, envelope(HabitSchema))
def restore_habit(habit_id):
    """Bring back a habit deleted in the last 30 days, with its logs."""
    habit = queries.restore_habit(
        habit_id=habit_id,
        customer_id=current_customer_id(),
        restore_window_days=RESTORE_WINDOW_DAYS,
    )
    return api_ok(RawJSON(found(habit, "deleted habit of yours to restore")), "Habit restored")


@blp.route("/habits/<uuid:habit_id>/streak", methods=["GET"])
@auth_required
@blp.arguments(OnDateQuerySchema, location="query")
@blp.response(200, envelope(StreakSchema))
def habit_streak(args, habit_id):
    """Your current and longest streak of a habit, as of today (or `on` a day)."""
    return api_ok(
        RawJSON(
            found(
                queries.select_habit_streak(
                    habit_id=habit_id, customer_id=current_customer_id(), on_date=args["on_date"]
                ),
                "habit",
            )
        )
    )


# Logs


@blp.route("/habits/<uuid:habit_id>/logs", methods=["POST"])
@auth_required
@blp.arguments(HabitLogCreateSchema)
@blp.response(200, envelope(HabitLogSchema))
def log_habit(payload, habit_id):
    """Log a day of a habit: creates or replaces that day's log for you (or member_id)."""
    log = written(
        queries.upsert_habit_log(habit_id=habit_id, customer_id=current_customer_id(), **payload),
        lambda: _log_refused(habit_id),
    )
    return api_ok(RawJSON(log), "Logged")


def _log_refused(habit_id: UUID) -> ApiError:
    """Only a log for another member can be refused on a habit the caller sees."""
    role = queries.select_habit_role(habit_id=habit_id, customer_id=current_customer_id())
    if role not in EDITORS:
        return refusal(role, "habit", "Only the family's owners and admins log for others.")
    return ApiError(404, "Not a member of the family.", {"member_id": ["Not a member."]})


@blp.route("/habits/<uuid:habit_id>/logs", methods=["GET"])
@auth_required
@blp.arguments(HabitLogQuerySchema, location="query")
@blp.response(200, envelope(HabitLogSchema, many=True))
def list_logs(args, habit_id):
    """A habit's logs, newest day first (`from`, `to`, `member_id`, `limit`)."""
    logs = queries.list_habit_logs(habit_id=habit_id, customer_id=current_customer_id(), **args)
    return api_ok(RawJSON(found(logs, "habit")))


@blp.route("/logs/<uuid:log_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(HabitLogSchema))
def delete_log(log_id):
    """Delete a log: yours, or any of a family habit's (owners and admins)."""
    log = written(
        queries.delete_habit_log(log_id=log_id, customer_id=current_customer_id()),
        denied(queries.select_log_role, "log", EDIT_OWNED, log_id=log_id),
    )
    return api_ok(RawJSON(log), f"Log deleted; {RESTORE_NOTE}")


@blp.route("/logs/<uuid:log_id>/restore", methods=["POST"])
@auth_required
@blp.response(200, envelope(HabitLogSchema))
def restore_log(log_id):
    """Bring back a log deleted in the last 30 days."""
    log = queries.restore_habit_log(
        log_id=log_id, customer_id=current_customer_id(), restore_window_days=RESTORE_WINDOW_DAYS
    )
    return api_ok(RawJSON(found(log, "deleted log of yours to restore")), "Log restored")


# Routines


@blp.route("/routines", methods=["POST"])
@auth_required
@blp.arguments(RoutineCreateSchema)
@blp.response(201, envelope(RoutineSchema))
def create_routine(payload):
    """Create a routine of your own, or of a family (its owners and admins)."""
    routine = written(
        queries.insert_routine(customer_id=current_customer_id(), **payload),
        denied(queries.select_family_role, "family", EDIT_FAMILY, family_id=payload["family_id"]),
    )
    return api_ok(RawJSON(routine), "Routine created", 201)


@blp.route("/routines", methods=["GET"])
@auth_required
@blp.arguments(RoutineListQuerySchema, location="query")
@blp.response(200, envelope(RoutineSchema, many=True))
def list_routines(args):
    """Your routines and your families', each as it is now."""
    return api_ok(RawJSON(queries.list_routines(customer_id=current_customer_id(), **args)))


@blp.route("/routines/<uuid:routine_id>", methods=["GET"])
@auth_required
@blp.arguments(OnDateQuerySchema, location="query")
@blp.response(200, envelope(RoutineSchema))
def get_routine(args, routine_id):
    """A routine as it is now, or as it was `on` a day."""
    routine = queries.select_routine(
        routine_id=routine_id, customer_id=current_customer_id(), on_date=args["on_date"]
    )
    return api_ok(RawJSON(found(routine, "routine (on that day)")))


@blp.route("/routines/<uuid:routine_id>/versions", methods=["GET"])
@auth_required
@blp.response(200, envelope(RoutineVersionSchema, many=True))
def list_routine_versions(routine_id):
    """Every version of a routine, oldest first, with when each was in effect."""
    versions = queries.list_routine_versions(
        routine_id=routine_id, customer_id=current_customer_id()
    )
    return api_ok(RawJSON(found(versions, "routine")))


@blp.route("/routines/<uuid:routine_id>", methods=["PATCH"])
@auth_required
@blp.arguments(RoutinePatchSchema)
@blp.response(200, envelope(RoutineSchema))
def edit_routine(payload, routine_id):
    """Edit a routine: a new version takes effect now; the old one keeps its history."""
    role = queries.lock_routine_role(routine_id=routine_id, customer_id=current_customer_id())
    if role not in EDITORS:
        raise refusal(role, "routine", EDIT_OWNED)
    routine = queries.insert_routine_version(
        routine_id=routine_id, customer_id=current_customer_id(), patch=jsonb(payload)
    )
    return api_ok(RawJSON(routine), "Routine edited: a new version is in effect from now")


@blp.route("/routines/<uuid:routine_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(RoutineSchema))
def delete_routine(routine_id):
    """Delete a routine with its history (restorable for 30 days)."""
    routine = written(
        queries.delete_routine(routine_id=routine_id, customer_id=current_customer_id()),
        denied(queries.lock_routine_role, "routine", EDIT_OWNED, routine_id=routine_id),
    )
    return api_ok(RawJSON(routine), f"Routine deleted; {RESTORE_NOTE}")


@blp.route("/routines/<uuid:routine_id>/restore", methods=["POST"])
@auth_required
@blp.response(200, envelope(RoutineSchema))
def restore_routine(routine_id):
    """Bring back a routine deleted in the last 30 days."""
    routine = queries.restore_routine(
        routine_id=routine_id,
        customer_id=current_customer_id(),
        restore_window_days=RESTORE_WINDOW_DAYS,
    )
    return api_ok(
        RawJSON(found(routine, "deleted routine of yours to restore")), "Routine restored"
    )
