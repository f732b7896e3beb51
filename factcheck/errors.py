"""Narrow, named errors. The CLI turns each into a one-line message naming the input."""


class FactcheckError(Exception):
    """Base class of every error factcheck raises on purpose."""


class InputError(FactcheckError):
    """An input file or record cannot be read as an article (the message names it and says why)."""


class NotAnArticle(InputError):
    """A file that holds no article (a corpus's gold standard or statistics, a README): skipped, not a failure."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.name, self.reason = path, reason

    def __reduce__(self) -> tuple:  # pickled between worker processes with both arguments
        return type(self), (self.name, self.reason)


class OverBudget(FactcheckError):
    """Parsing an article took longer than its time budget (``pipeline.time_budget``)."""


class ResourceError(FactcheckError):
    """A resource table under factcheck/resources/ is missing or malformed."""


class SpanError(FactcheckError, ValueError):
    """A record's character span does not fit the article text."""
