"""A first FastAPI app: typed path and query parameters, an Enum, and route order."""

from fastapi import FastAPI, HTTPException, status

app = FastAPI(title="Hello, routes")

ITEMS: dict[int, str] = {1: "Keyboard", 2: "Mouse", 3: "Monitor", 4: "Laptop", 5: "Webcam"}

USERS: dict[int, str] = {1: "ada", 2: "grace", 3: "linus"}
CURRENT_USER_ID = 1
"""Who "me" is; there is no login in this kata."""

MODEL_YEARS: dict[str, int] = {"alexnet": 2012, "resnet": 2015, "lenet": 1998}
"""The models GET /models/{model_name} knows; any other name must be refused with a 422."""


def not_implemented(route: str) -> HTTPException:
    return HTTPException(status.HTTP_501_NOT_IMPLEMENTED, detail=f"{route} is not implemented")


@app.get("/items")
async def list_items() -> list[dict[str, object]]:
    # TODO: take `skip` (default 0) and `limit` (default 10) as int query parameters and return
    # [{"item_id": ..., "name": ...}, ...] for that slice of ITEMS, in id order.
    raise not_implemented("GET /items")


@app.get("/items/{item_id}")
async def read_item(item_id: str) -> dict[str, object]:
    # TODO: item_id is a whole number (let FastAPI refuse anything else with a 422), `q` is an
    # optional query parameter. Return {"item_id": ..., "name": ..., "q": <q or null>}, or 404
    # {"detail": "Item not found"} for an id that is not in ITEMS.
    raise not_implemented("GET /items/{item_id}")


@app.get("/greet")
async def greet() -> dict[str, str]:
    # TODO: query parameters `name` (default "World") and `excited` (a bool, default false);
    # answer {"message": "Hello, <name>."}, with "!" instead of "." when excited.
    raise not_implemented("GET /greet")


# TODO: GET /models/{model_name}: accept only the names in MODEL_YEARS (an Enum does this) and
# answer {"model_name": ..., "year": ...}.

# TODO: GET /users/me: answer the current user, {"id": 1, "username": "ada"}. Mind where you
# declare it relative to the route below.


@app.get("/users/{user_id}")
async def read_user(user_id: str) -> dict[str, object]:
    # TODO: user_id is a whole number; answer {"id": ..., "username": ...}, or 404
    # {"detail": "User not found"} for an id that is not in USERS.
    raise not_implemented("GET /users/{user_id}")
