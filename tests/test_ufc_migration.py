"""Migration 0006.ufc: pg_trgm is database-wide, so its rollback must not break other users."""

from app.migrations import MIGRATIONS_DIR

UP = (MIGRATIONS_DIR / "0006.ufc.sql").read_text()
DOWN_0006 = (MIGRATIONS_DIR / "0006.ufc.rollback.sql").read_text()
# 0014 indexes chat text with pg_trgm too, 0023's ufc.candidate_json takes a fighter_candidates
# row: undo them first, as a full rollback would.
DOWN = (
    (MIGRATIONS_DIR / "0023.entity_json.rollback.sql").read_text()
    + (MIGRATIONS_DIR / "0014.original_clients.rollback.sql").read_text()
    + DOWN_0006
)


def has_pg_trgm(conn):
    found = conn.execute("SELECT count(*) AS n FROM pg_extension WHERE extname = 'pg_trgm'")
    return found.fetchone()["n"] == 1


def ufc_tables(conn):
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'ufc'"
    ).fetchall()
    return {row["table_name"] for row in rows}


def test_rollback_keeps_pg_trgm_while_another_schema_uses_it(conn):
    conn.execute("CREATE TABLE public.notes (body text)")
    conn.execute("CREATE INDEX notes_body_trgm_idx ON public.notes USING gin (body gin_trgm_ops)")
    conn.execute(DOWN)
    assert ufc_tables(conn) == set()
    assert has_pg_trgm(conn)
    conn.execute("INSERT INTO public.notes VALUES ('still searchable')")
    assert conn.execute("SELECT body FROM public.notes WHERE body ILIKE '%%search%%'").fetchone()


def test_rollback_drops_pg_trgm_when_only_ufc_used_it_and_up_works_again(conn):
    conn.execute(DOWN)
    assert not has_pg_trgm(conn)
    conn.execute(UP)
    assert has_pg_trgm(conn)
    assert ufc_tables(conn) == {"fighters", "subscriptions", "fighter_candidates"}


def extension_schema(conn):
    found = conn.execute(
        "SELECT extnamespace::regnamespace::text AS schema FROM pg_extension"
        " WHERE extname = 'pg_trgm'"
    )
    return found.fetchone()["schema"]


def test_pg_trgm_goes_to_public_not_to_yoyos_schema(conn):
    assert extension_schema(conn) == "public"


def test_an_existing_pg_trgm_in_another_schema_is_used_where_it_is(conn):
    conn.execute(DOWN)
    conn.execute("CREATE SCHEMA extensions")
    conn.execute("CREATE EXTENSION pg_trgm WITH SCHEMA extensions")
    conn.execute(UP)
    assert extension_schema(conn) == "extensions"
    index = conn.execute(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'fighters_search_trgm_idx'"
    ).fetchone()
    assert "extensions.gin_trgm_ops" in index["indexdef"]
