"""Chat history, in four blueprints that app/factory.py registers:

- routes.py, /api/v1/chat: messages, sessions, prompts, summaries, maintenance, login alias;
- group_routes.py, /api/v1/chat/groups: multi-agent group chats;
- legacy.py, /api/v1/chat/legacy: the old automation payload, mapped onto the operations;
- original_groups.py, /api/v1/groups: the group routes in the original's bare answer shapes.

operations.py holds the work routes.py and legacy.py share; queries.py binds sql/chat/.
"""
