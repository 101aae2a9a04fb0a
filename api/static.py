"""The built web interface as static files, with cache headers that fit Vite's output.

Files under ``assets/`` carry a content hash in their name (``parcours-C_SP-FYd.js``): a new
build gives new names, so browsers may keep them for a year without asking again. Everything
else (``index.html``, the basemap, the icon) is revalidated on each visit, so that a new
version is seen at once.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


class WebAppFiles(StaticFiles):
    def file_response(
        self, full_path: Any, stat_result: Any, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        hashed = self.get_path(scope).replace("\\", "/").lstrip("/").startswith("assets/")
        response.headers["Cache-Control"] = IMMUTABLE if hashed else REVALIDATE
        return response
