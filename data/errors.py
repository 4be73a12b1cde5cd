"""The one error family a user can cause: bad files, bad options, a missing model.

Everything that is the user's to fix subclasses ``UserError``; the command line prints
those as one clear message with exit status 2. Any other exception is a bug and keeps
its traceback.
"""
from __future__ import annotations


class UserError(Exception):
    """Something in what the user gave (a file, an option, a folder) is wrong; the message says what."""


class OptionError(UserError, ValueError):
    """An option or argument value that cannot work (``--cv 1``, two files of different sentences, ...)."""
