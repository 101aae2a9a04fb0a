"""What the import's upsert queries give a node they create, computed in Python.

On FalkorDB the nodes an import creates (most of them on a first import) are written with
``GRAPH.BULK`` (:class:`graph.store.BulkNodes`): no ``MERGE``, no ~30 ``SET`` per row. Each
function here gives, for one row of its query, the properties the query sets on a node it
creates (a node no seed describes: every ``FOREACH`` branch applies), in the order the query
sets them, None where the query's value is null (the property is not set). Keep them in step
with cypher/import_{sites,diplomas,programmes,actors,passerelles}.cypher:
tests/unit/test_import_writer.py checks the property names against each query's ``SET`` list,
tests/integration/test_import_bulk.py and test_import_fast_paths.py compare the graphs both
ways write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "ACTOR_PROPS",
    "DIPLOMA_PROPS",
    "PASSERELLE_FIELDS",
    "PASSERELLE_PROPS",
    "PROGRAMME_PROPS",
    "SITE_PROPS",
    "actor",
    "citations",
    "diploma",
    "passerelle",
    "programme",
    "site",
]

Row = Mapping[str, Any]

UAI_ONLY = "open-data activity files (UAI only)"

SITE_PROPS = (
    "insee",
    "imported",
    "import_key",
    "import_run",
    "imported_name_site",
    "coords_source",
    "imported_site_source",
    "name",
    "name_norm",
    "departement",
    "region_code",
    "lat",
    "lon",
    "source",
)

DIPLOMA_PROPS = (
    "code",
    "imported",
    "import_key",
    "import_run",
    "bcn_name",
    "official_name",
    "bcn_short_label",
    "bcn_type_code",
    "bcn_type_label",
    "bcn_type",
    "bcn_level",
    "bcn_nsf",
    "opening_date",
    "closing_date",
    "closed",
    "first_session",
    "last_session",
    "entry_closed",
    "second_closed",
    "bcn_source",
    "readable_name",
    "readable_name_source",
    "rome_codes",
    "rome_options",
    "rome_labels",
    "formacodes",
    "formacode_labels",
    "rncp_codes",
    "rs_codes",
    "certif_type",
    "certif_nsf",
    "cpc",
    "cpc_secteur",
    "famille_metiers",
    "famille_common_cfd",
    "entry_level",
    "name",
    "name_norm",
    "type",
    "level",
    "nsf",
    "source",
    "campuses",
)

PROGRAMME_PROPS = (
    "code",
    "imported",
    "import_key",
    "import_run",
    "programme_kind",
    "programme_label",
    "entry_level",
    "admits_bac2",
    "programme_source",
    "name",
    "name_norm",
    "type",
    "level",
    "nsf",
    "nsf_groups",
    "source",
    "campuses",
)

ACTOR_PROPS = (
    "uai",
    "id",
    "imported",
    "import_key",
    "import_run",
    "imported_name",
    "imported_kind",
    "nature",
    "nature_label",
    "establishment_type",
    "imported_public",
    "imported_insee",
    "imported_commune",
    "imported_departement",
    "imported_region_code",
    "imported_lat",
    "imported_lon",
    "coords_precision",
    "described",
    "described_by",
    "unknown_fields",
    "imported_source",
    "imported_siret",
    "imported_url",
    "parent_uai",
    "opening_date",
    "directory_flags",
    "name",
    "name_norm",
    "kind",
    "public",
    "siret",
    "url",
    "insee",
    "commune",
    "commune_from",
    "departement",
    "region_code",
    "lat",
    "lon",
    "campuses",
    "source",
    "offer_departements",
    "offer_regions",
    "offer_campuses",
)

# graph.inference.records.passerelle_props's keys, in its order (``SET p += r.props``)
PASSERELLE_FIELDS = (
    "kind",
    "rate",
    "entrant_share",
    "reserved_share",
    "modality",
    "origin",
    "rule",
    "campus",
    "conditions",
    "evidence",
    "evidence_words",
    "strength",
    "description",
    "from_codes",
    "to_codes",
    "parties",
    "source",
    "from_departements",
    "to_departements",
)

PASSERELLE_PROPS = ("id", *PASSERELLE_FIELDS, "imported", "import_key", "import_run")


def citations(files: Sequence[str], sources: Mapping[str, str]) -> str | None:
    """``reduce(s = '', f IN files | s + CASE WHEN s = '' THEN '' ELSE '; ' END +
    $sources[f])``: null as soon as a file has no citation."""
    s = ""
    for f in files:
        c = sources.get(f)
        if c is None:
            return None
        s = s + ("" if s == "" else "; ") + c
    return s


def _lookup(m: Mapping[str, Any], key: Any) -> Any:
    """``$map[key]``: null for a null or absent key."""
    return None if key is None else m.get(key)


def site(run: str, sources: Mapping[str, str], r: Row) -> tuple[Any, ...]:
    """What cypher/import_sites.cypher sets on a site it creates."""
    g = r.get
    insee = r["insee"]
    src = _lookup(sources, g("src"))
    return (
        insee,
        True,
        "Site:" + insee,
        run,
        g("name"),
        g("coords"),
        src,
        g("name"),
        g("norm"),
        g("departement"),
        g("region_code"),
        g("lat"),
        g("lon"),
        src,
    )


def diploma(
    run: str, sources: Mapping[str, str], type_labels: Mapping[str, str], r: Row
) -> tuple[Any, ...]:
    """What cypher/import_diplomas.cypher sets on a diploma it creates."""
    g = r.get
    code = r["code"]
    name = g("name")
    src = _lookup(sources, g("src"))
    readable = g("readable")
    return (
        code,
        True,
        "Diploma:" + code,
        run,
        name,
        name,
        g("short"),
        g("type_code"),
        _lookup(type_labels, g("type_code")),
        g("type"),
        g("level"),
        g("nsf"),
        g("opened"),
        g("closes"),
        g("closed"),
        g("first"),
        g("last"),
        g("entry_closed"),
        g("second_closed"),
        src,
        readable,
        g("readable_src"),
        g("romes"),
        g("rome_options"),
        g("rome_labels"),
        g("formacodes"),
        g("formacode_labels"),
        g("rncp"),
        g("rs"),
        g("certif_type"),
        g("certif_nsf"),
        g("cpc"),
        g("cpc_secteur"),
        g("famille"),
        g("famille_common"),
        g("entry"),
        readable if readable is not None else name,
        g("norm"),
        g("type"),
        g("level"),
        g("nsf"),
        src,
        [],
    )


def programme(run: str, source: str, r: Row) -> tuple[Any, ...]:
    """What cypher/import_programmes.cypher sets on a programme it creates."""
    g = r.get
    code = r["code"]
    return (
        code,
        True,
        "Diploma:" + code,
        run,
        g("kind"),
        g("label"),
        g("entry"),
        g("bac2"),
        source,
        g("name"),
        g("norm"),
        g("type"),
        g("level"),
        g("nsf"),
        g("nsf_groups"),
        source,
        [],
    )


def actor(
    run: str, sources: Mapping[str, str], natures: Mapping[str, str], r: Row
) -> tuple[Any, ...]:
    """What cypher/import_actors.cypher sets on an establishment it creates (``toLower`` of
    a UAI, [0-9A-Z], is ``str.lower``)."""
    g = r.get
    uai = r["uai"]
    described_by = g("described_by") or []
    source = citations(described_by, sources) if described_by else UAI_ONLY
    return (
        uai,
        "uai-" + uai.lower(),
        True,
        "Actor:" + uai,
        run,
        g("name"),
        g("kind"),
        g("nature"),
        _lookup(natures, g("nature")),
        g("type"),
        g("public"),
        g("insee"),
        g("commune"),
        g("departement"),
        g("region_code"),
        g("lat"),
        g("lon"),
        g("coords"),
        len(described_by) > 0,
        described_by,
        g("unknown"),
        source,
        g("siret"),
        g("url"),
        g("parent"),
        g("opened"),
        g("flags"),
        g("name"),
        g("norm"),
        g("kind"),
        g("public"),
        g("siret"),
        g("url"),
        g("insee"),
        g("commune"),
        g("commune_from"),
        g("departement"),
        g("region_code"),
        g("lat"),
        g("lon"),
        [],
        source,
        g("offer_departements"),
        g("offer_regions"),
        g("offer_campuses"),
    )


def passerelle(run: str, r: Row) -> tuple[Any, ...]:
    """What cypher/import_passerelles.cypher sets on a passerelle it creates: the id
    (``MERGE``), the properties of ``r.props`` (a null one is not set), then its marks."""
    pid = r["id"]
    props = r["props"]
    return (
        pid,
        *[props.get(k) for k in PASSERELLE_FIELDS],
        True,
        "Passerelle:" + pid,
        run,
    )
