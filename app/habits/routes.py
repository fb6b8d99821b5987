"""/api/v1/habits: families and members, habits, logs and streaks, versioned routines.

A user sees their own habits and routines and those of the families they belong to; only a
family's owners and admins change its habits and routines; every member, a child too, logs.
What a user may not see is a 404; what they may see but not change is a 403.
"""

from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

from app.auth import queries as auth_queries
from app.auth.access import auth_required, current_customer_id
from app.habits import queries
from app.habits.access import (
    EDITORS,
    RESTORE_WINDOW_DAYS,
    denied,
    keeps_an_owner,
    refusal,
    written,
)
from app.habits.schemas import (
    FamilyDetailSchema,
    FamilyNameSchema,
    FamilySchema,
    HabitCreateSchema,
    HabitListQuerySchema,
    HabitLogCreateSchema,
    HabitLogQuerySchema,
    HabitLogSchema,
    HabitPatchSchema,
    HabitSchema,
    InvitationSchema,
    MemberRoleSchema,
    MembershipSchema,
    OnDateQuerySchema,
    RoutineCreateSchema,
    RoutineListQuerySchema,
    RoutinePatchSchema,
    RoutineSchema,
    RoutineVersionSchema,
    StreakSchema,
    TodaySchema,
)
from app.http import (
    ApiError,
    DomainBlueprint,
    RawJSON,
    api_ok,
    envelope,
    found,
    register_constraint,
)
from app.params import jsonb

