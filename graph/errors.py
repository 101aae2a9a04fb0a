"""The graph layer's own exceptions; third-party errors are translated at the engine boundary.

GraphError
├── SeedError            a seed or import file is invalid (names file, record, field)
├── NotFound             an id/code names nothing
├── Conflict, EditInvalid, Forbidden   an edit that exists already, breaks a rule, or is not allowed
├── InvalidQuery         a query name or parameter the layer refuses
├── InvalidRequest       a request the graph cannot answer as asked (unknown commune…)
└── DatabaseUnavailable  the engine cannot be reached, or timed out
"""

from __future__ import annotations

from pathlib import Path


class GraphError(Exception):
    """Base of every error raised by the graph layer."""


class SeedError(GraphError):
    def __init__(self, path: Path | str, record: str, field: str | None, message: str) -> None:
        self.path = Path(path)
        self.record = record
        self.field = field
        self.message = message
        where = f"{self.path}: {record}" + (f", field '{field}'" if field else "")
        super().__init__(f"{where}: {message}")


# What a NotFound names, as a user reads it (the API's ``detail``, the CLI's error): by ``what``
NOT_FOUND_FR = {
    "actor": "Acteur inconnu",
    "uai": "Aucun établissement connu sous ce code UAI",
    "campus": "Campus inconnu",
    "diploma": "Diplôme inconnu",
    "job": "Métier inconnu des données",
    "job_code": "Code métier inconnu du répertoire ROME importé",
    "passerelle": "Passerelle inconnue",
    "offer": "Offre inconnue",
    "partnership": "Partenariat inconnu",
    "platform": "Plateforme inconnue",
    "site": "Commune inconnue",
    "sector": "Filière inconnue",
}


class NotFound(GraphError):
    """An id or code that names nothing; ``what`` (« diploma », « job »…) stays the machine
    word, the message is French (« Diplôme inconnu : 99999999. »)."""

    def __init__(self, what: str, key: str, suggestions: list[str] | None = None) -> None:
        self.what = what
        self.key = key
        self.suggestions = suggestions or []
        super().__init__(self.said)

    @property
    def said(self) -> str:
        """The message in French.

        >>> NotFound("diploma", "99999999").said
        'Diplôme inconnu : 99999999.'
        """
        return f"{NOT_FOUND_FR.get(self.what, 'Élément inconnu')} : {self.key}."


class UntrainedJob(NotFound):
    """A job the ROME reference knows but no diploma of the data trains for (HTTP 404 as an
    unknown one, said otherwise: a counsellor reads that the job exists).

    >>> UntrainedJob("A1401", "Vendangeur / Vendangeuse").said
    "Métier connu (A1401 — Vendangeur / Vendangeuse) mais aucune formation des données n'y prépare."
    """

    def __init__(self, code: str, name: str) -> None:
        self.name = name
        super().__init__("job", code)

    @property
    def said(self) -> str:
        return (
            f"Métier connu ({self.key} — {self.name}) mais aucune formation des données "
            "n'y prépare."
        )


class Conflict(GraphError):
    """An edit would create a record that already exists."""


class Forbidden(GraphError):
    """An editor's token does not cover the campus an edit touches (HTTP 403)."""


class EditInvalid(GraphError):
    """An edit refers to records that do not exist, or breaks a rule; names the field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class InvalidQuery(GraphError):
    """A query name that does not exist, or a parameter of a type the engines cannot carry."""


class InvalidRequest(GraphError):
    """A well-formed request the graph cannot answer as asked: a commune it cannot place, a
    start level with no diploma. The message is for the caller (HTTP 422, CLI error)."""


class DatabaseUnavailable(GraphError):
    """The database cannot be reached or did not answer in time."""
