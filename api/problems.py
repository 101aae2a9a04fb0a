"""One error format for every answer that is not a success: RFC 9457 problem details.

``{"type", "title", "status", "detail", "code"}`` with ``Content-Type:
application/problem+json``; ``title`` and ``detail`` in French (they may be shown to users),
``code`` stable for programs (``not_found``, ``validation_error``…; ``job_untrained``: a 404
for a job the ROME reference knows but no diploma of the data trains for, an answer rather
than a wrong code). Extension members:
``errors`` (each refused field: ``loc`` and ``type`` as FastAPI gives them, ``msg`` in French),
``suggestions`` (close matches of an unknown code), ``reason`` (technical, for operators: why
the database is unavailable). The OpenAPI document declares the model on every route
(:func:`declare`).
"""

from __future__ import annotations

import re
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from graph.departements import or_list
from graph.labels import VALUE_FR
from graph.modality_words import french_accepted

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://cmq-graph.fr/problemes/"

TITLES: dict[str, str] = {
    "invalid_request": "Requête mal formée",
    "unauthorized": "Jeton d'éditeur requis",
    "forbidden": "Modification non autorisée",
    "not_found": "Introuvable",
    "job_untrained": "Aucune formation des données ne prépare à ce métier",
    "method_not_allowed": "Méthode non permise",
    "conflict": "Existe déjà",
    "payload_too_large": "Requête trop volumineuse",
    "validation_error": "Paramètres refusés",
    "request_not_answerable": "Demande impossible à satisfaire",
    "rate_limited": "Trop de demandes",
    "internal_error": "Erreur interne",
    "database_unavailable": "Base de données indisponible",
    "database_timeout": "Base de données trop lente",
}
BY_STATUS: dict[int, str] = {
    400: "invalid_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "database_unavailable",
}


