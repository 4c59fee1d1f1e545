"""A small catalogue API wrapped in middleware: timing, request IDs, CORS and gzip."""

import re
import time
import uuid
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from app.routes import router

ALLOWED_ORIGINS = ["https://app.example.com", "https://admin.example.com"]
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")

app = FastAPI(title="Catalogue")
app.include_router(router)

app.add_middleware(GZipMiddleware, minimum_size=1000)
app.add_middleware(
    CORSMiddleware,
    allow_origins=ALLOWED_ORIGINS,
    allow_methods=["GET", "POST", "DELETE"],
    allow_headers=["Content-Type", "Authorization", "X-Request-ID"],
    expose_headers=["X-Request-ID", "X-Process-Time"],
    allow_credentials=True,
    max_age=600,
)


@app.middleware("http")
async def stamp(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Registered after CORS, so it is the outermost layer and sees preflights too."""
    started = time.perf_counter()
    response = await call_next(request)
    sent = request.headers.get("x-request-id", "")
    response.headers["X-Request-ID"] = (
        sent if SAFE_REQUEST_ID.fullmatch(sent) else str(uuid.uuid4())
    )
    response.headers["X-Process-Time"] = f"{time.perf_counter() - started:.6f}"
    return response
