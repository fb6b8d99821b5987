"""The one way a payload, a partial update or a JSON document becomes a statement parameter.

Partial updates (PATCH) follow one convention in every domain: the statement takes the loaded
payload as one jsonb parameter, `patch`, and sets a column only when the patch has its key:

    name = CASE WHEN %(patch)s::jsonb ? 'name' THEN p.name ELSE t.name END
    ...
    FROM jsonb_populate_record(NULL::the_table, %(patch)s::jsonb) AS p

A key that is absent keeps the column, a key sent as null clears it, and
jsonb_populate_record turns each value into the column's type. Keys the statement does not
name (customer_id, which the auth guard has already used) change nothing.
"""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from app.http import dump_parameter


def jsonb(value: Any) -> Jsonb | None:
    """`value` as a jsonb parameter: a patch, a payload or a stored document (None is SQL
    NULL). Dates and times are ISO 8601, decimals numbers, UUIDs strings."""
    return None if value is None else Jsonb(value, dumps=dump_parameter)
