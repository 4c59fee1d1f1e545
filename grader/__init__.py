"""kata: a kata runner and take-home grader for FastAPI."""

__version__ = "0.1.0"
