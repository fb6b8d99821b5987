"""Chat history (blueprint at /api/v1/chat): routes.py serves the REST routes; legacy.py adds
POST /legacy, the old automation payload, mapped onto the same operations; original_groups.py
serves the group routes at the original's /api/v1/groups, in its bare answer shapes."""

from app.chat import legacy
from app.chat.original_groups import blp as groups_blp
from app.chat.routes import blp

__all__ = ["blp", "groups_blp", "legacy"]
