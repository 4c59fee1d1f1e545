"""Lending books and getting them back."""

from helpers import add


def test_lending_answers_201_and_the_book_is_out(client):
    created = add(client)
    response = client.post(f"/books/{created['id']}/loan", json={"borrower": "Genly Ai"})
    assert response.status_code == 201
    assert response.json() == {"book_id": created["id"], "borrower": "Genly Ai"}
    assert client.get(f"/books/{created['id']}").json()["available"] is False


def test_lending_a_book_on_loan_is_409(client):
    created = add(client)
    client.post(f"/books/{created['id']}/loan", json={"borrower": "Genly Ai"})
    response = client.post(f"/books/{created['id']}/loan", json={"borrower": "Estraven"})
    assert response.status_code == 409
    assert response.json() == {"detail": "The book is already on loan"}


def test_lending_an_unknown_book_is_404(client):
    response = client.post("/books/999/loan", json={"borrower": "Genly Ai"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Book not found"}


def test_a_loan_needs_a_borrower(client):
    created = add(client)
    assert client.post(f"/books/{created['id']}/loan", json={}).status_code == 422
    assert client.post(f"/books/{created['id']}/loan", json={"borrower": ""}).status_code == 422


def test_returning_makes_the_book_available_again(client):
    created = add(client)
    client.post(f"/books/{created['id']}/loan", json={"borrower": "Genly Ai"})
    response = client.delete(f"/books/{created['id']}/loan")
    assert response.status_code == 204
    assert client.get(f"/books/{created['id']}").json()["available"] is True
    again = client.post(f"/books/{created['id']}/loan", json={"borrower": "Estraven"})
    assert again.status_code == 201


def test_returning_a_book_not_on_loan_is_409(client):
    created = add(client)
    response = client.delete(f"/books/{created['id']}/loan")
    assert response.status_code == 409
    assert response.json() == {"detail": "The book is not on loan"}


def test_returning_an_unknown_book_is_404(client):
    assert client.delete("/books/999/loan").status_code == 404


def test_a_book_on_loan_cannot_be_deleted(client):
    created = add(client)
    client.post(f"/books/{created['id']}/loan", json={"borrower": "Genly Ai"})
    response = client.delete(f"/books/{created['id']}")
    assert response.status_code == 409
    assert response.json() == {"detail": "The book is on loan"}
    assert client.get(f"/books/{created['id']}").status_code == 200
