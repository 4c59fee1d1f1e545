"""The app's settings, behind one dependency so tests can swap them.

Everything that needs a setting asks for it with `Depends(get_settings)`; nothing calls
`get_settings()` itself. That is what lets `app.dependency_overrides[get_settings]` reach every
use at once.
"""

from functools import lru_cache
from typing import Annotated

from fastapi import Depends
from pydantic import BaseModel, Field


class Settings(BaseModel):
    api_keys: dict[str, str] = Field(
        default_factory=lambda: {"key-ada": "ada", "key-bob": "bob"},
        description="API key -> the user it belongs to",
    )
    max_page_size: int = Field(default=50, ge=1, description="the most items one page may hold")


@lru_cache
def get_settings() -> Settings:
    """Build the settings once; every request shares them."""
    return Settings()


SettingsDep = Annotated[Settings, Depends(get_settings)]
