"""`flask --app wsgi users ...`: create the first (admin) user, and administer users from the
command line as the admin routes do (every action audited in aiapp.admin_audit, via 'cli')."""

from __future__ import annotations

import json
import secrets

import click
from flask.cli import AppGroup
from marshmallow import ValidationError
from psycopg.errors import UniqueViolation

from app import db
from app.auth import queries
from app.auth.access import hash_password, token_digest
from app.auth.admin_routes import RESET_TTL_SECONDS, like_prefix
from app.auth.schemas import RegisterSchema

users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    envvar="NEW_USER_PASSWORD",
    help="Prompted for when not given.",
)
@click.option("--display-name", default=None)
@click.option("--admin", is_flag=True, help="May act for any user (workers, operators).")
def create_user(email: str, password: str, display_name: str | None, admin: bool) -> None:
    """Create a user (validated like POST /api/v1/auth/register)."""
    try:
        payload = RegisterSchema().load(
            {"email": email, "password": password, "display_name": display_name}
        )
    except ValidationError as exc:
        raise click.UsageError(str(exc.messages)) from exc
    try:
        with db.unit_of_work("main"):
            user = queries.insert_user(
                password_hash=hash_password(payload.pop("password")),
                role="admin" if admin else "user",
                **payload,
            )
    except UniqueViolation as exc:
        raise click.ClickException(f"an account with email {email} already exists") from exc
    click.echo(f"created {user['role']} {user['email']} with customer_id {user['customer_id']}")


@users_cli.command("list")
@click.option("--search", default=None, help="Prefix of the email or username, any case.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 10_000))
def list_users(search: str | None, limit: int) -> None:
    """List users: customer_id, email, role, and whether disabled or awaiting a reset."""
    with db.unit_of_work("main"):
        listed = queries.list_users(
            pattern=like_prefix(search) if search else None,
            role=None,
            disabled=None,
            max_rows=limit,
            skip_rows=0,
        )
    for user in json.loads(listed):
        flags = [
            f
            for f, on in (
                ("disabled", user["disabled"]),
                ("reset-pending", user["password_reset_pending"]),
            )
            if on
        ]
        click.echo(f"{user['customer_id']}\t{user['email']}\t{user['role']}\t{' '.join(flags)}")


def _administer(action: str, email: str, **extra) -> dict:
    with db.unit_of_work("main"):
        customer_id = queries.select_customer_id(email=email)
        if customer_id is None:
            raise click.ClickException(f"no account has email {email}")
        return queries.administer_user(
            action=action,
            customer_id=customer_id,
            actor_customer_id=None,
            via="cli",
            request_id=None,
            **extra,
        )


def _action_command(name: str, action: str, summary: str) -> None:
    @users_cli.command(name, help=summary)
    @click.argument("email")
    def command(email: str) -> None:
        user = _administer(action, email)
        click.echo(
            f"{action}: {user['email']} (customer_id {user['customer_id']}, role "
            f"{user['role']}, disabled {user['disabled']}, "
            f"{user['tokens_revoked']} tokens revoked)"
        )


_action_command("disable", "disable", "Disable a user: their tokens stop working at once.")
_action_command("enable", "enable", "Enable a disabled user.")
_action_command("grant-admin", "grant_admin", "Make a user an admin.")
_action_command("revoke-admin", "revoke_admin", "Make an admin an ordinary user.")


@users_cli.command("reset-password")
@click.argument("email")
def reset_password(email: str) -> None:
    """Force a new password: revoke every token, refuse logins until the user sets one with
    POST /api/v1/auth/password-reset and the one-time code printed here (valid 24 hours)."""
    code = secrets.token_urlsafe(24)
    user = _administer(
        "password_reset", email, reset_hash=token_digest(code), reset_ttl_seconds=RESET_TTL_SECONDS
    )
    click.echo(f"password reset required for {user['email']}; one-time code: {code}")