class FieldError(BaseModel):
    loc: list[str | int] = Field(description="Where: 'query' / 'body' / 'path', then the field.")
    msg: str = Field(description="What is wrong, in French (the field is in `loc`).")
    type: str = Field(description="Pydantic's error type, e.g. missing, string_too_short.")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field(description="A URI naming the kind of problem.")
    title: str = Field(description="Short French summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="French explanation of this occurrence.")
    code: str = Field(description="Stable machine-readable code, e.g. not_found.")
    errors: list[FieldError] | None = Field(default=None, description="Each refused field.")
    suggestions: list[str] | None = Field(default=None, description="Close matches.")
    reason: str | None = Field(default=None, description="Technical cause, for operators.")


def problem(
    status: int,
    detail: str,
    *,
    code: str | None = None,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    code = code or BY_STATUS.get(status, "error")
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": TITLES.get(code) or TITLES.get(BY_STATUS.get(status, ""), "Erreur"),
        "status": status,
        "detail": detail,
        "code": code,
    }
    body.update({k: v for k, v in extensions.items() if v is not None})
    return JSONResponse(body, status_code=status, headers=headers, media_type=MEDIA_TYPE)


# -- French wording of field errors ----------------------------------------------------------

_FR: dict[str, str] = {
    "missing": "obligatoire",
    "extra_forbidden": "champ inconnu",
    "string_too_short": "trop court (au moins {min_length} caractères)",
    "string_too_long": "trop long (au plus {max_length} caractères)",
    "string_pattern_mismatch": "format invalide",
    "string_type": "texte attendu",
    "int_parsing": "nombre entier attendu",
    "int_type": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "float_parsing": "nombre attendu",
    "float_type": "nombre attendu",
    "finite_number": "nombre fini attendu",
    "bool_parsing": "vrai ou faux attendu",
    "bool_type": "vrai ou faux attendu",
    "less_than_equal": "doit être au plus {le}",
    "less_than": "doit être inférieur à {lt}",
    "greater_than_equal": "doit être au moins {ge}",
    "greater_than": "doit être supérieur à {gt}",
    "enum": "valeur inconnue (attendu : {expected})",
    "literal_error": "valeur inconnue (attendu : {expected})",
    "list_type": "liste attendue",
    "too_short": "liste trop courte",
    "too_long": "liste trop longue",
    "dict_type": "objet attendu",
    "model_attributes_type": "objet JSON attendu",
    "json_invalid": "JSON invalide",
    "url_parsing": "adresse invalide",
}


def _where(error: dict[str, Any]) -> str:
    """The field a person named: ``modality``, never pydantic's ``str-enum[Modality]`` step
    of a union nor a list index."""
    loc = error.get("loc", ())
    return ".".join(
        str(x)
        for x in loc
        if isinstance(x, str) and x not in ("body", "query", "path", "header") and "[" not in x
    )


def _accepted(values: list[str]) -> str:
    """« scolaire », « apprentissage » (ou « alternance ») ou « formation continue » for the
    modalities (graph/modality_words.py: the words a person types), else « campus »
    (campus des métiers), …"""
    if (words := french_accepted(values)) is not None:
        return words
    return or_list([f"« {v} » ({VALUE_FR[v]})" if v in VALUE_FR else f"« {v} »" for v in values])


def _enum_values(error: dict[str, Any]) -> list[str]:
    return re.findall(r"'([^']*)'", str((error.get("ctx") or {}).get("expected", "")))


def singular_counts(text: str) -> str:
    """« au moins 1 caractère »: a count of 0 or 1 takes the singular in French.

    >>> singular_counts("trop court (au moins 1 caractères)")
    'trop court (au moins 1 caractère)'
    >>> singular_counts("trop long (au plus 120 caractères)")
    'trop long (au plus 120 caractères)'
    """
    return re.sub(r"(?<![\d,.])([01]) caractères\b", r"\1 caractère", text)


def field_message(error: dict[str, Any]) -> str:
    """'champ : problème' in French for one FastAPI / pydantic error."""
    where = _where(error)
    text = field_problem(error)
    return f"{where} : {text}" if where else text


def field_problem(error: dict[str, Any]) -> str:
    """What is wrong with one field, in French: from the error's type and its context, or the
    validator's own sentence (``ctx.error``), never pydantic's English ``msg`` (« Value error,
    … », « Field required »); a value outside a closed list names the accepted values with
    what each means."""
    template = _FR.get(str(error.get("type")))
    ctx = error.get("ctx") or {}
    if error.get("type") in ("enum", "literal_error") and _enum_values(error):
        text = "valeur inconnue (valeurs acceptées : " + _accepted(_enum_values(error)) + ")"
    elif template is not None:
        try:
            text = singular_counts(template.format(**{k: str(v) for k, v in ctx.items()}))
        except (KeyError, IndexError):
            text = template.split(" (")[0]
    elif error.get("type") == "value_error" and ctx.get("error"):
        text = str(ctx["error"])
    else:
        text = "valeur invalide"
    return text


def _merged(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One error per field: a value refused by each member of a union of enums
    (``kind``: an actor's or a platform's kind) is one unknown value, all accepted values
    listed."""
    out: list[dict[str, Any]] = []
    enums: dict[str, dict[str, Any]] = {}
    for e in errors:
        if e.get("type") not in ("enum", "literal_error") or not _enum_values(e):
            out.append(e)
            continue
        key = _where(e)
        if key in enums:
            seen = _enum_values(enums[key])
            more = [v for v in _enum_values(e) if v not in seen]
            expected = ", ".join(f"'{v}'" for v in seen + more)
            enums[key]["ctx"] = {**(enums[key].get("ctx") or {}), "expected": expected}
            continue
        enums[key] = {**e, "ctx": dict(e.get("ctx") or {})}
        out.append(enums[key])
    return out


def validation_detail(errors: list[dict[str, Any]]) -> str:
    return "Paramètres refusés — " + " ; ".join(field_message(e) for e in _merged(errors)[:10])


# -- the OpenAPI document ----------------------------------------------------------------------

_COMMON = (400, 413, 500, 503)


def declare(spec: dict[str, Any]) -> None:
    """Declare the Problem model (and its media type) for every error status of every route,
    plus the statuses any route can answer (400, 413, 500, 503); a route's own model for a
    status (``/health``'s 503) is kept."""
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas["FieldError"] = FieldError.model_json_schema()
    problem_schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    problem_schema.pop("$defs", None)
    schemas["Problem"] = problem_schema
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    ref = {"$ref": "#/components/schemas/Problem"}
    for ops in spec.get("paths", {}).values():
        for op in ops.values():
            responses = op.setdefault("responses", {})
            for status in _COMMON:
                responses.setdefault(str(status), {"description": TITLES[BY_STATUS[status]]})
            for status, response in responses.items():
                if not status.isdigit() or int(status) < 400:
                    continue
                content = response.get("content") or {}
                own = content.get("application/json", {}).get("schema", {})
                if own and "HTTPValidationError" not in own.get("$ref", ""):
                    continue  # a model of the route's own
                response["content"] = {MEDIA_TYPE: {"schema": ref}}
