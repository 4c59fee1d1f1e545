"""The app's settings.

TODO: read them from the environment. Make Settings a pydantic-settings `BaseSettings` whose
fields read APP_<FIELD NAME> (APP_NAME, APP_GREETING, APP_MAX_ITEMS, APP_DATABASE_URL,
APP_POOL_SIZE), keeping these defaults and types; max_items and pool_size are at least 1.
"""

from pydantic import BaseModel


class Settings(BaseModel):
    name: str = "Demo API"
    greeting: str = "Hello"
    max_items: int = 10
    database_url: str = "fake://localhost:5432/demo"
    pool_size: int = 5
