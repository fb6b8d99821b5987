"""/api/v1/ufc: fighters, subscriptions, the fighter-candidate queue, and the original UFC
service's auth routes, which map onto the one user store of /api/v1/auth."""

from __future__ import annotations

from typing import Any

from app import db
from app.auth.access import (
    admin_across_users,
    admin_required,
    auth_required,
    current_auth,
    current_customer_id,
)
from app.auth.login import counted_user_exists, create_account, log_in
from app.auth.schemas import LoginSchema
from app.http import (
    ApiBlueprint,
    ApiError,
    RawJSON,
    api_ok,
    envelope,
    joined,
    register_constraint,
)
from app.params import jsonb
from app.ufc import queries
from app.ufc.schemas import (
    CandidateOutSchema,
    CandidateSchema,
    ClaimSchema,
    EmailExistsSchema,
    EmailSchema,
    FailureSchema,
    FighterCreateSchema,
    FighterListQuerySchema,
    FighterMutationSchema,
    FighterPageSchema,
    FighterPatchSchema,
    RegistrationSchema,
    SubscriptionStatusSchema,
    SubscriptionSummariesSchema,
    SubscriptionToggleSchema,
    SummaryQuerySchema,
    UfcLoginSchema,
    UfcProfileSchema,
    UfcRegisterSchema,
)

blp = ApiBlueprint(
    "ufc",
    __name__,
    database="ufc",
    url_prefix="/api/v1/ufc",
    description="UFC fighters, subscriptions and the fighter-candidate queue.",
)
register_constraint("fighters_name_lower_key", "name", "Another fighter has this name.")
register_constraint("fighters_ufc_url_key", "ufc_url", "Another fighter has this UFC URL.")


def _duplicate(found: dict[str, Any] | None) -> ApiError:
    """409 naming the fighter that already has the name or UFC URL, so a client can use it."""
    if found is None:
        # The clashing fighter was committed by another request after this statement's
        # snapshot was taken, so the statement could not read its id.
        message = "Another fighter was just added with this name or UFC URL."
        return ApiError(409, "Fighter already exists", {"name": [message]})
    fighter_id = found["fighter_id"]
    field = "ufc_url" if found["ufc_url_taken"] else "name"
    message = f"Fighter {fighter_id} already has this {field}."
    return ApiError(409, "Fighter already exists", {field: [message], "fighter_id": fighter_id})


def _page_meta(args: dict[str, Any], found: dict[str, Any]) -> dict[str, Any]:
    """The original's meta of GET /fighters, camelCase."""
    return {
        "total": found["total"],
        "page": args["page"],
        "pageSize": args["page_size"],
        "hasMore": found["has_more"],
        "search": args["search"],
        "subscriptionsEnabled": True,
    }


def _finished(row: dict[str, Any] | None, candidate_id: int) -> RawJSON:
    """The finished candidate; 404 when there is none, 409 when it was not claimed."""
    if row is None:
        raise ApiError(404, f"No fighter candidate has id {candidate_id}.")
    if row["candidate"] is None:
        raise ApiError(409, f"Candidate {candidate_id} is {row['previous_status']}, not claimed.")
    return RawJSON(row["candidate"])


def _person(args: dict[str, Any], key: str) -> int:
    """The user a call is about when it names one the original's way (person_id, user_id):
    like customer_id, a user token may name only itself and an admin token any user."""
    named = args.pop(key, None)
    if named is None or named == current_customer_id():
        return current_customer_id()
    if "customer_id" in args:
        raise ApiError(
            400, f"{key} and customer_id disagree.", {key: ["Differs from customer_id."]}
        )
    if not current_auth().is_admin:
        raise ApiError(
            403,
            "A user token may act only for its own customer_id.",
            {key: ["Name your own id."]},
        )
    db.set_row_security(named)  # the admin acts for the user named, as with customer_id
    return named


@blp.route("/fighters", methods=["GET"])
@auth_required
@blp.arguments(FighterListQuerySchema, location="query")
@blp.response(200, envelope(FighterPageSchema))
def list_fighters(args):
    """Fighters by id, searched and paged, each with whether the caller subscribes to them."""
    found = queries.select_fighters(
        customer_id=_person(args, "user_id"),
        search=args["search"],
        include_incomplete=args["include_incomplete"],
        page=args["page"],
        page_size=args["page_size"],
    )
    message = f"Retrieved {found['returned']} fighters"
    return api_ok(RawJSON(found["data"]), message, meta=_page_meta(args, found))


@blp.route("/fighters", methods=["POST"])
@admin_required
@blp.arguments(FighterCreateSchema)
@blp.response(200, envelope(FighterMutationSchema))
def create_fighter(payload):
    """Add a fighter (admin); one with the same name or UFC URL is a 409 naming its id."""
    row = queries.insert_fighter(fighter=jsonb(payload))
    if row is None or not row["created"]:
        raise _duplicate(row)
    meta = {"status": "created", "changed": True}
    return api_ok(RawJSON(row["answer"]), "Fighter created successfully", meta=meta)


@blp.route("/fighters/<int:fighter_id>", methods=["PATCH"])
@admin_required
@blp.arguments(FighterPatchSchema)
@blp.response(200, envelope(FighterMutationSchema))
def update_fighter(payload, fighter_id):
    """Change the fields sent (admin); "" and "0000-00-00" clear a field."""
    row = queries.update_fighter(fighter_id=fighter_id, patch=jsonb(payload))
    if row is None:
        raise ApiError(404, f"No fighter has id {fighter_id}.")
    status = "updated" if row["changed"] else "unchanged"
    message = "Fighter updated successfully" if row["changed"] else "No fighter field changed"
    return api_ok(
        RawJSON(row["answer"]), message, meta={"status": status, "changed": row["changed"]}
    )


