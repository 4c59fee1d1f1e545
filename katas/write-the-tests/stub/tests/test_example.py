"""Your tests of the library's API: start here, and add as many modules as you like.

Each test asks for `client` and talks to the app through it, as any HTTP client would:
`client.get(...)`, `client.post(..., json=...)`, `client.delete(...)`. Every test gets a fresh app
with an empty library.
"""


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_adding_a_book_answers_201_with_the_book(client):
    new_book = {
        "isbn": "9780441478125",
        "title": "The Left Hand of Darkness",
        "author": "Ursula K. Le Guin",
        "year": 1969,
        "tags": ["sf"],
    }
    response = client.post("/books", json=new_book)
    assert response.status_code == 201
    created = response.json()
    assert created == new_book | {"id": created["id"], "available": True}
