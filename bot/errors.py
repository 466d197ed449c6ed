"""Errors the core raises for bad input: their text is what the user sees, privately."""


class UserError(Exception):
    """The request cannot be done as asked; the message says why and what to do instead."""

    kind = "bad_input"


class NotFound(UserError):
    kind = "not_found"


class Refused(UserError):
    """The member may not do this; `attempted` names the kind of act and `tried` the words, for the audit log."""

    kind = "refused"

    def __init__(self, message: str, *, attempted: str = "", tried: str = "") -> None:
        super().__init__(message)
        self.attempted = attempted
        self.tried = tried
