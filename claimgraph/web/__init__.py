"""The analyst's web UI: static pages over the JSON API, usable with no internet access.

Every HTML route serves the same shell page; ``static/js/app.js`` picks the view from the
URL path. All third-party code is vendored under ``static/vendor`` and the world map is
drawn from the Natural Earth TopoJSON that the geo package ships, so no request ever
leaves the server.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).with_name("static")
GEO_DATA_DIR = Path(__file__).resolve().parents[1] / "geo" / "data"
STATIC_PREFIX = "/ui/static"
COUNTRIES_PATH = "/ui/geo/countries.json"

# <style> elements the vendored libraries insert at run time, allowed by their content hash
# rather than with 'unsafe-inline': vis-timeline 7.7.4's standalone build injects its CSS in
# chunks (into an empty element first), cytoscape 3.35 adds one container rule. The browser
# tests fail on any CSP violation, so a library upgrade that changes them is caught.
LIBRARY_STYLE_HASHES = (
    "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",  # the empty element before its text is added
    "pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8=",  # cytoscape: .__________cytoscape_container
    "4cgFR0//m8/eHo2G/esYsuZetUHlzCUWYM59sfgE9zY=", "ATJNJCL6Wpn/tPBpNaKy3Ig13EdPxHee6ABd7iI5mws=",
    "JpD3E+Z6xKRloIXUfvynO2x74VKoQhS46cmzKyphJl4=", "Pp9TeUBeLNGvSpG/WQNr6F3PYBi3hh26KmQ3FkCtS/s=",
    "QuPewnJYr+SnQiTnCNHFBw99ExTsz9f8w5320PimEPw=", "U3cY7+F4GcTGxjocx4JSltmifCzwxxzq20dqKX4Tpyc=",
    "XBP/Oxjt3ECoRQDQ/Oy5mLhrX1dQxCIiptFACGjUcTs=", "baaZQ3ax85WnC7GoHJg/b0c0Mc2RCKGK73AZ1RkuJn8=",
    "c5RgAgDBfjnEymw+IboUyFPkkpdh8YEBSEryb+t1dMk=", "gGUn/VMBXCeWm86qX/pOf+4ZDSbe0JcaXXb4rJjw1mA=",
    "q+AlK1feXh8YLw+gxDqtezQZl8UqsWOM3W5c0pt//tg=", "v0QGAkPIWT/V4bfkkxL6vDfyRDULSXZUBrHxAFR30lY=",
    "w0Te9S8PSkCwFxTBObrIR3XmcxltdxckbplgXIG85qk=", "w6U1+htdQc1k4FTNbX5Rk8gOIBBM7jVgmCKvXCQklGE=",
)

# The pages run only our own files; data is always inserted as text, never as markup.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; "
    "style-src 'self' " + " ".join(f"'sha256-{h}'" for h in LIBRARY_STYLE_HASHES) + "; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
PAGE_ROUTES = ("/", "/ui", "/ui/", "/ui/timeline", "/ui/map", "/ui/graph", "/ui/conflicts", "/ui/search",
               "/ui/documents", "/ui/sources")


@lru_cache(maxsize=1)
def shell_html() -> str:
    """The one HTML page every UI route serves."""
    return (STATIC_DIR / "index.html").read_text(encoding="utf-8")


def countries_file() -> Path | None:
    """The vendored Natural Earth countries TopoJSON (world-atlas), newest version first."""
    found = sorted(GEO_DATA_DIR.glob("world-atlas-*countries-50m.json")) + \
        sorted(GEO_DATA_DIR.glob("world-atlas-*countries-110m.json"))
    return found[-1] if found else None


def _page() -> HTMLResponse:
    return HTMLResponse(shell_html(), headers=PAGE_HEADERS)


def mount(app: FastAPI) -> None:
    """Add the static files, the country shapes and the HTML routes of the UI to `app`.

    The API (claimgraph.api.create_app) installs the problem-details errors, which answer an unknown UI path with
    an HTML 404 page.
    """
    app.mount(STATIC_PREFIX, StaticFiles(directory=STATIC_DIR), name="ui-static")

    for path in PAGE_ROUTES:
        app.add_api_route(path, _page, methods=["GET", "HEAD"], include_in_schema=False, response_class=HTMLResponse)

    @app.api_route("/ui/entity/{entity_id}", methods=["GET", "HEAD"], include_in_schema=False,
                   response_class=HTMLResponse)
    def entity_page(entity_id: str) -> HTMLResponse:
        """Profile of one entity."""
        return _page()

    @app.api_route("/ui/document/{document_id:path}", methods=["GET", "HEAD"], include_in_schema=False,
                   response_class=HTMLResponse)
    def document_page(document_id: str) -> HTMLResponse:
        """One document with its evidence spans highlighted."""
        return _page()

    @app.get(COUNTRIES_PATH, include_in_schema=False)
    def countries() -> Response:
        """Natural Earth country shapes as TopoJSON, for the map's base layer."""
        path = countries_file()
        if path is None:
            raise HTTPException(status_code=404, detail="no country shapes installed")
        return FileResponse(path, media_type="application/json",
                            headers={"Cache-Control": "public, max-age=86400"})
