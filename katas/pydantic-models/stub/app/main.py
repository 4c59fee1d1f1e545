"""Sign-up: validate and normalise the input, answer a profile without secrets."""

from fastapi import FastAPI, HTTPException, status

from .schemas import SignUp

app = FastAPI(title="Sign-up")

USERS: dict[int, object] = {}
"""Signed-up users by id, starting at 1. There is no login in this kata: keep no password."""


@app.post("/users")
async def sign_up(body: SignUp) -> dict[str, object]:
    # TODO: answer 201 with the public profile (id, email, full_name, address, phones,
    # newsletter) and keep it in USERS; never echo the password or its confirmation.
    raise HTTPException(status.HTTP_501_NOT_IMPLEMENTED, detail="POST /users is not implemented")


@app.get("/users/{user_id}")
async def read_user(user_id: int) -> dict[str, object]:
    # TODO: the profile POST /users answered for that id, or 404 {"detail": "User not found"}.
    raise HTTPException(
        status.HTTP_501_NOT_IMPLEMENTED, detail="GET /users/{id} is not implemented"
    )
