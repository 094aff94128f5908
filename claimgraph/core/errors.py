"""Errors a user can act on: the CLI prints them as one line, without a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A fault in the user's input or set-up (a missing folder, an unreachable server), told in one line."""
