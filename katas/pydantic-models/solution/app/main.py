"""Sign-up with validated, normalised input and an output model that leaves secrets out."""

from fastapi import FastAPI, HTTPException, status

from .schemas import SignUp, UserOut

app = FastAPI(title="Sign-up")

USERS: dict[int, UserOut] = {}
"""Signed-up users by id. No password is kept: this kata has no login (a real app keeps a hash)."""


@app.post("/users", status_code=status.HTTP_201_CREATED)
async def sign_up(body: SignUp) -> UserOut:
    user_id = max(USERS, default=0) + 1
    user = UserOut.model_validate(
        {**body.model_dump(exclude={"password", "password_confirm"}), "id": user_id}
    )
    USERS[user_id] = user
    return user


@app.get("/users/{user_id}")
async def read_user(user_id: int) -> UserOut:
    user = USERS.get(user_id)
    if user is None:
        raise HTTPException(status_code=404, detail="User not found")
    return user
