"""README's "Follow a URL" tables are the app's: every blueprint with its prefix, module and
database, and every table with the migration that creates it. A newcomer follows them without
a search tool, so a blueprint or a table they miss fails here."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
# CREATE TABLE in a migration: schema-qualified, or %1$I for each Garmin schema (0004, 0009, ...).
CREATE_TABLE = re.compile(r"CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+|%1\$I)\.([a-z_]+)\b", re.I)
CELL = re.compile(r"`([^`]+)`")
TABLE_NAME = re.compile(r"^(?:<garmin>|[a-z_]+)\.[a-z_]+$")


def readme_rows(header: str) -> list[list[str]]:
    """The rows of the README table whose header row is `header`, split into cells."""
    lines = README.splitlines()
    start = lines.index(header) + 2  # the header and its |---| line
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def blueprints_in_readme() -> dict[str, tuple[str, str, str]]:
    rows = readme_rows("| blueprint | URL prefix | module | database |")
    found = {}
    for name, prefix, module, database in rows:
        prefix_code = CELL.findall(prefix) if prefix.startswith("`") else [""]
        found[CELL.findall(name)[0]] = (
            prefix_code[0],
            CELL.findall(module)[0],
            (CELL.findall(database) or ["—"])[0],
        )
    return found


def blueprints_of(app) -> dict[str, tuple[str, str, str]]:
    found = {}
    for name, blueprint in app.blueprints.items():
        module = Path(sys.modules[blueprint.import_name].__file__)
        if ROOT / "app" not in module.parents:
            continue  # flask-smorest's own (the OpenAPI document and docs page)
        found[name] = (
            blueprint.url_prefix or "",
            module.relative_to(ROOT).as_posix(),
            getattr(blueprint, "database", "—"),
        )
    return found


def test_every_blueprint_is_in_the_readme_with_its_module_and_database(app):
    assert len(blueprints_of(app)) > 15
    assert blueprints_in_readme() == blueprints_of(app)


def test_every_operation_is_tagged_with_its_blueprint(client, app):
    """The docs page files an operation under its blueprint's name: the README's way in."""
    paths = client.get("/api/v1/openapi.json").json["paths"]
    rules = {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule): rule.endpoint.split(".")[0]
        for rule in app.url_map.iter_rules()
    }
    tagged = 0
    for path, operations in paths.items():
        for method, operation in operations.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                assert operation["tags"] == [rules[path]], (method, path)
                tagged += 1
    assert tagged > 100


def tables_made_by_migrations() -> dict[str, str]:
    """Each table, by the first migration that creates it."""
    made: dict[str, str] = {}
    for path in sorted((ROOT / "migrations").glob("0*.sql")):
        if path.name.endswith(".rollback.sql"):
            continue
        for schema, table in CREATE_TABLE.findall(path.read_text()):
            name = f"{'<garmin>' if schema == '%1$I' else schema}.{table}"
            made.setdefault(name, path.name.removesuffix(".sql"))
    return made


def tables_in_readme() -> dict[str, str]:
    found = {}
    for migration, tables in readme_rows("| migration | tables it creates |"):
        for table in CELL.findall(tables):
            if TABLE_NAME.match(table):
                found[table] = CELL.findall(migration)[0]
    return found


def test_every_table_is_in_the_readme_with_the_migration_that_creates_it():
    made = tables_made_by_migrations()
    assert len(made) > 50
    assert made["aiapp.health_reads"] == "0019.row_security"  # the parse finds what it is for
    assert made["<garmin>.heart_rate_samples"] == "0009.training"  # not its 0017 rebuild
    assert tables_in_readme() == made
    for migration in set(made.values()):
        assert (ROOT / "migrations" / f"{migration}.sql").is_file()
