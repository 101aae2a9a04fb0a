"""Bearer-token authentication for edits. Reads stay public."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from graph.editors import Editor
from graph.settings import Settings

_bearer = HTTPBearer(auto_error=False, description="An editor token from CMQ_API_TOKENS.")


def editor(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Editor:
    """The editor (a name, and the campuses it may edit), or 401/403. Tokens are compared in
    constant time."""
    settings: Settings = request.app.state.settings
    editors = settings.editors()
    if not editors:
        raise HTTPException(
            403, "La modification est désactivée sur ce serveur (CMQ_API_TOKENS n'est pas défini)."
        )
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            401,
            "Un jeton d'éditeur est requis (en-tête Authorization: Bearer …).",
            headers={"WWW-Authenticate": "Bearer"},
        )
    given = credentials.credentials.encode()
    for token, name in editors.items():
        if hmac.compare_digest(given, token.encode()):
            return name
    raise HTTPException(401, "Jeton d'éditeur inconnu.", headers={"WWW-Authenticate": "Bearer"})


EditorDep = Annotated[Editor, Depends(editor)]
