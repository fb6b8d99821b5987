"""gunicorn settings, all tunable from the environment.

The default worker class is gevent: every connection is a greenlet, not one of a handful of
threads, for two reasons measured on this service (README, "Performance"):
- a client that trickles its body holds a greenlet, not a worker: with gthread's 2 x 4 threads,
  ten such clients stopped every other request; app/bodies.py then cuts them off with a 408;
- a request waiting on PostgreSQL yields its worker to the next one without thread hand-offs
  or GIL contention, which costs less per request than gthread on the same two cores.
psycopg 3 supports gevent: imported after the worker's monkey-patching (post_worker_init below
loads the app), it waits on PostgreSQL through the patched selectors.
GUNICORN_WORKER_CLASS=gthread (with THREADS) brings back threads, without the body deadline.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gevent")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# gevent: open connections per worker; each waits for a pooled database connection in turn.
worker_connections = int(os.environ.get("WORKER_CONNECTIONS", "1000"))
threads = int(os.environ.get("THREADS", "4"))  # gthread only
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# The app writes its own JSON access line with the request id; gunicorn's would duplicate it.
accesslog = None
errorlog = "-"
# gunicorn's own lines (start, workers booting, timeouts) as JSON, like the app's.
logger_class = "app.gunicorn_logging.JsonLogger"
# gunicorn 27 otherwise writes a control socket into $HOME.
control_socket_disable = True
# The app (and its pools) is created in each worker after the fork, never shared across it.
preload_app = False


def post_worker_init(worker):
    """Open this worker's pools once it has loaded the app: connections are never shared across
    a fork, and under gevent psycopg must be imported after the worker's monkey-patching (it
    picks its wait function at import)."""
    import sys

    import psycopg.waiting

    from app.db import served_databases
    from wsgi import app

    monkey = sys.modules.get("gevent.monkey")
    patched = monkey is not None and monkey.is_module_patched("select")
    if patched and psycopg.waiting.wait is psycopg.waiting.wait_c:
        # psycopg was imported before the patching (by the master?): every query would block
        # the whole worker. Refuse to serve rather than serve one request at a time.
        raise RuntimeError("psycopg was imported before gevent's monkey-patching")
    app.extensions["db"].open_pools(served_databases(app))


def child_exit(server, worker):
    """In the master: drop a dead worker's live gauges from the multiprocess metrics
    (prometheus_client's own recipe; the master never imports the app)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def worker_exit(server, worker):
    """Close the worker's pools so PostgreSQL sees clean disconnects."""
    from wsgi import app

    app.extensions["db"].close()
