"""The bare Flask route `make bench` measures beside the API, in the same gunicorn layout."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return {"success": True, "code": 200, "message": "OK", "data": {"hello": "world"}, "meta": {}}
