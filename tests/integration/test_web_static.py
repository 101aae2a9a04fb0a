"""The web interface's files: hashed assets cached for a year, the page revalidated."""

from __future__ import annotations

import gzip
from pathlib import Path

from fastapi.testclient import TestClient

from api.main import create_app
from graph.engines.falkordb_store import FalkorDBStore
from tests.conftest import make_settings


def test_hashed_assets_are_immutable_and_the_page_revalidated(
    tmp_path: Path, empty_store: FalkorDBStore
) -> None:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    (dist / "assets" / "parcours-C_SP-FYd.js").write_text("export {};", encoding="utf-8")
    (dist / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    body = "export const x = 1;\n" * 200
    (dist / "assets" / "big-Ab12.js").write_text(body, encoding="utf-8")
    (dist / "assets" / "big-Ab12.js.gz").write_bytes(gzip.compress(body.encode()))
    app = create_app(make_settings(tmp_path / "db", frontend_dir=dist), store=empty_store)
    with TestClient(app) as client:
        asset = client.get("/app/assets/parcours-C_SP-FYd.js")
        page = client.get("/app/")
        icon = client.get("/app/favicon.svg")
        packed = client.get("/app/assets/big-Ab12.js", headers={"Accept-Encoding": "gzip"})
        plain = client.get("/app/assets/big-Ab12.js", headers={"Accept-Encoding": "identity"})
    assert asset.status_code == 200
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert page.status_code == 200 and page.headers["cache-control"] == "no-cache"
    assert icon.headers["cache-control"] == "no-cache"
    # the build's gzip copy, to browsers that accept it; the same text either way
    assert packed.headers["content-encoding"] == "gzip" and packed.text == body
    assert int(packed.headers["content-length"]) < len(body) / 5
    assert "content-encoding" not in plain.headers and plain.text == body
    assert packed.headers["vary"] == "Accept-Encoding"
    assert packed.headers["content-type"].startswith("text/javascript")


def test_the_placeholder_page_runs_under_the_apps_own_csp(
    tmp_path: Path, empty_store: FalkorDBStore
) -> None:
    """Without a build (``make install`` then ``cmq serve``), /app/ serves the placeholder: its
    script is a file of the same origin (the CSP allows ``'self'`` only: an inline script was
    blocked and the page stayed on « Chargement… »), and it says how to build the interface."""
    settings = make_settings(tmp_path / "db", frontend_dir=tmp_path / "no-build")
    app = create_app(settings, store=empty_store)
    with TestClient(app) as client:
        page = client.get("/app/")
        script = client.get("/app/app.js")
    assert page.status_code == 200 and script.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp
    assert "<script>" not in page.text and '<script src="app.js"' in page.text
    assert "make frontend" in page.text and "fetch('/campuses')" in script.text
