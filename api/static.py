"""The built web interface as static files, with cache headers that fit Vite's output.

Files under ``assets/`` carry a content hash in their name (``parcours-C_SP-FYd.js``): a new
build gives new names, so browsers may keep them for a year without asking again. Everything
else (``index.html``, the basemap, the icon) is revalidated on each visit, so that a new
version is seen at once. The build writes a gzip copy beside each text file
(``frontend/scripts/precompress.mjs``); it is sent to browsers that accept gzip.
"""

from __future__ import annotations

import mimetypes
import os
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


class WebAppFiles(StaticFiles):
    def file_response(
        self, full_path: Any, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        request_headers = Headers(scope=scope)
        gz = f"{full_path}.gz"
        has_gz = os.path.isfile(gz)
        response: Response
        if has_gz and "gzip" in request_headers.get("accept-encoding", ""):
            media_type = mimetypes.guess_type(str(full_path))[0] or "text/plain"
            response = FileResponse(
                gz,
                status_code=status_code,
                stat_result=os.stat(gz),
                media_type=media_type,
                headers={"Content-Encoding": "gzip"},
            )
            if self.is_not_modified(response.headers, request_headers):
                response = NotModifiedResponse(response.headers)
        else:
            response = super().file_response(full_path, stat_result, scope, status_code)
        hashed = self.get_path(scope).replace("\\", "/").lstrip("/").startswith("assets/")
        response.headers["Cache-Control"] = IMMUTABLE if hashed else REVALIDATE
        if has_gz:
            response.headers["Vary"] = "Accept-Encoding"
        return response
