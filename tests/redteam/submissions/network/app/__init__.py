"""At import, try to reach the network: a TCP listener on the host's loopback (its port is in
redteam_target.json beside the project), a public address and a DNS name; print what worked."""

import json
import socket
import sys
from pathlib import Path


def attempt(what: str, action) -> None:
    try:
        action()
    except OSError as exc:
        print(f"REDTEAM-NET {what}: unreachable ({type(exc).__name__}: {exc})", flush=True)
    else:
        print(f"REDTEAM-NET {what}: CONNECTED", flush=True)


def connect(host: str, port: int) -> None:
    with socket.create_connection((host, port), timeout=2) as connection:
        connection.sendall(b"REDTEAM-EXFILTRATED\n")


if not getattr(sys, "_redteam_net", False):
    sys._redteam_net = True
    target = json.loads((Path(__file__).parent.parent / "redteam_target.json").read_text())
    attempt(f"tcp 127.0.0.1:{target['port']}", lambda: connect("127.0.0.1", target["port"]))
    attempt("tcp 1.1.1.1:53", lambda: connect("1.1.1.1", 53))
    attempt("dns example.com", lambda: socket.getaddrinfo("example.com", 443))
