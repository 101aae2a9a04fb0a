"""The API's version prefix: every route is served at ``/v1/…`` (the documented path) and, as
an alias, without it (the web interface and existing clients)."""

from __future__ import annotations

API_PREFIX = "/v1"


def unversioned(path: str) -> str:
    """'/v1/gaps' -> '/gaps'; other paths unchanged (for rules that name paths once)."""
    if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
        return path[len(API_PREFIX) :] or "/"
    return path
