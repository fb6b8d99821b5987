"""/api/v1/garmin: ingest and read the Garmin health datasets, the overview, the status.

Each dataset of the registry gets the original's GET route (a date window of the caller's
rows) and a POST route (an idempotent batch upsert of normalized items or of a raw
python-garminconnect answer). Views act for current_customer_id(): the caller's own id, or
the user an admin token names with customer_id.
"""

from __future__ import annotations

from flask import current_app, request
from marshmallow import Schema, fields

from app.auth.access import auth_required, current_customer_id
from app.garmin import queries
from app.garmin.datasets import DATASETS, Dataset, load_items, read_rows, store_items
from app.garmin.schemas import (
    DEFAULT_OVERVIEW_DATASETS,
    ActivitySchema,
    ActivityWeatherSchema,
    DatasetRowsSchema,
    HrZonesSchema,
    IngestQuerySchema,
    IngestResultSchema,
    OverviewQuerySchema,
    OverviewSchema,
    StatusSchema,
)
from app.http import (
    ApiBlueprint,
    RawJSON,
    api_ok,
    envelope,
    found,
)

blp = ApiBlueprint(
    "garmin",
    __name__,
    database="garmin",
    url_prefix="/api/v1/garmin",
    description="Garmin health data: idempotent ingest from the sync worker, dataset reads.",
)


def _register(dataset: Dataset) -> None:
    body = Schema.from_dict(
        {"items": fields.List(fields.Nested(dataset.item_schema), required=True)},
        name=f"{dataset.item_schema.__name__.removesuffix('ItemSchema')}ItemsBody",
    )

    @blp.route(f"/{dataset.path}", methods=["GET"], endpoint=f"list_{dataset.key}")
    @auth_required
    @blp.arguments(dataset.query_schema, location="query")
    @blp.response(200, envelope(DatasetRowsSchema))
    @blp.doc(summary=f"Your Garmin {dataset.label} data in a date window.")
    def list_rows(args):
        rows = read_rows(dataset, current_customer_id(), args)
        meta = {"dataset": dataset.key, "customer_id": current_customer_id(), "query": args}
        return api_ok(RawJSON(rows), f"Retrieved Garmin {dataset.label} data", meta=meta)

    @blp.route(f"/{dataset.path}", methods=["POST"], endpoint=f"ingest_{dataset.key}")
    @auth_required
    @blp.arguments(IngestQuerySchema, location="query")
    @blp.response(200, envelope(IngestResultSchema))
    @blp.doc(
        summary=f"Store Garmin {dataset.label} data (idempotent upsert of one or many days).",
        requestBody={
            "required": True,
            "description": "{'items': [...]} by default; with ?format=garminconnect, the raw "
            "python-garminconnect answer (an object or an array) as it came.",
            "content": {
                "application/json": {
                    "schema": {
                        "anyOf": [
                            body,
                            {"type": "object", "description": "?format=garminconnect"},
                            {"type": "array", "items": {}, "description": "?format=garminconnect"},
                        ]
                    }
                }
            },
        },
    )
    def ingest(args):
        items = load_items(dataset, request.get_json(silent=True), args["format"])
        stored = store_items(dataset, current_customer_id(), items)
        meta = {"dataset": dataset.key, "customer_id": current_customer_id()}
        return api_ok(RawJSON(stored), f"Stored Garmin {dataset.label} data", meta=meta)


for _dataset in DATASETS:
    _register(_dataset)


@blp.route("/status", methods=["GET"])
@auth_required
@blp.response(200, envelope(StatusSchema))
def status():
    """Which datasets exist, what you stored in each (rows, first and last day), which schema."""
    stats = queries.select_dataset_stats(customer_id=current_customer_id())
    datasets = {
        d.key: {"path": f"{blp.url_prefix}/{d.path}", "table": d.table, "next_day": d.next_day}
        | stats["tables"][d.table]
        for d in DATASETS
    }
    environment = current_app.config["SETTINGS"].app_env
    return api_ok({"schema": stats["schema"], "environment": environment, "datasets": datasets})


@blp.route("/analysis/overview", methods=["GET"])
@auth_required
@blp.arguments(OverviewQuerySchema, location="query")
@blp.response(200, envelope(OverviewSchema))
def analysis_overview(args):
    """Several datasets over a window in one query, optionally merged into one object a day."""
    datasets = args["datasets"] or list(DEFAULT_OVERVIEW_DATASETS)
    overview = queries.select_analysis_overview(
        customer_id=current_customer_id(),
        start_date=args["start_date"],
        end_date=args["end_date"],
        mode=args["mode"],
        datasets=datasets,
        include_optimized=args["include_optimized"],
    )
    meta = {"customer_id": current_customer_id(), "query": args, "datasets": datasets}
    return api_ok(RawJSON(overview), "Retrieved Garmin analysis overview", meta=meta)


@blp.route("/activity/<int:activity_id>", methods=["GET"])
@auth_required
@blp.response(200, envelope(ActivitySchema))
def activity(activity_id: int):
    """One of your activities, with its GPS track."""
    text = found(
        queries.select_activity(customer_id=current_customer_id(), activity_id=activity_id),
        f"activity {activity_id}",
    )
    return api_ok(RawJSON(text), f"Retrieved activity {activity_id}")


@blp.route("/activity/<int:activity_id>/weather", methods=["GET"])
@auth_required
@blp.response(200, envelope(ActivityWeatherSchema))
def activity_weather(activity_id: int):
    """The weather at the start of one of your activities."""
    text = found(
        queries.select_activity_weather(customer_id=current_customer_id(), activity_id=activity_id),
        f"activity {activity_id}",
    )
    return api_ok(RawJSON(text), f"Retrieved weather for activity {activity_id}")


@blp.route("/activity/<int:activity_id>/hr-zones", methods=["GET"])
@auth_required
@blp.response(200, envelope(HrZonesSchema))
def activity_hr_zones(activity_id: int):
    """Time in heart-rate zones 1-5 of one of your activities: seconds and share per zone."""
    text = found(
        queries.select_activity_hr_zones(
            customer_id=current_customer_id(), activity_id=activity_id
        ),
        f"activity {activity_id}",
    )
    return api_ok(RawJSON(text), f"Retrieved HR zones for activity {activity_id}")
