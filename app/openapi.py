"""`make openapi`: write the OpenAPI document (no database needed)."""

from __future__ import annotations

import json
import sys

from app import create_app


def main(path: str) -> None:
    app = create_app({})
    with app.app_context():
        spec = app.extensions["api_docs"].spec.to_dict()
    with open(path, "w", encoding="utf-8") as out:
        json.dump(spec, out, indent=2)
    print(f"wrote {path}: {len(spec['paths'])} paths")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "openapi.json")
