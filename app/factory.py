"""The Flask app factory.

create_app(): config -> logging -> http envelope and errors -> db -> blueprints -> OpenAPI -> CLI.
"""

from __future__ import annotations

from collections.abc import Mapping

from dotenv import load_dotenv
from flask import Flask, send_from_directory
from flask_smorest import Api
from swagger_ui_bundle import swagger_ui_path
from werkzeug.middleware.proxy_fix import ProxyFix

from app import db, errors, http, metrics
from app.bodies import BodyDeadline
from app.config import Settings
from app.cors import init_cors
from app.logs import configure_logging
from app.schemas import INPUT_RULES_DOC, openapi_field_facts, refuse_undeclared_query_parameters

API_PREFIX = "/api/v1"


class ApiDocs(Api):
    """flask-smorest, with errors in our envelope rather than its own payload."""

    ERROR_SCHEMA = http.ErrorEnvelopeSchema

    def handle_http_exception(self, error):
        return errors.handle_http_exception(error)


def create_app(env: Mapping[str, str] | None = None) -> Flask:
    """Build the app. `env` replaces os.environ (tests pass their own)."""
    if env is None:
        load_dotenv()
    settings = Settings.from_env(env)
    configure_logging(settings.env.get("LOG_LEVEL", "INFO"))

    app = Flask("app")  # the package, as before the factory moved to its own module
    app.config.update(
        SETTINGS=settings,
        MAX_CONTENT_LENGTH=settings.max_content_length,
        API_TITLE="storage-backend",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=API_PREFIX,
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL=f"{API_PREFIX}/docs/assets/",
        API_SPEC_OPTIONS={
            "info": {"description": INPUT_RULES_DOC},
            "components": {
                "securitySchemes": {
                    "bearerAuth": {"type": "http", "scheme": "bearer"},
                    "metricsToken": {"type": "http", "scheme": "bearer"},
                }
            },
        },
    )
    app.wsgi_app = BodyDeadline(  # type: ignore[method-assign]
        app.wsgi_app,
        settings.body_grace_seconds,
        settings.body_min_rate,
        settings.max_content_length,
    )
    proxies = int(settings.env.get("TRUSTED_PROXIES", "0") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    metrics.init_app(app)  # first: its after_request hook then runs last, after the commit
    http.init_app(app)
    errors.init_app(app)
    init_cors(app, settings)
    app.before_request(refuse_undeclared_query_parameters)
    db.init_app(app, settings)
    _register_blueprints(app)
    _register_cli(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from app.auth.admin_routes import blp as auth_admin_blp
    from app.auth.routes import blp as auth_blp
    from app.blood.routes import blp as blood_blp
    from app.chat.group_routes import blp as chat_groups_blp
    from app.chat.legacy import blp as chat_legacy_blp
    from app.chat.original_groups import blp as groups_blp
    from app.chat.routes import blp as chat_blp
    from app.clinical.alert_routes import blp as clinical_alerts_blp
    from app.clinical.biometric_routes import blp as clinical_biometrics_blp
    from app.clinical.routes import blp as clinical_blp
    from app.garmin.fit_routes import blp as garmin_fit_blp
    from app.garmin.routes import blp as garmin_blp
    from app.habits.family_routes import blp as habits_families_blp
    from app.habits.routes import blp as habits_blp
    from app.health import blp as health_blp
    from app.training.read_routes import blp as training_reads_blp
    from app.training.routes import blp as training_blp
    from app.ufc.routes import blp as ufc_blp

    api = ApiDocs(app)
    api.ma_plugin.converter.add_attribute_function(openapi_field_facts)
    app.extensions["api_docs"] = api
    for blueprint in (
        health_blp,
        auth_blp,
        auth_admin_blp,
        blood_blp,
        chat_blp,
        chat_groups_blp,
        chat_legacy_blp,
        groups_blp,
        clinical_blp,
        clinical_biometrics_blp,
        clinical_alerts_blp,
        garmin_blp,
        training_blp,
        training_reads_blp,
        garmin_fit_blp,
        habits_blp,
        habits_families_blp,
        ufc_blp,
        metrics.blp,
    ):
        api.register_blueprint(blueprint)
    # Swagger UI's scripts are served from the installed package: the docs work offline.
    app.add_url_rule(
        f"{API_PREFIX}/docs/assets/<path:filename>",
        "docs_assets",
        lambda filename: send_from_directory(swagger_ui_path, filename),
    )


def _register_cli(app: Flask) -> None:
    from app.auth.cli import users_cli
    from app.blood.cli import blood_cli
    from app.cli import db_cli
    from app.garmin.cli import garmin_cli
    from app.habits.cli import habits_cli
    from app.seed.cli import seed_cli
    from app.ufc.cli import ufc_cli

    app.cli.add_command(db_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(blood_cli)
    app.cli.add_command(ufc_cli)
    app.cli.add_command(habits_cli)
    app.cli.add_command(garmin_cli)
    app.cli.add_command(seed_cli)
