"""Coded user errors: what the CLI prints as ``path:line:col: error[Exxx]: message``.

Bugs stay bugs (plain exceptions with tracebacks); anything a user can cause
by their input or flags is a ``CheckerError`` with a code, so the CLI and the
Python API report it the same way.
"""

from __future__ import annotations


class CheckerError(Exception):
    """Base of every error a user can cause. ``code`` is stable; tests check it."""

    code = "E100"

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint
        if code:
            self.code = code

    def location(self) -> str:
        parts = [p for p in (self.path, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: error[{self.code}]: {self.message}" if where else f"error[{self.code}]: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class UsageError(CheckerError):
    """A bad flag or argument."""

    code = "E201"


class CorpusError(CheckerError):
    """A document or corpus file that cannot be read."""

    code = "E210"


class RulePackError(CheckerError):
    """A rule pack that does not load or validate."""

    code = "E220"


class ModelError(CheckerError):
    """No usable spaCy model."""

    code = "E230"
