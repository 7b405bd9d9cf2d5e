"""What the web app serves, in the order its routes match: the API docs, the API, the pages, static files."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from whipcount.web import api, audit, event_pages, pages, password, stance_pages, trail
from whipcount.web.headers import Static

__all__ = ["add_routes"]

HERE = Path(__file__).parent


def _mount_api_docs(app: FastAPI) -> None:
    """``/api/docs``: Swagger UI from the assets the ``fastapi-offline`` package ships (no CDN, so the
    docs work with no network; a Swagger UI recent enough for OpenAPI 3.1), set up by a bundled script
    (``static/api-docs.js``) rather than FastAPI's inline one: the page runs under the pages' own Content Security
    Policy, no inline script or style allowed."""
    import fastapi_offline

    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount("/api/docs/static", Static(directory=str(assets)), name="swagger-ui")
    page = (HERE / "templates" / "api_docs.html").read_bytes()

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(page)


def add_routes(app: FastAPI) -> None:
    """Mount the API docs, the API and the pages' routers and the static files on ``app``."""
    _mount_api_docs(app)
    app.include_router(api.router)
    app.include_router(audit.router)
    app.include_router(password.api_router)
    app.include_router(pages.router)
    app.include_router(stance_pages.router)
    app.include_router(event_pages.router)
    app.include_router(password.page_router)
    app.include_router(trail.router)
    app.mount("/static", Static(directory=str(HERE / "static")), name="static")
