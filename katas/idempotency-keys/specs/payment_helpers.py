"""What the spec files share: a payment request, and posting it as one client."""

from typing import Any

ORDER = {"amount_cents": 1250, "currency": "EUR", "description": "Order 1042"}
"""A valid payment request body."""

ALICE = "client-alice"
BOB = "client-bob"


def pay(client: Any, key: str | None, body: dict[str, Any] = ORDER, who: str = ALICE) -> Any:
    """POST /payments as ``who``, with ``key`` as the Idempotency-Key (None: no header)."""
    headers = {"X-Client-Id": who}
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post("/payments", json=body, headers=headers)


def payments_of(client: Any, who: str = ALICE) -> list[dict[str, Any]]:
    r = client.get("/payments", headers={"X-Client-Id": who})
    assert r.status_code == 200, (
        f"expected 200 from GET /payments as {who}, got {r.status_code}: {r.text}"
    )
    return r.json()


def replayed(response: Any) -> bool:
    return response.headers.get("idempotent-replayed") == "true"
