"""The price list: expensive to compute, so the app should keep it for a while.

`compute_price_list` stands in for a slow pricing service (base prices, today's promotions,
rounding). The app never calls it directly: it calls `app.state.price_engine`, which is this
function in production and a counting fake under test.
"""

import math

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


# TODO: a cache for the price list. It keeps the list the engine returned and the time it was
#   fetched (from app.state.clock()), and fetches again once the list is PRICE_TTL_SECONDS old,
#   counted from the fetch, not from the last read.
