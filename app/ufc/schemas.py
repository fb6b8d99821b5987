"""Payloads of the UFC routes: query strings, bodies, and the documented answers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, ClassVar

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    post_load,
    pre_load,
    validate,
    validates_schema,
)

from app.auth.schemas import RegisterSchema, TokenSchema
from app.schemas import ActingSchema, CamelCaseSchema

MAX_TAGS = 50
MAX_TAG_LENGTH = 100
# The original UFC registration's keys, and the fields of the shared user store they fill.
ORIGINAL_ACCOUNT_KEYS = {
    "accountName": "display_name",
    "account_name": "display_name",
    "lang": "language",
    "photo": "photo_url",
}
# MySQL's "no date", which the original's data and clients still carry.
ZERO_DATE = "0000-00-00"


def _blank_is_null(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return None if value in ("", ZERO_DATE) else value
    return value


class BlankIsNullSchema(CamelCaseSchema):
    """Trims strings, and takes "" and "0000-00-00" as null: the original's clients (and its
    exported rows) send those for "no value"."""

    @pre_load
    def _blank_is_null(self, data: Any, **_: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        return {key: _blank_is_null(value) for key, value in data.items()}


class FightDate(fields.Date):
    """A fight's day: YYYY-MM-DD, or an ISO 8601 date-time (its day is kept)."""

    default_error_messages: ClassVar[dict[str, str]] = {
        "invalid": "Not a valid date: use YYYY-MM-DD."
    }

    def __init__(self, **kwargs: Any) -> None:
        # Not format: date, which would tell clients that "" and date-times are refused.
        metadata = {
            "format": "fight-date",
            "description": 'YYYY-MM-DD, or an ISO 8601 date-time (its day is kept); "" or '
            '"0000-00-00" for none.',
            "example": "2026-03-07",
            **kwargs.pop("metadata", {}),
        }
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            return datetime.fromisoformat(value).date()
        except ValueError:
            raise self.make_error("invalid") from None


