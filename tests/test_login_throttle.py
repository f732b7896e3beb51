"""Failed logins lock an account or an address out for a while, then it may try again."""

from __future__ import annotations

from factcheck.login_throttle import LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_fifth_failure_within_the_window_locks_out_until_the_lock_ends():
    clock = Clock()
    throttle = LoginThrottle(max_failures=5, window=900, lock=300, clock=clock)
    keys = ["user:carol", "ip:10.0.0.5"]
    for _ in range(4):
        throttle.failed(keys)
        assert throttle.retry_after(keys) is None
    throttle.failed(keys)
    assert throttle.retry_after(keys) == 300
    assert throttle.retry_after(["user:alice", "ip:10.0.0.5"]) == 300  # the address is locked too
    assert throttle.retry_after(["user:carol", "ip:10.0.0.6"]) == 300  # and the account from anywhere
    clock.now = 301
    assert throttle.retry_after(keys) is None


def test_failures_spread_beyond_the_window_never_lock_out_and_a_success_forgets_the_account():
    clock = Clock()
    throttle = LoginThrottle(max_failures=3, window=60, lock=300, clock=clock)
    for minute in range(10):
        clock.now = 61.0 * minute
        throttle.failed(["user:carol"])
    assert throttle.retry_after(["user:carol"]) is None
    throttle.failed(["user:carol"])
    throttle.succeeded(["user:carol"])
    throttle.failed(["user:carol"])
    assert throttle.retry_after(["user:carol"]) is None
