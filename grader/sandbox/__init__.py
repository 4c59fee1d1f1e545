"""Sandboxes: one interface (``base.Sandbox``), one module per backend."""

from grader.sandbox.base import Outcome, Sandbox, SandboxRequest
from grader.sandbox.process import ProcessSandbox

BACKENDS: dict[str, type[Sandbox]] = {ProcessSandbox.name: ProcessSandbox}

__all__ = ["BACKENDS", "Outcome", "ProcessSandbox", "Sandbox", "SandboxRequest"]