class Tags(fields.Raw):
    """A list of tags; the original kept them as JSON text ('["Top 15", "DWCS"]'), which is
    accepted too."""

    default_error_messages: ClassVar[dict[str, str]] = {
        "invalid": f"Send a list of at most {MAX_TAGS} non-empty strings of at most "
        f"{MAX_TAG_LENGTH} characters, or that list as JSON text."
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[str]:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise self.make_error("invalid") from None
        if not isinstance(value, list) or len(value) > MAX_TAGS:
            raise self.make_error("invalid")
        tags = [tag.strip() if isinstance(tag, str) else "" for tag in value]
        if not all(0 < len(tag) <= MAX_TAG_LENGTH for tag in tags):
            raise self.make_error("invalid")
        return tags


def Text(max_length: int, **kwargs: Any) -> fields.String:
    return fields.String(allow_none=True, validate=validate.Length(max=max_length), **kwargs)


class FighterFieldsSchema(BlankIsNullSchema):
    """A fighter's columns, snake_case or the original's camelCase keys ("mydesc" is the
    original's key for description). Also what each row of a CSV import must be."""

    name = fields.String(required=True, validate=validate.Length(1, 100))
    ufc_url = fields.String(required=True, validate=validate.Length(1, 500))
    fighter_full_body_img_url = Text(500)
    fighter_headshot_img_url = Text(500)
    weight_class = Text(50, metadata={"example": "Lightweight"})
    record = Text(20, metadata={"example": "22-3-0"})
    sherdog_record = Text(20)
    next_fight_date = FightDate(allow_none=True)
    next_fight_opponent = Text(100)
    next_fight_opponent_record = Text(20)
    opponent_headshot_url = Text(500)
    opponent_ufc_url = Text(500)
    rumour_next_fight_date = FightDate(allow_none=True)
    rumour_next_fight_opponent = Text(100)
    rumour_next_fight_opponent_record = Text(20)
    rumour_next_fight_opponent_img_url = Text(500)
    rumour_opponent_ufc_url = Text(500)
    tags = Tags(
        allow_none=True,
        metadata={"type": "array", "items": {"type": "string"}, "description": "null clears"},
    )
    tags_dwcs = Text(40)
    height = Text(20)
    weight = Text(20)
    # Not strict: a CSV cell is text, and the original's clients sent "33" as well as 33.
    age = fields.Integer(allow_none=True, validate=validate.Range(0, 120))
    description = fields.String(allow_none=True)
    twitter = Text(500)
    instagram = Text(500)
    sherdog = Text(500)
    tapology = Text(500)

    @pre_load
    def _description_was_mydesc(self, data: Any, **_: Any) -> Any:
        if isinstance(data, Mapping) and "mydesc" in data and "description" not in data:
            data = {("description" if key == "mydesc" else key): v for key, v in data.items()}
        return data


class FighterCreateSchema(FighterFieldsSchema, ActingSchema):
    """A new fighter: name and ufc_url are required, the rest may come later."""


class FighterPatchSchema(FighterCreateSchema):
    """The fields to change; null (or "") clears one. Like the original, keys that are not
    fighter fields are ignored, as its clients send back whole fighter objects."""

    class Meta:
        unknown = EXCLUDE

    name = fields.String(validate=validate.Length(1, 100))
    ufc_url = fields.String(validate=validate.Length(1, 500))

    @validates_schema
    def _require_a_change(self, data: dict[str, Any], **_: Any) -> None:
        if not data.keys() - {"customer_id"}:
            raise ValidationError("Send at least one fighter field to change.", "_schema")


def PersonId(original: str) -> fields.Integer:
    """The original's name for the user a UFC call is about: the same as customer_id (your own
    id, or any user's with an admin token)."""
    return fields.Integer(
        load_default=None,
        validate=validate.Range(min=1),
        metadata={"description": f"The original's `{original}`: the same as customer_id."},
    )


class FighterListQuerySchema(BlankIsNullSchema, ActingSchema):
    user_id = PersonId("user_id")
    search = fields.String(
        load_default=None,
        validate=validate.Length(max=255),
        metadata={"description": "Part of a name, tag or weight class, in any letter case."},
    )
    page = fields.Integer(load_default=1, validate=validate.Range(1, 1_000_000))
    page_size = fields.Integer(load_default=100, validate=validate.Range(1, 2000))
    include_incomplete = fields.Boolean(
        load_default=False,
        metadata={"description": "Also list fighters missing weight class, height or weight."},
    )


class SubscriptionToggleSchema(ActingSchema):
    person_id = PersonId("person_id` / `personId")
    fighter_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    subscribe = fields.Boolean(
        allow_none=True,
        metadata={"description": "The state wanted; leave out (with action) to flip it."},
    )
    action = fields.String(validate=validate.OneOf(["subscribe", "unsubscribe"]))

    @validates_schema
    def _agree(self, data: dict[str, Any], **_: Any) -> None:
        action, subscribe = data.get("action"), data.get("subscribe")
        if action and subscribe is not None and subscribe != (action == "subscribe"):
            raise ValidationError("Contradicts subscribe.", "action")

    @post_load
    def _wanted_state(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        action = data.pop("action", None)
        if data.get("subscribe") is None:
            data["subscribe"] = None if action is None else action == "subscribe"
        return data


class SummaryQuerySchema(ActingSchema):
    """An admin sees every user's row unless customer_id names one."""


class CandidateSchema(BlankIsNullSchema, ActingSchema):
    full_name = fields.String(required=True, validate=validate.Length(1, 200))
    description = Text(2000, load_default=None)
    dwcs_info = Text(200, load_default=None, metadata={"description": "Dana White's Contender"})


class ClaimSchema(ActingSchema):
    lease_seconds = fields.Integer(
        load_default=300,
        validate=validate.Range(10, 3600),
        metadata={"description": "Seconds before an unfinished claim lapses and is handed out"},
    )


class FailureSchema(ActingSchema):
    error = fields.String(required=True, validate=validate.Length(1, 2000))


class UfcRegisterSchema(RegisterSchema):
    """POST /auth/register: the account of the shared user store, with the original UFC keys
    accountName, lang and photo accepted for display_name, language, photo_url. The original's
    photo was an avatar file name (at most 100 characters), so any text is taken here."""

    photo_url = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100))

    @pre_load
    def _original_keys(self, data: Any, **_: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        renamed = {ORIGINAL_ACCOUNT_KEYS.get(key, key): value for key, value in data.items()}
        # Two spellings of one field are ambiguous: keep the original key, which is unknown.
        return renamed if len(renamed) == len(data) else data


class EmailSchema(Schema):
    email = fields.Email(required=True)


# Answers (for the OpenAPI document).


class FighterSchema(Schema):
    """A fighter as stored: only name, ufcUrl and tags are always set."""

    id = fields.Integer()
    name = fields.String()
    ufc_url = fields.String(data_key="ufcUrl")
    fighter_full_body_img_url = fields.String(allow_none=True, data_key="fighterFullBodyImgUrl")
    fighter_headshot_img_url = fields.String(allow_none=True, data_key="fighterHeadshotImgUrl")
    weight_class = fields.String(allow_none=True, data_key="weightClass")
    record = fields.String(allow_none=True)
    sherdog_record = fields.String(allow_none=True, data_key="sherdogRecord")
    next_fight_date = fields.Date(allow_none=True, data_key="nextFightDate")
    next_fight_opponent = fields.String(allow_none=True, data_key="nextFightOpponent")
    next_fight_opponent_record = fields.String(allow_none=True, data_key="nextFightOpponentRecord")
    opponent_headshot_url = fields.String(allow_none=True, data_key="opponentHeadshotUrl")
    opponent_ufc_url = fields.String(allow_none=True, data_key="opponentUfcUrl")
    rumour_next_fight_date = fields.Date(allow_none=True, data_key="rumourNextFightDate")
    rumour_next_fight_opponent = fields.String(allow_none=True, data_key="rumourNextFightOpponent")
    rumour_next_fight_opponent_record = fields.String(
        allow_none=True, data_key="rumourNextFightOpponentRecord"
    )
    rumour_next_fight_opponent_img_url = fields.String(
        allow_none=True, data_key="rumourNextFightOpponentImgUrl"
    )
    rumour_opponent_ufc_url = fields.String(allow_none=True, data_key="rumourOpponentUfcUrl")
    tags = fields.List(fields.String())
    tags_dwcs = fields.String(allow_none=True, data_key="tagsDwcs")
    height = fields.String(allow_none=True)
    weight = fields.String(allow_none=True)
    age = fields.Integer(allow_none=True)
    description = fields.String(allow_none=True, data_key="mydesc")
    twitter = fields.String(allow_none=True)
    instagram = fields.String(allow_none=True)
    sherdog = fields.String(allow_none=True)
    tapology = fields.String(allow_none=True)
    created_at = fields.DateTime(data_key="createdAt")
    updated_at = fields.DateTime(data_key="updatedAt")


class ListedFighterSchema(FighterSchema):
    subscribed = fields.Boolean(metadata={"description": "Whether the caller follows them"})
    subscription_status = fields.String(metadata={"enum": ["1", "0"]})


class FighterPageSchema(Schema):
    fighters = fields.List(fields.Nested(ListedFighterSchema))
    total = fields.Integer(metadata={"description": "Fighters matching, on every page"})
    page = fields.Integer()
    page_size = fields.Integer()
    has_more = fields.Boolean()
    search = fields.String(allow_none=True)
    subscriptions_enabled = fields.Boolean()


class FighterMutationSchema(Schema):
    fighter_id = fields.Integer()
    status = fields.String(metadata={"enum": ["created", "updated", "unchanged"]})
    changed = fields.Boolean()
    fighter = fields.Nested(FighterSchema)


class CandidateOutSchema(Schema):
    id = fields.Integer()
    customer_id = fields.Integer(metadata={"description": "Who queued it"})
    full_name = fields.String()
    description = fields.String(allow_none=True)
    dwcs_info = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": ["pending", "claimed", "done", "failed"]})
    attempts = fields.Integer()
    error = fields.String(allow_none=True)
    created_at = fields.DateTime()
    claimed_at = fields.DateTime(allow_none=True)
    lease_expires_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)


