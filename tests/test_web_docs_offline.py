"""The API docs are served from the package, not a CDN: they work on a machine with no network."""

from __future__ import annotations

from fastapi.testclient import TestClient

from whipcount.web.app import create_app


def test_api_docs_load_their_scripts_from_this_server() -> None:
    with TestClient(create_app("sqlite://")) as client:
        page = client.get("/api/docs")
        assert page.status_code == 200
        assert "/api/docs/static/swagger-ui-bundle.js" in page.text
        assert "cdn." not in page.text and "https://" not in page.text.split("<body>")[0]
        js = client.get("/api/docs/static/swagger-ui-bundle.js")
        assert js.status_code == 200 and len(js.content) > 100_000
        assert client.get("/api/openapi.json").json()["info"]["title"] == "whipcount"
