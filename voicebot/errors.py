"""Errors a user can act on: shown as one line, exit code 1, no traceback."""


class UserError(Exception):
    """Bad input from a user (file, flag, tenant): the message names the place and the fix."""