class SubscriptionStatusSchema(Schema):
    person_id = fields.Integer(metadata={"description": "The original's name for customer_id"})
    customer_id = fields.Integer()
    fighter_id = fields.Integer()
    subscribed = fields.Boolean()
    subscription_status = fields.String(metadata={"enum": ["1", "0"]})
    changed = fields.Boolean()
    updated_at = fields.DateTime(allow_none=True)
    message = fields.String()


class SubscriptionSummarySchema(Schema):
    customer_id = fields.Integer()
    account_name = fields.String(data_key="accountName")
    email = fields.String()
    subscriptions = fields.List(fields.String(), metadata={"description": "Fighter ids"})


class SubscriptionSummariesSchema(Schema):
    items = fields.List(fields.Nested(SubscriptionSummarySchema))
    total = fields.Integer()


class UfcLoginSchema(TokenSchema):
    status = fields.String(metadata={"example": "authenticated"})


class RegistrationSchema(Schema):
    status = fields.String(metadata={"example": "registered"})
    user_id = fields.Integer(metadata={"description": "The original's name for customer_id"})
    customer_id = fields.Integer()
    email = fields.String()
    account_name = fields.String(data_key="accountName")


class EmailExistsSchema(Schema):
    email = fields.String()
    exists = fields.Boolean()
    message = fields.String()


class UfcProfileSchema(Schema):
    id = fields.Integer(metadata={"description": "customer_id, under the original's key"})
    customer_id = fields.Integer()
    account_name = fields.String(data_key="accountName")
    email = fields.String()
    lang = fields.String()
    photo = fields.String(allow_none=True)
    role = fields.String()
    created_at = fields.DateTime(data_key="createdAt")