blp = DomainBlueprint(
    "habits",
    __name__,
    domain="habits",
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
RESTORE_NOTE = f"restorable for {RESTORE_WINDOW_DAYS} days"
EDIT_FAMILY = "Only the family's owners and admins may do this."
OWNERS_ONLY = "Only an owner of the family may do this."
EDIT_OWNED = "Only its owner, or the family's owners and admins, may change it."


T = TypeVar("T")


# Families


@blp.route("/families", methods=["POST"])
@auth_required
@blp.arguments(FamilyNameSchema)
@blp.response(201, envelope(FamilySchema))
def create_family(payload):
    """Create a family, with you as its owner."""
    return api_ok(
        queries.insert_family(customer_id=current_customer_id(), **payload), "Family created", 201
    )


@blp.route("/families", methods=["GET"])
@auth_required
@blp.response(200, envelope(FamilySchema, many=True))
def list_families():
    """Your families and open invitations (accepted_at null), with your role in each."""
    return api_ok(RawJSON(queries.list_families(customer_id=current_customer_id())))


@blp.route("/families/<uuid:family_id>", methods=["GET"])
@auth_required
@blp.response(200, envelope(FamilyDetailSchema))
def get_family(family_id):
    """A family you belong to, with its members and open invitations."""
    return api_ok(
        RawJSON(
            found(
                queries.select_family(family_id=family_id, customer_id=current_customer_id()),
                "family",
            )
        )
    )


@blp.route("/families/<uuid:family_id>", methods=["PATCH"])
@auth_required
@blp.arguments(FamilyNameSchema)
@blp.response(200, envelope(FamilySchema))
def rename_family(payload, family_id):
    """Rename a family (owners and admins)."""
    family = written(
        queries.update_family(
            family_id=family_id, customer_id=current_customer_id(), name=payload["name"]
        ),
        denied(queries.select_family_role, "family", EDIT_FAMILY, family_id=family_id),
    )
    return api_ok(family, "Family renamed")


@blp.route("/families/<uuid:family_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(FamilySchema))
def delete_family(family_id):
    """Delete a family with its habits and routines (an owner; restorable for 30 days)."""
    family = written(
        queries.delete_family(family_id=family_id, customer_id=current_customer_id()),
        denied(queries.select_family_role, "family", OWNERS_ONLY, family_id=family_id),
    )
    return api_ok(family, f"Family deleted; {RESTORE_NOTE}")


@blp.route("/families/<uuid:family_id>/restore", methods=["POST"])
@auth_required
@blp.response(200, envelope(FamilySchema))
def restore_family(family_id):
    """Bring back a family one of its owners deleted in the last 30 days."""
    family = queries.restore_family(
        family_id=family_id,
        customer_id=current_customer_id(),
        restore_window_days=RESTORE_WINDOW_DAYS,
    )
    return api_ok(found(family, "deleted family of yours to restore"), "Family restored")


@blp.route("/families/<uuid:family_id>/invitations", methods=["POST"])
@auth_required
@blp.arguments(InvitationSchema)
@blp.response(201, envelope(MembershipSchema))
def invite_member(payload, family_id):
    """Invite an account by email, with a role (owners and admins; owners invite owners)."""
    membership = written(
        queries.insert_invitation(
            family_id=family_id, customer_id=current_customer_id(), **payload
        ),
        lambda: _invitation_refused(family_id, payload),
    )
    return api_ok(membership, "Invitation sent", 201)


def _invitation_refused(family_id: UUID, payload: dict[str, Any]) -> ApiError:
    role = queries.select_family_role(family_id=family_id, customer_id=current_customer_id())
    if role not in EDITORS:
        return refusal(role, "family", EDIT_FAMILY)
    if payload["role"] == "owner" and role != "owner":
        return ApiError(403, OWNERS_ONLY, {"role": ["Only an owner may invite an owner."]})
    if not auth_queries.select_user_exists(email=payload["email"]):
        return ApiError(404, "No account uses this email.", {"email": ["No such account."]})
    return ApiError(409, "Already in the family.", {"email": ["Already a member or invited."]})


@blp.route("/families/<uuid:family_id>/accept", methods=["POST"])
@auth_required
@blp.response(200, envelope(MembershipSchema))
def accept_invitation(family_id):
    """Accept your invitation to a family."""
    membership = queries.accept_invitation(family_id=family_id, customer_id=current_customer_id())
    return api_ok(found(membership, "open invitation to this family"), "Welcome to the family")


@blp.route("/families/<uuid:family_id>/leave", methods=["POST"])
@auth_required
@keeps_an_owner
@blp.response(200, envelope(MembershipSchema))
def leave_family(family_id):
    """Leave a family, or decline its invitation (the last owner cannot leave: 409)."""
    membership = queries.leave_family(family_id=family_id, customer_id=current_customer_id())
    return api_ok(found(membership, "membership of this family"), "You left the family")


@blp.route("/families/<uuid:family_id>/members/<int:member_id>", methods=["PATCH"])
@auth_required
@keeps_an_owner
@blp.arguments(MemberRoleSchema)
@blp.response(200, envelope(MembershipSchema))
def change_member_role(payload, family_id, member_id):
    """Change a member's role (owners; the last owner cannot stop being one: 409)."""
    membership = written(
        queries.update_member_role(
            family_id=family_id,
            customer_id=current_customer_id(),
            member_id=member_id,
            role=payload["role"],
        ),
        lambda: _member_refused(family_id),
    )
    return api_ok(membership, "Role changed")


@blp.route("/families/<uuid:family_id>/members/<int:member_id>", methods=["DELETE"])
@auth_required
@keeps_an_owner
@blp.response(200, envelope(MembershipSchema))
def remove_member(family_id, member_id):
    """Remove a member or withdraw an invitation (owners; never the last owner: 409)."""
    membership = written(
        queries.remove_member(
            family_id=family_id, customer_id=current_customer_id(), member_id=member_id
        ),
        lambda: _member_refused(family_id),
    )
    return api_ok(membership, "Member removed")


def _member_refused(family_id: UUID) -> ApiError:
    role = queries.select_family_role(family_id=family_id, customer_id=current_customer_id())
    if role != "owner":
        return refusal(role, "family", OWNERS_ONLY)
    return ApiError(404, "No such member of this family.")


@blp.route("/families/<uuid:family_id>/today", methods=["GET"])
@auth_required
@blp.arguments(OnDateQuerySchema, location="query")
@blp.response(200, envelope(TodaySchema))
def family_today(args, family_id):
    """Each member's family habits due today (or `on` a day), with what they logged."""
    today = queries.select_family_today(
        family_id=family_id, customer_id=current_customer_id(), on_date=args["on_date"]
    )
    return api_ok(RawJSON(found(today, "family")))


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
    return api_ok(habit, "Habit created", 201)


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
        found(queries.select_habit(habit_id=habit_id, customer_id=current_customer_id()), "habit")
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
    return api_ok(habit, "Habit updated")


@blp.route("/habits/<uuid:habit_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(HabitSchema))
def delete_habit(habit_id):
    """Delete a habit and hide its logs (restorable for 30 days)."""
    habit = written(
        queries.delete_habit(habit_id=habit_id, customer_id=current_customer_id()),
        denied(queries.select_habit_role, "habit", EDIT_OWNED, habit_id=habit_id),
    )
    return api_ok(habit, f"Habit deleted; {RESTORE_NOTE}")


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
    return api_ok(found(habit, "deleted habit of yours to restore"), "Habit restored")


@blp.route("/habits/<uuid:habit_id>/streak", methods=["GET"])
@auth_required
@blp.arguments(OnDateQuerySchema, location="query")
@blp.response(200, envelope(StreakSchema))
def habit_streak(args, habit_id):
    """Your current and longest streak of a habit, as of today (or `on` a day)."""
    return api_ok(
        found(
            queries.select_habit_streak(
                habit_id=habit_id, customer_id=current_customer_id(), on_date=args["on_date"]
            ),
            "habit",
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
    return api_ok(log, "Logged")


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
    return api_ok(log, f"Log deleted; {RESTORE_NOTE}")


@blp.route("/logs/<uuid:log_id>/restore", methods=["POST"])
@auth_required
@blp.response(200, envelope(HabitLogSchema))
def restore_log(log_id):
    """Bring back a log deleted in the last 30 days."""
    log = queries.restore_habit_log(
        log_id=log_id, customer_id=current_customer_id(), restore_window_days=RESTORE_WINDOW_DAYS
    )
    return api_ok(found(log, "deleted log of yours to restore"), "Log restored")


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
    return api_ok(routine, "Routine created", 201)


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
    return api_ok(found(routine, "routine (on that day)"))


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
    return api_ok(routine, "Routine edited: a new version is in effect from now")


@blp.route("/routines/<uuid:routine_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(RoutineSchema))
def delete_routine(routine_id):
    """Delete a routine with its history (restorable for 30 days)."""
    routine = written(
        queries.delete_routine(routine_id=routine_id, customer_id=current_customer_id()),
        denied(queries.lock_routine_role, "routine", EDIT_OWNED, routine_id=routine_id),
    )
    return api_ok(routine, f"Routine deleted; {RESTORE_NOTE}")


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
    return api_ok(found(routine, "deleted routine of yours to restore"), "Routine restored")
