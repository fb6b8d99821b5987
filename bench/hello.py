"""The bare Flask routes `make bench` measures beside the API, in the same gunicorn layout.

`/` is Flask alone. `/db` adds the least any database-backed route can do: check a connection
out of a psycopg pool (autocommit, no ping, as the API's pools are opened) and run `SELECT 1`,
one round trip. Its share of `/` is the ceiling for an endpoint that touches PostgreSQL at all,
before authentication, validation, the real query or its JSON.
"""

import os
from functools import cache

from flask import Flask
from psycopg_pool import ConnectionPool

app = Flask(__name__)
ANSWER = {"success": True, "code": 200, "message": "OK", "data": {"hello": "world"}, "meta": {}}


@cache
def pool() -> ConnectionPool:
    # Opened in the worker on first use, after gevent's patching; sized like the API's
    # default pool (DB_POOL_SIZE 2 + DB_MAX_OVERFLOW 8).
    return ConnectionPool(
        os.environ["DATABASE_URL"], kwargs={"autocommit": True}, min_size=2, max_size=10, open=True
    )


@app.get("/")
def hello():
    return ANSWER


@app.get("/db")
def hello_db():
    with pool().connection() as conn:
        conn.execute("SELECT 1")
    return ANSWER
