"""A small catalogue API wrapped in middleware: timing, request IDs, CORS and gzip."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from app.middleware import RequestContextMiddleware
from app.routes import router

ALLOWED_ORIGINS = ["https://app.example.com", "https://admin.example.com"]

app = FastAPI(title="Catalogue")
app.include_router(router)

# Each add_middleware wraps everything added before it: the last one added runs first.
app.add_middleware(GZipMiddleware, minimum_size=1000)
app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_methods=["GET", "POST", "DELETE"],
    allow_headers=["Content-Type", "Authorization", "X-Request-ID"],
    expose_headers=["X-Request-ID", "X-Process-Time"],
    allow_credentials=True,
    max_age=600,
)
app.add_middleware(RequestContextMiddleware)
