"""The settings the app should have read: kata.toml's [env], which the specs see too."""

import os

NAME = os.environ["APP_NAME"]
GREETING = os.environ["APP_GREETING"]
MAX_ITEMS = int(os.environ["APP_MAX_ITEMS"])
DATABASE_URL = os.environ["APP_DATABASE_URL"]
POOL_SIZE = int(os.environ["APP_POOL_SIZE"])
