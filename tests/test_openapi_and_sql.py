"""The OpenAPI document and docs page; the named-SQL loader's rules."""

from pathlib import Path

import pytest

from app.config import ConfigurationError
from app.db import BOOK, query
from app.http import ApiBlueprint
from app.sql import QueryBook, SqlFileError


def test_openapi_documents_the_routes_and_bearer_auth(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    me = spec["paths"]["/api/v1/auth/me"]
    assert me["get"]["security"] == [{"bearerAuth": []}]
    assert "security" not in spec["paths"]["/api/v1/auth/login"]["post"]
    register_body = me["patch"]["requestBody"]["content"]["application/json"]["schema"]
    assert register_body["$ref"].endswith("ProfilePatch")


def test_docs_page_and_its_assets_are_served_locally(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert b"/api/v1/docs/assets/swagger-ui-bundle.js" in page.data
    script = client.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert script.status_code == 200
    assert len(script.data) > 100_000


def test_every_sql_file_has_a_header_naming_it():
    assert len(BOOK) > 0
    for named in BOOK:
        assert named.name.endswith(named.path.stem)
        assert named.cardinality in {"one", "many", "scalar", "none", "copy"}
        if named.cardinality == "copy":
            # Fed with rows, or (garmin/archive_hr_month) read out by its caller.
            assert "FROM STDIN" in named.text.upper() or "TO STDOUT" in named.text.upper()


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_a_file_without_header_fails_at_load(tmp_path):
    write(tmp_path / "demo" / "select_thing.sql", "SELECT 1;\n")
    with pytest.raises(SqlFileError, match="name: select_thing"):
        QueryBook(tmp_path)


def test_a_header_naming_another_file_fails_at_load(tmp_path):
    write(tmp_path / "demo" / "select_thing.sql", "-- name: select_other :one\nSELECT 1;\n")
    with pytest.raises(SqlFileError, match="select_other"):
        QueryBook(tmp_path)


def test_a_missing_file_fails_when_the_function_is_defined():
    with pytest.raises(SqlFileError, match="auth/no_such_query"):

        @query("auth/no_such_query", database="main")
        def no_such_query() -> None: ...


def test_parameters_must_match_the_placeholders():
    with pytest.raises(SqlFileError, match="select_user_exists"):

        @query("auth/select_user_exists", database="main")
        def select_user_exists(address: str) -> bool: ...


def test_a_database_name_that_does_not_exist_fails_when_the_function_is_defined():
    with pytest.raises(ConfigurationError, match="unknown database 'mian'"):

        @query("auth/select_user_exists", database="mian")  # type: ignore[arg-type]
        def select_user_exists(email: str) -> bool: ...


def test_a_blueprint_on_a_database_that_does_not_exist_fails_when_it_is_made():
    with pytest.raises(ConfigurationError, match="unknown database 'blod'"):
        ApiBlueprint("probe", __name__, database="blod")  # type: ignore[arg-type]
