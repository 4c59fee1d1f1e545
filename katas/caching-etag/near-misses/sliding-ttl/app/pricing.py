"""The price list: expensive to compute, so the app keeps it for a while.

`compute_price_list` stands in for a slow pricing service (base prices, today's promotions,
rounding). The app never calls it directly: it calls `app.state.price_engine`, which is this
function in production and a counting fake under test.
"""

import asyncio
import math
from collections.abc import Callable

PRICE_TTL_SECONDS = 30.0
"""How long a fetched price list is served before the engine is asked again."""

PriceList = dict[int, int]
"""Price in cents of every product, by product id."""

BASE_PRICES: PriceList = {1: 24900, 2: 8900, 3: 1900}
PROMOTION = 0.9
"""Today's promotion: 10% off everything."""


def compute_price_list() -> PriceList:
    """Every product's price today, in cents; slow in real life, so call it rarely."""
    return {product_id: math.ceil(cents * PROMOTION) for product_id, cents in BASE_PRICES.items()}


class PriceCache:
    """Holds the last price list until nobody has read it for `ttl` seconds.

    The lock makes concurrent misses wait for one fetch instead of
    each calling the engine (no stampede).
    """

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._prices: PriceList | None = None
        self._fetched_at = -math.inf
        self._lock = asyncio.Lock()

    async def get(self, engine: Callable[[], PriceList], clock: Callable[[], float]) -> PriceList:
        """The cached price list, fetched again from `engine` once it is `ttl` seconds old."""
        async with self._lock:
            now = clock()
            if self._prices is None or now - self._fetched_at >= self.ttl:
                # The engine is slow and synchronous: keep it off the event loop.
                self._prices = await asyncio.to_thread(engine)
            self._fetched_at = now
            return self._prices
