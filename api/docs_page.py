"""The API documentation page (/docs), served entirely from this origin.

FastAPI's own /docs loads Swagger UI from a CDN: blank offline. The same page is built here
with FastAPI's documented helper (``get_swagger_ui_html`` with ``swagger_js_url`` /
``swagger_css_url``), pointing at the copy of the npm package ``swagger-ui-dist`` (pinned in
``frontend/package.json``) that the web build puts in ``frontend/dist/swagger-ui/``
(``frontend/scripts/copy-swagger-ui.mjs``), served under /app/. The helper's inline bootstrap
script is moved to its own same-origin file (/docs/swagger-init.js), so that the page runs
under the app's Content-Security-Policy (``script-src 'self'``, no inline script).
"""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

ASSETS = "/app/swagger-ui"
INIT_PATH = "/docs/swagger-init.js"
# The helper's one inline <script> (no attribute): the SwaggerUIBundle({...}) call.
_INLINE = re.compile(r"<script>(?P<body>.*?)</script>", re.DOTALL)


def split_page(html: str) -> tuple[str, str]:
    """The page with its inline script replaced by a reference to INIT_PATH, and that script."""
    found = _INLINE.search(html)
    if found is None:
        raise ValueError("the Swagger UI page has no inline bootstrap script")
    page = html[: found.start()] + f'<script src="{INIT_PATH}"></script>' + html[found.end() :]
    return page, found.group("body").strip() + "\n"


def install(app: FastAPI, openapi_url: str) -> None:
    """Register /docs and its bootstrap script (the app is built with ``docs_url=None``)."""
    html = bytes(
        get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} — API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
            # no badge fetched from the public validator: nothing leaves the origin
            swagger_ui_parameters={"validatorUrl": None},
        ).body
    ).decode()
    page, init = split_page(html)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(page)

    @app.get(INIT_PATH, include_in_schema=False)
    def docs_init() -> Response:
        return Response(init, media_type="text/javascript")
