"""A small catalogue API wrapped in middleware: timing, request IDs, CORS and gzip."""

from fastapi import FastAPI

from app.routes import router

app = FastAPI(title="Catalogue")
app.include_router(router)

# TODO: a middleware that gives every response an X-Request-ID (the client's own if it is safe,
# otherwise a new UUID4; also on request.state.request_id) and an X-Process-Time in seconds.
# TODO: CORS for https://app.example.com and https://admin.example.com only (see the README for
# the methods, headers, exposed headers and credentials).
# TODO: gzip for responses of 1000 bytes or more.
# Mind the order: the middleware added last is the outermost one and runs first.
