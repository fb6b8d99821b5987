"""gunicorn settings: gthread workers sized for a small machine, all tunable from the env."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# The app writes its own JSON access line with the request id; gunicorn's would duplicate it.
accesslog = None
errorlog = "-"
# gunicorn 27 otherwise writes a control socket into $HOME.
control_socket_disable = True
# The app (and its pools) is created in each worker after the fork, never shared across it.
preload_app = False


def post_fork(server, worker):
    """Open this worker's pools now that it has forked: connections are never shared across a
    fork. The app module is imported here, and gunicorn then reuses it."""
    from app.db import served_domains
    from wsgi import app

    app.extensions["db"].open_pools(served_domains(app))


def worker_exit(server, worker):
    """Close the worker's pools so PostgreSQL sees clean disconnects."""
    from wsgi import app

    app.extensions["db"].close()
