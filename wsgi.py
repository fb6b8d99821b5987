"""gunicorn wsgi:app, and the target of `flask --app wsgi ...` commands."""

from app import create_app

app = create_app()
