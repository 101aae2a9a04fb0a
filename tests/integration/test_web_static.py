"""The web interface's files: hashed assets cached for a year, the page revalidated."""

from __future__ import annotations

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
    app = create_app(make_settings(tmp_path / "db", frontend_dir=dist), store=empty_store)
    with TestClient(app) as client:
        asset = client.get("/app/assets/parcours-C_SP-FYd.js")
        page = client.get("/app/")
        icon = client.get("/app/favicon.svg")
    assert asset.status_code == 200
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert page.status_code == 200 and page.headers["cache-control"] == "no-cache"
    assert icon.headers["cache-control"] == "no-cache"
