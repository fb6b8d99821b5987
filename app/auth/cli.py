"""`flask --app wsgi users create`: make the first (admin) user from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from marshmallow import ValidationError
from psycopg.errors import UniqueViolation

from app import db
from app.auth import queries
from app.auth.access import hash_password
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
