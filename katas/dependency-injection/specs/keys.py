"""The API keys of the default settings, as request headers."""

ADA = {"X-API-Key": "key-ada"}
BOB = {"X-API-Key": "key-bob"}
