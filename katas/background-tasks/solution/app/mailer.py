"""A stand-in for an SMTP client: it "sends" an e-mail by appending it to its outbox.

A real mail server takes its time and sometimes refuses a recipient. This one answers at once
(after giving the event loop a turn, as real network I/O would) and refuses every address in the
reserved `.invalid` top-level domain, so a job can be made to fail on purpose.
"""

import asyncio
from dataclasses import dataclass


class DeliveryError(Exception):
    """The mail server refused a recipient; the message names the address."""


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str


class Mailer:
    """Sends e-mails one at a time; everything it delivered is in `outbox`, in order."""

    def __init__(self) -> None:
        self.outbox: list[Email] = []

    async def send(self, to: str, subject: str, body: str) -> None:
        """Deliver one e-mail, or raise DeliveryError if the recipient's domain is `.invalid`."""
        await asyncio.sleep(0)
        domain = to.rpartition("@")[2].lower()
        if domain == "invalid" or domain.endswith(".invalid"):
            raise DeliveryError(f"mailbox unavailable: {to}")
        self.outbox.append(Email(to=to, subject=subject, body=body))
