"""Settings, read from the environment (APP_NAME, APP_MAX_ITEMS, ...) and typed by pydantic."""

from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    """Each field reads the variable of its name; a wrong value stops the app at start-up."""

    name: str = "Demo API"
    greeting: str = "Hello"
    max_items: int = Field(default=10, ge=1)
    database_url: str = "fake://localhost:5432/demo"
    pool_size: int = Field(default=5, ge=1)
