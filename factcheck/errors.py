"""Narrow, named errors. The CLI turns each into a one-line message naming the input."""


class FactcheckError(Exception):
    """Base class of every error factcheck raises on purpose."""


class InputError(FactcheckError):
    """An input file or record cannot be read as an article (the message names it and says why)."""


class ResourceError(FactcheckError):
    """A resource table under factcheck/resources/ is missing or malformed."""


class SpanError(FactcheckError, ValueError):
    """A record's character span does not fit the article text."""
