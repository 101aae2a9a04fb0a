"""The OpenAPI document, completed: every parameter described, the problem format declared.

Most parameters carry their description where they are declared; the ones that share a name
across routes (``campus``, ``radius_km``, ``modality``…) and those of the request models in
graph/ are described once here, by name, so a map client reading the document never meets an
undescribed parameter (``tests/integration/test_hardening.py`` checks all of them).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from api import problems

PARAMETERS: dict[str, str] = {
    "a": "One actor of the partnership (actor id).",
    "actor": "Actor id, e.g. lycee-champollion-figeac.",
    "actor_id": "Actor id, e.g. lycee-champollion-figeac.",
    "allow_outside": "Keep steps outside the territory (flagged) instead of dropping them.",
    "b": "The other actor of the partnership (actor id).",
    "campus": "Campus id, e.g. mecanic-vallee.",
    "campus_id": "Campus id, e.g. mecanic-vallee.",
    "code": "Diploma code: BCN CFD (8 characters) or a seed code such as MV-LP-QUALITE.",
    "departement": "Département code, e.g. 12 or 012.",
    "departements": "Comma list of département codes, e.g. 12,46 (at most 20).",
    "diploma": "Diploma code: BCN CFD (8 characters) or a seed code.",
    "from": "Start: the diploma held or prepared (code).",
    "from_level": "Start: the level held (3 = CAP … 8 = doctorate), instead of 'from'; 2 = "
    "end of 3e, no diploma yet: the first step is a programme entered after 3e.",
    "home": "The learner's town: INSEE code ('insee:CODE' never reads it as a postcode: "
    "GET /communes `place`), postcode, name or 'lat,lon'; distances are counted from it "
    "(without it, from 'near' when given).",
    "job": "Goal job: a ROME code or a sector id.",
    "kind": "Kind (repeatable where the route lists several), from the closed list of the model.",
    "level": "Diploma level (3 = CAP … 8 = doctorate).",
    "limit": "Page size, or findings per section for gap reports.",
    "max_steps": "At most this many steps in a pathway (1-6).",
    "modality": "school, apprenticeship or continuing (or any, for pathways).",
    "near": "Territory centre: INSEE code ('insee:CODE' never reads it as a postcode), "
    "postcode, name or 'lat,lon' (with radius_km); without 'home', "
    "pathway distances are counted from it.",
    "offset": "Items to skip.",
    "passerelle_id": "Passerelle id.",
    "q": "Text in names (accents and case ignored), or an exact id / UAI / code.",
    "radius_km": "Territory radius around 'near', in km (at most 500); for pathways, around "
    "'home' when 'near' is not given.",
    "region": "Region code, e.g. 76 (Occitanie).",
    "section": "Which section of the gap report.",
    "sector": "Sector id (or ROME code for pathway starts).",
    "site": "INSEE code of the commune of the site.",
    "source": "Why this change is true: a document, a letter, a page (5-600 characters).",
    "target": "A change log target, e.g. Actor:lycee-x.",
    "to": "Goal: a diploma code.",
    "to_level": "Goal: a level (4-8), reached or exceeded.",
    "to_type": "Goal: a diploma type, e.g. bts, licence_pro, ingenieur.",
}


def install(app: FastAPI) -> None:
    """Replace ``app.openapi`` by one that fills the missing parameter descriptions."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        spec = generate()  # FastAPI's, cached until the routes change; completed in place
        for ops in spec.get("paths", {}).values():
            for op in ops.values():
                for param in op.get("parameters", []) if isinstance(op, dict) else []:
                    if not param.get("description"):
                        text = param.get("schema", {}).get("description") or PARAMETERS.get(
                            param["name"]
                        )
                        if text:
                            param["description"] = text
        problems.declare(spec)
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
