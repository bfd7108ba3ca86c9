"""
Exceptions the discrepancy library raises for problems the user can fix:

* DiscrepancyError
  x CorpusError      - the corpus folder or an article file is unusable
  x SettingsError    - a settings file has an unknown key or a bad value
  x DecisionsError   - the decisions file is unreadable or malformed, or a decision is invalid
    x DecisionConflict - a decision changed on disk since the writer read it

Anything else escaping the library is a bug.
"""

from .safe import escape_line


class DiscrepancyError(Exception):
    """A problem the user can fix; the message names the file and the problem, on one line
    whatever the file's name holds (a line break in a name is written as an escape)."""

    def __init__(self, message: object = "", *args: object) -> None:
        super().__init__(escape_line(str(message)), *args)


class CorpusError(DiscrepancyError):
    """The corpus folder or one of its files cannot be used."""


class SettingsError(DiscrepancyError):
    """A settings file is malformed or has an unknown key."""


class DecisionsError(DiscrepancyError):
    """The decisions file cannot be used, or a decision is invalid."""


class DecisionConflict(DecisionsError):
    """A decision was changed by another writer since this one read it; nothing was written."""

    def __init__(self, message: str, dec_id: str) -> None:
        super().__init__(message)
        self.id = dec_id
