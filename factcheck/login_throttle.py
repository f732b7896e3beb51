"""Slowing down password guessing: failed logins counted per account and per address, then a lock-out.

Pure bookkeeping (the Datasette plugin asks it before a login and tells it the outcome after), kept in the
server's memory: a restart forgets it, which is no help to a guesser that must wait out each lock-out.

Example::

    throttle = LoginThrottle()
    if throttle.retry_after(["user:carol", "ip:10.0.0.5"]) is None:
        ...  # try the password, then throttle.failed([...]) or throttle.succeeded([...])
"""

from __future__ import annotations

import time
from collections import defaultdict, deque

MAX_FAILURES = 5  # failed logins allowed within WINDOW_SECONDS, per account and per address
WINDOW_SECONDS = 15 * 60
LOCK_SECONDS = 5 * 60  # then every login of that account or address is refused for this long


class LoginThrottle:
    """Failed logins per key (``user:NAME``, ``ip:ADDRESS``) within a window, and the lock-outs they earn."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS,
                 lock: float = LOCK_SECONDS, clock=time.monotonic) -> None:
        self.max_failures, self.window, self.lock, self.clock = max_failures, window, lock, clock
        self.failures: dict[str, deque[float]] = defaultdict(deque)
        self.locked_until: dict[str, float] = {}

    def retry_after(self, keys: list[str]) -> int | None:
        """Seconds until a login under any of ``keys`` may be tried again, or None when it may be now."""
        now = self.clock()
        waits = [until - now for key in keys if (until := self.locked_until.get(key, 0.0)) > now]
        return max(1, round(max(waits))) if waits else None

    def failed(self, keys: list[str]) -> None:
        """A wrong password: counted for each key; the key that reaches the limit is locked out."""
        now = self.clock()
        for key in keys:
            recent = self.failures[key]
            recent.append(now)
            while recent and recent[0] < now - self.window:
                recent.popleft()
            if len(recent) >= self.max_failures:
                self.locked_until[key] = now + self.lock
                recent.clear()

    def succeeded(self, keys: list[str]) -> None:
        """A right password: the account's failures are forgotten (the address's are kept)."""
        for key in keys:
            if key.startswith("user:"):
                self.failures.pop(key, None)
