"""API errors as RFC 9457 problem details, the token's security scheme in OpenAPI, and gzip.

`install(app)` is called once when the app is built (claimgraph.web.mount calls it). Every
error under /api answers `application/problem+json` ({type, title, status, detail}, plus
`errors` for bad parameters); an unexpected failure is a 500 problem that says nothing of
the internals and still carries the security headers. Other paths that do not exist get
an HTML page (the UI's), so a mistyped UI address never shows raw JSON.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_TYPE = "application/problem+json"
GZIP_MIN_BYTES = 1000
# zlib's own default level: the middleware's 9 took 2.5x as long on a graph page for 5% fewer bytes
GZIP_LEVEL = 6
BEARER = "bearerToken"
# the endpoints that need the token (claimgraph.api.write.require_writer and the curation router)
WRITE_METHODS = {"post", "put", "patch", "delete"}
NOT_FOUND_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found — claimgraph</title>
<link rel="stylesheet" href="/ui/static/css/app.css"></head>
<body><main id="app"><h1>Not found</h1><p>No page at this address.</p>
<p><a href="/">Back to the start</a></p></main></body></html>
"""


def problem(status: int, detail: Any, headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    """A problem-details response for an HTTP status."""
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body = {"type": "about:blank", "title": title, "status": status,
            "detail": detail if isinstance(detail, str) else title, **extra}
    if not isinstance(detail, str) and detail is not None:
        body.setdefault("errors", detail)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_TYPE)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path.startswith("/openapi") or path.startswith("/docs/static"))


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if exc.status_code == 404 and _wants_html(request) and request.method in ("GET", "HEAD"):
        from claimgraph.web import PAGE_HEADERS

        return HTMLResponse(NOT_FOUND_PAGE, status_code=404, headers=PAGE_HEADERS)
    return problem(exc.status_code, exc.detail, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
    where = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors[:5])
    return problem(422, f"invalid input: {where}" if where else "invalid input", errors=errors)


async def _server_error(request: Request, exc: Exception) -> Response:
    from claimgraph.api.app import SECURITY_HEADERS

    logging.getLogger(__name__).exception("request failed: %s %s", request.method, request.url.path)
    # this handler answers outside the middleware stack: the security headers are set here
    headers = {k.decode(): v.decode() for k, v in SECURITY_HEADERS.items()}
    return problem(500, "the server could not answer this request", headers=headers)


def _openapi_with_security(app: FastAPI) -> Any:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schema.setdefault("components", {}).setdefault("securitySchemes", {})[BEARER] = {
            "type": "http", "scheme": "bearer",
            "description": "The token the server was started with (claimgraph serve --token). "
                           "Only the write endpoints (ingest, review, merge, split) need it."}
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                if method in WRITE_METHODS:
                    operation["security"] = [{BEARER: []}]
        app.openapi_schema = schema
        return schema

    return build


def install(app: FastAPI) -> None:
    """Problem-details error handlers, the OpenAPI security scheme and gzip on `app` (once)."""
    if getattr(app.state, "problems_installed", False):
        return
    app.state.problems_installed = True
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _server_error)
    app.openapi = _openapi_with_security(app)  # type: ignore[method-assign]
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL)
