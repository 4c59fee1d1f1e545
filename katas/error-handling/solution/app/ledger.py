"""The bank's accounts, kept in memory: the only code that knows the banking rules."""

from dataclasses import dataclass

from app.errors import AccountNotFound, InsufficientFunds


@dataclass
class Account:
    id: str
    owner: str
    balance_cents: int


class Ledger:
    """Accounts by id; a transfer either moves the whole amount or raises and moves nothing."""

    def __init__(self, accounts: list[Account]) -> None:
        self._accounts = {account.id: account for account in accounts}

    @classmethod
    def with_demo_accounts(cls) -> "Ledger":
        return cls(
            [
                Account("acc-1", "Ada Lovelace", 10_000),
                Account("acc-2", "Grace Hopper", 2_500),
                Account("acc-3", "Alan Turing", 0),
            ]
        )

    def list_accounts(self, limit: int) -> list[Account]:
        return sorted(self._accounts.values(), key=lambda account: account.id)[:limit]

    def get(self, account_id: str) -> Account:
        account = self._accounts.get(account_id)
        if account is None:
            raise AccountNotFound(account_id)
        return account

    def transfer(self, from_id: str, to_id: str, amount_cents: int) -> tuple[Account, Account]:
        """Move money between two accounts; both must exist and the payer must cover it."""
        payer = self.get(from_id)
        payee = self.get(to_id)
        if payer.balance_cents < amount_cents:
            raise InsufficientFunds(payer.id, payer.balance_cents, amount_cents)
        payer.balance_cents -= amount_cents
        payee.balance_cents += amount_cents
        return payer, payee
