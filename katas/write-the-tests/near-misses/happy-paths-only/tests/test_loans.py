"""Lending books and getting them back."""

from helpers import add


def test_lending_answers_201_and_the_book_is_out(client):
    created = add(client)
    response = client.post(f"/books/{created['id']}/loan", json={"borrower": "Genly Ai"})
    assert response.status_code == 201
    assert response.json() == {"book_id": created["id"], "borrower": "Genly Ai"}
    assert client.get(f"/books/{created['id']}").json()["available"] is False


def test_returning_makes_the_book_available_again(client):
    created = add(client)
    client.post(f"/books/{created['id']}/loan", json={"borrower": "Genly Ai"})
    response = client.delete(f"/books/{created['id']}/loan")
    assert response.status_code == 204
    assert client.get(f"/books/{created['id']}").json()["available"] is True
    again = client.post(f"/books/{created['id']}/loan", json={"borrower": "Estraven"})
    assert again.status_code == 201
