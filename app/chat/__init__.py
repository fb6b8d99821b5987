"""Chat history (blueprint at /api/v1/chat): routes.py serves the REST routes; legacy.py adds
POST /legacy, the old automation payload, mapped onto the same operations."""

from app.chat import legacy
from app.chat.routes import blp, groups_blp

__all__ = ["blp", "groups_blp", "legacy"]
