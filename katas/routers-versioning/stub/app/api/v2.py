"""Version 2: a user's name comes in two parts, and lists come wrapped with their total.

TODO: serve the same users (the same store as v1) under /api/v2, tagged "v2", not deprecated:
  - GET  /api/v2/users            -> 200 {"items": [user, ...], "total": n}
  - POST /api/v2/users            -> 201 user, from {"first_name", "last_name", "email"}
  - GET  /api/v2/users/{user_id}  -> 200 user, or 404
where a user is {"id", "first_name", "last_name", "email"}.
"""

from fastapi import APIRouter

router = APIRouter()
