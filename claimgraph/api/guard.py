"""Request guards applied before any route reads the body: size limit, Host allow-list, read and write tokens.

They run as one ASGI middleware so that an unauthenticated or oversized request is answered from
its headers alone (a 100 MB POST without a token costs the server nothing), and every answer is JSON.
"""

from __future__ import annotations

import json
import secrets
from http import HTTPStatus
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimgraph.settings import ApiSettings

TOKEN_COOKIE = "claimgraph_token"
PROBLEM_TYPE = b"application/problem+json"
# paths that change the store: they need the write token whatever the method says
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# static assets hold no data: served without the read token so the login page can load
PUBLIC_PREFIXES = ("/docs/static/", "/static/", "/ui/static/")
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def json_body(status: int, detail: str) -> tuple[int, bytes]:
    """A problem-details error body (RFC 9457, as claimgraph.api.problems writes them), ASCII-escaped."""
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    return status, json.dumps({"type": "about:blank", "title": title, "status": status,
                               "detail": detail}).encode("ascii")


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return ""


def _bearer(scope: Scope) -> str:
    scheme, _, given = _header(scope, b"authorization").partition(" ")
    return given.strip() if scheme.lower() == "bearer" else ""


def _matches(given: str, token: str) -> bool:
    return bool(token) and bool(given) and secrets.compare_digest(given.encode(), token.encode())


def host_allowed(host_header: str, allowed: list[str]) -> bool:
    """Whether the Host header names one of the allowed hosts (with or without a port); `*` allows any."""
    if "*" in allowed:
        return True
    host = host_header.strip().lower()
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 or host.startswith("[") and "]:" in host else host
    return any(name == a.lower() or host == a.lower() for a in allowed)


class RequestGuard:
    """ASGI middleware: Host allow-list, body size limit, write token and read token, all before the body."""

    def __init__(self, app: ASGIApp, api: ApiSettings) -> None:
        self.app = app
        self.api = api

    def _refusal(self, scope: Scope) -> tuple[int, bytes] | None:
        api = self.api
        if api.allowed_hosts and not host_allowed(_header(scope, b"host"), api.allowed_hosts):
            return json_body(421, "this server does not answer for that Host")
        length = _header(scope, b"content-length")
        if length and (not length.isdigit() or int(length) > api.max_body_bytes):
            return json_body(413, f"request body over {api.max_body_bytes:,} bytes")
        path = scope.get("path", "")
        given = _bearer(scope)
        if scope.get("method", "GET") in WRITE_METHODS and path.startswith("/api/"):
            if api.read_only:
                return json_body(403, "the server runs read-only")
            if not api.token:
                return json_body(403, "write endpoints are off: start the server with a token (--token-file)")
            if not _matches(given, api.token):
                return json_body(401, "a valid bearer token is required")
            return None
        if api.read_token and not path.startswith(PUBLIC_PREFIXES):
            cookie = SimpleCookie(_header(scope, b"cookie")).get(TOKEN_COOKIE)
            query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
            if not any(_matches(t, api.read_token) or _matches(t, api.token)
                       for t in (given, cookie.value if cookie else "", query)):
                return json_body(401, "a valid read token is required (Authorization: Bearer, or ?token=)")
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer a refused request from its headers; limit the body of the others as it streams in."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            status, body = refusal
            headers = [(b"content-type", PROBLEM_TYPE), (b"content-length", str(len(body)).encode())]
            if status == 401:
                headers.append((b"www-authenticate", b"Bearer"))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        limit = self.api.max_body_bytes
        seen = 0
        refused = False
        set_cookie = self._query_token(scope)

        async def limited_receive() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit and not refused:  # a chunked body without Content-Length past the limit
                    refused = True
                    status, body = json_body(413, f"request body over {limit:,} bytes")
                    await send({"type": "http.response.start", "status": status,
                                "headers": [(b"content-type", PROBLEM_TYPE)]})
                    await send({"type": "http.response.body", "body": body})
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if refused:  # the 413 is sent; whatever the app answers after the disconnect is dropped
                return
            if set_cookie and message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", set_cookie)]}
            await send(message)

        await self.app(scope, limited_receive, guarded_send)

    def _query_token(self, scope: Scope) -> bytes:
        """A Set-Cookie value keeping a read token given as ?token= for the browser's later requests."""
        query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
        if self.api.read_token and _matches(query, self.api.read_token):
            return f"{TOKEN_COOKIE}={query}; HttpOnly; SameSite=Strict; Path=/".encode("latin-1")
        return b""
