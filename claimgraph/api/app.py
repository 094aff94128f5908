"""The FastAPI application: JSON endpoints under /api, OpenAPI with self-hosted docs, the web UI."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimgraph import __version__
from claimgraph.api.guard import RequestGuard
from claimgraph.settings import Settings
from claimgraph.store.db import get_engine, normalize_url

STATIC_DIR = Path(__file__).with_name("static")
DOCS_STATIC = "/docs/static"

# Every response forbids inline script and foreign origins: the data shown comes from
# untrusted documents, so nothing in it may ever run.
SECURITY_HEADERS: dict[bytes, bytes] = {
    b"content-security-policy": (b"default-src 'self'; script-src 'self'; style-src 'self'; "
                                 b"img-src 'self' data:; object-src 'none'; frame-ancestors 'none'"),
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"no-referrer",
}


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers as the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS.items() if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def swagger_dir() -> Path:
    """The vendored swagger-ui-dist folder (its version is part of the name)."""
    found = sorted(STATIC_DIR.glob("swagger-ui-dist-*"))
    if not found:
        raise FileNotFoundError(f"no swagger-ui-dist-* folder in {STATIC_DIR}")
    return found[-1]


def docs_page(openapi_url: str) -> str:
    """The Swagger UI page: only our own files, the spec URL passed in a data attribute."""
    folder = swagger_dir().name
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>claimgraph API</title>"
        f"<link rel=\"stylesheet\" href=\"{DOCS_STATIC}/{folder}/swagger-ui.css\"></head>"
        f"<body><div id=\"swagger-ui\" data-spec-url=\"{openapi_url}\"></div>"
        f"<script src=\"{DOCS_STATIC}/{folder}/swagger-ui-bundle.js\"></script>"
        f"<script src=\"{DOCS_STATIC}/swagger-init.js\"></script></body></html>\n"
    )


async def _too_deep(_request: Request, _exc: Exception) -> Response:
    """400 for a JSON body nested deeper than the parser goes (not the generic 500)."""
    from claimgraph.api.problems import problem

    return problem(400, "JSON body nested too deeply")


def create_app(settings: Settings) -> FastAPI:
    """The application over the store of `settings`, with the web UI mounted when installed."""
    from claimgraph.api import routes, views, write

    app = FastAPI(title="claimgraph", version=__version__, docs_url=None, redoc_url=None,
                  description="Who says what about political organizations and armed groups, with evidence. "
                              "Every claim is what a source says, never an established fact.")
    app.state.settings = settings
    app.state.engine = get_engine(normalize_url(settings.store.url))
    app.add_middleware(RequestGuard, api=settings.api)  # inside SecurityHeaders: refusals get the headers too
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(RecursionError, _too_deep)
    app.include_router(routes.router)
    app.include_router(views.router)
    app.include_router(write.router)
    app.mount(DOCS_STATIC, StaticFiles(directory=STATIC_DIR), name="docs-static")
    page = docs_page(app.openapi_url or "/openapi.json")

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        """Self-hosted Swagger UI."""
        return HTMLResponse(page)

    from claimgraph.api import problems

    # problem-details errors, the OpenAPI security scheme and gzip, with or without the web UI
    problems.install(app)
    if importlib.util.find_spec("claimgraph.web") is not None:
        web: Any = importlib.import_module("claimgraph.web")
        web.mount(app)
    return app
