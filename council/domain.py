"""Domain errors: a broken rule, with a message written for the person using the site."""
from __future__ import annotations


class DomainError(Exception):
    """A broken rule; `message` is written for the person using the site."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


class InvalidTransition(DomainError):
    """A state change that the object's current state does not allow."""


class NotAllowed(DomainError):
    """The rule forbids this action for this person or object."""
