"""Sandboxes: one interface (``base.Sandbox``), one module per backend."""

from grader.sandbox.base import LaunchRequest, Outcome, Sandbox, SandboxRequest
from grader.sandbox.bwrap import BwrapSandbox
from grader.sandbox.process import ProcessSandbox

BACKENDS: dict[str, type[Sandbox]] = {
    backend.name: backend for backend in (ProcessSandbox, BwrapSandbox)
}

__all__ = [
    "BACKENDS",
    "BwrapSandbox",
    "LaunchRequest",
    "Outcome",
    "ProcessSandbox",
    "Sandbox",
    "SandboxRequest",
]
