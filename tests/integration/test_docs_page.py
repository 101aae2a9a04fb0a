"""The API documentation page (/docs) needs nothing from another origin and runs under the app's
Content-Security-Policy: its Swagger UI files come from the web build (frontend/dist/swagger-ui,
copied from the pinned npm package swagger-ui-dist), its bootstrap script from /docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.engines.falkordb_store import FalkorDBStore
from tests.conftest import make_settings

DIST = Path(__file__).resolve().parents[2] / "frontend" / "dist"
_REFS = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


def _page(client: TestClient) -> tuple[str, list[str]]:
    page = client.get("/docs")
    assert page.status_code == 200
    return page.text, _REFS.findall(page.text)


def test_docs_reference_only_same_origin_files_and_no_inline_script(
    tmp_path: Path, empty_store: FalkorDBStore
) -> None:
    app = create_app(make_settings(tmp_path / "db"), store=empty_store)
    with TestClient(app) as client:
        html, refs = _page(client)
        csp = client.get("/docs").headers["content-security-policy"]
        init = client.get("/docs/swagger-init.js")
    assert refs, html
    for ref in refs:  # a path of this origin: no scheme, no protocol-relative //host
        assert ref.startswith("/") and not ref.startswith("//"), ref
    assert "http://" not in html and "https://" not in html
    # the app's own policy: scripts from this origin only, never inline
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert re.search(r"<script>", html) is None
    assert '<script src="/docs/swagger-init.js"></script>' in html
    assert init.status_code == 200 and init.headers["content-type"].startswith("text/javascript")
    assert "SwaggerUIBundle(" in init.text and "'/openapi.json'" in init.text
    assert "http" not in init.text


@pytest.mark.skipif(
    not (DIST / "index.html").exists(), reason="the web interface is not built (make frontend)"
)
def test_every_file_of_the_docs_page_is_served_from_the_build(
    tmp_path: Path, empty_store: FalkorDBStore
) -> None:
    app = create_app(make_settings(tmp_path / "db", frontend_dir=DIST), store=empty_store)
    with TestClient(app) as client:
        _, refs = _page(client)
        answers = {ref: client.get(ref) for ref in refs}
    kinds = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}
    assert {Path(ref).suffix for ref in refs} == set(kinds)
    for ref, answer in answers.items():
        assert answer.status_code == 200, ref
        assert answer.headers["content-type"].startswith(kinds[Path(ref).suffix]), ref
    bundle = answers["/app/swagger-ui/swagger-ui-bundle.js"].text
    assert "SwaggerUIBundle" in bundle and len(bundle) > 100_000
