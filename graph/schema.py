"""The schema both engines create: which (label, property) pairs are indexed, which are unique.

Engine-neutral data only; each store turns it into its own DDL (the DDL texts differ, see
docs on Cypher portability), which is why this is not a ``.cypher`` file.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """An indexed node property; ``unique`` keys are business keys (one node per value)."""

    label: str
    prop: str
    unique: bool


SCHEMA: tuple[Key, ...] = (
    Key("Campus", "id", unique=True),
    Key("Actor", "id", unique=True),
    Key("Actor", "uai", unique=False),
    Key("Site", "insee", unique=True),
    Key("Diploma", "code", unique=True),
    Key("Diploma", "level", unique=False),
    Key("Platform", "id", unique=True),
    Key("Sector", "id", unique=True),
    Key("Passerelle", "id", unique=True),
    Key("Change", "id", unique=True),
    Key("Job", "code", unique=True),
    # Not data: the Neo4j store's log of what edits touched (graph/touched.py), one node whose
    # unique key makes concurrent MERGEs of it wait for each other.
    Key("GraphLog", "key", unique=True),
)
