"""The site's guard, as ASGI middleware: logins throttled, the password tool off, POSTs only where the site
takes them and only as plain forms, and a login that returns the editor to the page they came from."""

from __future__ import annotations

import http.cookies
import urllib.parse
from typing import Any

from datasette.utils.asgi import Response

from ..login_throttle import LoginThrottle

NEXT_COOKIE = "factcheck_next"  # the page to return to after logging in
WRITABLE_PATHS = {"/-/factcheck/review", "/-/login", "/-/logout"}  # the only pages that take a POST
LOGIN_BODY_LIMIT = 64 * 1024  # a login form is small: the rest of a larger body is not read for its name


def guarded_logins(app: Any, throttle: LoginThrottle) -> Any:
    """ASGI middleware for the accounts: repeated failed logins of an account or from an address are refused
    for a while (429), and the password tool, which would make the server hash passwords for anyone, is off
    (``factcheck add-editor`` makes the hashes)."""

    async def guarded(scope: dict, receive: Any, send: Any) -> None:
        path = scope.get("path", "") if scope.get("type") == "http" else ""
        if path.rstrip("/") == "/-/password-tool":
            await Response.text("Not here: editors' passwords are set with `factcheck add-editor NAME`.",
                                status=404).asgi_send(send)
            return
        if scope.get("method") == "POST" and path.rstrip("/") not in WRITABLE_PATHS:
            # canned queries and tables are read-only: Datasette answered a POST to them with a 500
            await Response.text("This page is read-only: editors review records on their row pages.",
                                status=405, headers={"Allow": "GET, HEAD"}).asgi_send(send)
            return
        if scope.get("method") == "POST" and not dict(scope.get("headers") or []).get(
                b"content-type", b"").startswith(b"application/x-www-form-urlencoded"):
            # the site's forms are plain ones; a multipart post made the CSRF check answer 500
            await Response.text("Send the page's own form (application/x-www-form-urlencoded).",
                                status=415).asgi_send(send)
            return
        if path.rstrip("/") == "/-/login" and scope.get("method") == "GET":
            await app(scope, receive, remembering_next(scope, send))
            return
        if path.rstrip("/") != "/-/login" or scope.get("method") != "POST":
            await app(scope, receive, send)
            return
        body, receive = await read_body(receive)
        username = urllib.parse.parse_qs(body.decode("latin-1")).get("username", [""])[0]
        keys = [f"user:{username}", f"ip:{(scope.get('client') or ('?',))[0]}"]
        wait = throttle.retry_after(keys)
        if wait is not None:
            await Response.text(f"Too many failed logins for this account or from this address: try again in "
                                f"{wait} s.", status=429, headers={"Retry-After": str(wait)}).asgi_send(send)
            return

        async def observed(message: dict) -> None:
            if message.get("type") == "http.response.start":
                cookies = [value for name, value in message.get("headers", []) if name.lower() == b"set-cookie"]
                if message["status"] == 302 and any(value.startswith(b"ds_actor=") for value in cookies):
                    throttle.succeeded(keys)
                    message = back_to_next(scope, message)
                elif message["status"] == 200:  # the form again, with "Invalid username or password"
                    throttle.failed(keys)
            await send(message)

        await app(scope, receive, observed)

    return guarded


def safe_next(value: str | None) -> str | None:
    """A page of this site to return to after logging in (``/factcheck/claims/c_1``), never another site."""
    if value and value.startswith("/") and not value.startswith(("//", "/\\")) and "\n" not in value \
            and "\r" not in value:
        return value
    return None


def remembering_next(scope: dict, send: Any) -> Any:
    """``send`` for the login page: ``?next=/page`` is kept in a cookie, which ``back_to_next`` reads once the
    password is right (datasette-auth-passwords always returns editors to ``/``)."""
    wanted = safe_next(urllib.parse.parse_qs(scope.get("query_string", b"").decode("latin-1")).get("next", [""])[0])
    if wanted is None:
        return send

    async def sending(message: dict) -> None:
        if message.get("type") == "http.response.start":
            cookie = f"{NEXT_COOKIE}={urllib.parse.quote(wanted)}; Path=/-/login; HttpOnly; SameSite=Lax"
            message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie.encode())]}
        await send(message)

    return sending


def back_to_next(scope: dict, message: dict) -> dict:
    """A successful login's redirect, sent to the page the editor came from (kept by ``remembering_next``)."""
    cookies = http.cookies.SimpleCookie()
    for name, value in scope.get("headers") or []:
        if name == b"cookie":
            cookies.load(value.decode("latin-1"))
    wanted = safe_next(urllib.parse.unquote(cookies[NEXT_COOKIE].value)) if NEXT_COOKIE in cookies else None
    if wanted is None:
        return message
    headers = [(name, value) for name, value in message.get("headers", []) if name.lower() != b"location"]
    headers += [(b"location", wanted.encode("latin-1", "replace")),
                (b"set-cookie", f"{NEXT_COOKIE}=; Path=/-/login; Max-Age=0".encode())]
    return {**message, "headers": headers}


async def read_body(receive: Any) -> tuple[bytes, Any]:
    """The whole request body, and a ``receive`` that hands it on again (up to ``LOGIN_BODY_LIMIT`` bytes)."""
    chunks, more = [], True
    while more and sum(map(len, chunks)) <= LOGIN_BODY_LIMIT:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(chunks)
    replayed = False

    async def replay() -> dict:
        nonlocal replayed
        if replayed:
            return await receive()  # the rest of a body past the limit
        replayed = True
        return {"type": "http.request", "body": body, "more_body": more}

    return body, replay
