"""A first FastAPI app: the type hints on each route do the parsing and the 422s."""

from enum import StrEnum

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI(title="Hello, routes")

ITEMS: dict[int, str] = {1: "Keyboard", 2: "Mouse", 3: "Monitor", 4: "Laptop", 5: "Webcam"}

USERS: dict[int, str] = {1: "ada", 2: "grace", 3: "linus"}
CURRENT_USER_ID = 1
"""Who "me" is; there is no login in this kata."""


class ModelName(StrEnum):
    """Only these values match GET /models/{model_name}; anything else is a 422."""

    alexnet = "alexnet"
    resnet = "resnet"
    lenet = "lenet"


MODEL_YEARS: dict[ModelName, int] = {
    ModelName.alexnet: 2012,
    ModelName.resnet: 2015,
    ModelName.lenet: 1998,
}


class Item(BaseModel):
    item_id: int
    name: str


class ItemWithQuery(Item):
    q: str | None


class User(BaseModel):
    id: int
    username: str


class Model(BaseModel):
    model_name: ModelName
    year: int


@app.get("/items")
async def list_items(skip: int = 0, limit: int = 10) -> list[Item]:
    """Plain defaults make both parameters optional; the int hints turn "abc" into a 422."""
    ids = sorted(ITEMS)[skip : skip + limit]
    return [Item(item_id=item_id, name=ITEMS[item_id]) for item_id in ids]


@app.get("/items/{item_id}")
async def read_item(item_id: int, q: str | None = None) -> ItemWithQuery:
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return ItemWithQuery(item_id=item_id, name=ITEMS[item_id], q=q)


@app.get("/greet")
async def greet(name: str = "World", excited: str = "false") -> dict[str, str]:
    return {"message": f"Hello, {name}{'!' if excited == 'true' else '.'}"}


@app.get("/models/{model_name}")
async def read_model(model_name: ModelName) -> Model:
    return Model(model_name=model_name, year=MODEL_YEARS[model_name])


@app.get("/users/me")
async def read_me() -> User:
    """Declared before /users/{user_id}: routes match in order, and "me" is not an int."""
    return User(id=CURRENT_USER_ID, username=USERS[CURRENT_USER_ID])


@app.get("/users/{user_id}")
async def read_user(user_id: int) -> User:
    if user_id not in USERS:
        raise HTTPException(status_code=404, detail="User not found")
    return User(id=user_id, username=USERS[user_id])