@blp.route("/fighters/queue", methods=["POST"])
@auth_required
@blp.arguments(CandidateSchema)
@blp.response(200, envelope(CandidateOutSchema))
def enqueue_candidate(payload):
    """Queue a fighter to be looked up and added by a worker."""
    payload["customer_id"] = current_customer_id()
    queued = queries.insert_fighter_candidate(**payload)
    meta = {"candidate_id": queued["id"]}
    return api_ok(RawJSON(queued["candidate"]), "Fighter candidate enqueued", meta=meta)


@blp.route("/fighters/queue/claim", methods=["POST"])
@admin_required
@blp.arguments(ClaimSchema)
@blp.response(200, envelope(CandidateOutSchema, nullable=True))
def claim_candidate(payload):
    """Take the oldest waiting candidate (worker, admin token); data is null when none waits."""
    candidate = queries.claim_fighter_candidate(lease_seconds=payload["lease_seconds"])
    if candidate is None:
        return api_ok(None, "No candidate is waiting")
    return api_ok(RawJSON(candidate), "Candidate claimed")


@blp.route("/fighters/queue/<int:candidate_id>/done", methods=["POST"])
@admin_required
@blp.response(200, envelope(CandidateOutSchema))
def finish_candidate(candidate_id):
    """Mark a claimed candidate done (worker, admin token)."""
    row = queries.finish_fighter_candidate(candidate_id=candidate_id, outcome="done", error=None)
    return api_ok(_finished(row, candidate_id), "Candidate done")


@blp.route("/fighters/queue/<int:candidate_id>/failed", methods=["POST"])
@admin_required
@blp.arguments(FailureSchema)
@blp.response(200, envelope(CandidateOutSchema))
def fail_candidate(payload, candidate_id):
    """Mark a claimed candidate failed, with the worker's error (worker, admin token)."""
    row = queries.finish_fighter_candidate(
        candidate_id=candidate_id, outcome="failed", error=payload["error"]
    )
    return api_ok(_finished(row, candidate_id), "Candidate failed")


@blp.route("/subscriptions/toggle", methods=["POST"])
@auth_required
@blp.arguments(SubscriptionToggleSchema)
@blp.response(200, envelope(SubscriptionStatusSchema))
def toggle_subscription(payload):
    """Subscribe to a fighter or unsubscribe: to subscribe/action if sent, else flip it."""
    row = queries.toggle_subscription(
        customer_id=_person(payload, "person_id"),
        fighter_id=payload["fighter_id"],
        subscribe=payload["subscribe"],
    )
    if row is None:
        raise ApiError(404, f"No fighter has id {payload['fighter_id']}.")
    return api_ok(RawJSON(row["answer"]), row["message"], meta={"changed": row["changed"]})


@blp.route("/subscriptions/summaries", methods=["GET"])
@auth_required
@blp.arguments(SummaryQuerySchema, location="query")
@blp.response(200, envelope(SubscriptionSummariesSchema))
def subscription_summaries(args):
    """Each user's subscribed fighter ids: your own row; every user's for an admin."""
    everyone = current_auth().is_admin and "customer_id" not in args
    if everyone:
        admin_across_users()
    found = queries.select_subscription_summaries(
        customer_id=None if everyone else current_customer_id()
    )
    message = f"Retrieved {found['total']} subscription summaries"
    return api_ok(RawJSON(found["data"]), message, meta={"total": found["total"]})


@blp.route("/auth/login", methods=["POST"])
@blp.arguments(LoginSchema)
@blp.response(200, envelope(UfcLoginSchema))
def login(payload):
    """Log in (the same accounts, tokens and failed-login limit as /api/v1/auth/login)."""
    session = log_in(payload["email"], payload["password"])
    data = joined({"status": "authenticated"}, session.answer)
    return api_ok(data, "User authenticated", meta={"tokenProvided": True})


@blp.route("/auth/register", methods=["POST"])
@blp.arguments(UfcRegisterSchema)
@blp.response(200, envelope(RegistrationSchema))
def register(payload):
    """Create an account in the one user store (as /api/v1/auth/register)."""
    user = create_account(payload)
    meta = {"userId": user["customer_id"]}
    return api_ok(RawJSON(user["ufc_registration"]), "User registered", meta=meta)


@blp.route("/users/<email>/exists", methods=["GET"])
@blp.response(200, envelope(EmailExistsSchema))
def user_exists(email):
    """Whether an account uses this email; lookups per client address are rate-limited."""
    email = EmailSchema().load({"email": email})["email"]
    exists = counted_user_exists(email)
    message = "User exists" if exists else "User not found"
    return api_ok({"email": email, "exists": exists, "message": message}, message)


@blp.route("/users/<email>", methods=["GET"])
@auth_required
@blp.response(200, envelope(UfcProfileSchema))
def user_profile(email):
    """A user's profile by email: your own, or anyone's with an admin token."""
    if current_auth().is_admin:
        admin_across_users()
    profile = queries.select_account_by_email(
        email=email, customer_id=current_customer_id(), is_admin=current_auth().is_admin
    )
    if profile is None:
        raise ApiError(404, "No such user.")
    return api_ok(
        RawJSON(profile["profile"]), "User profile retrieved", meta={"email": profile["email"]}
    )
