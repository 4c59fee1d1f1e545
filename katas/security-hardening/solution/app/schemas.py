"""What clients send and get: never the email, the bio or the password hash of others."""

from pydantic import BaseModel, ConfigDict, Field


class UserIn(BaseModel):
    username: str = Field(pattern=r"^[a-z0-9_.]{3,30}$")
    name: str = Field(min_length=1, max_length=100)
    email: str = Field(min_length=3, max_length=254)
    bio: str = Field(default="", max_length=10_000)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    name: str
