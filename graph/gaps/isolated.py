"""Section 4, isolated actors: companies without a school, schools and platforms without a
company, actors without a role in the campus."""

from __future__ import annotations

from collections import defaultdict

from graph.gaps.brokers import actor_network
from graph.gaps.findings import COMPANY, SCHOOLS, SEVERITY_RANK, Finding, NodeRef, Row
from graph.gaps.rows import GapData

__all__ = ["isolated_actors", "no_role_why", "not_judged", "with_role_note"]


def _partners(d: GapData) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each actor's partners (partnerships and passerelle agreements) and each platform's
    hosts."""
    partners: dict[str, set[str]] = defaultdict(set)
    hosted_by: dict[str, set[str]] = defaultdict(set)
    for e in d.edges:
        if e["type"] == "PARTNERS_WITH":
            partners[e["source"]].add(e["target"])
            partners[e["target"]].add(e["source"])
        elif e["type"] == "HOSTS":
            hosted_by[e["target"]].add(e["source"])
    for ag in d.agreements:
        for a in ag["parties"]:
            partners[a].update(x for x in ag["parties"] if x != a)
    return partners, hosted_by


def _described(a: Row, partners: set[str]) -> bool:
    """Whether the data describes this actor's partnerships: a campus's files cite it, or some
    partnership or agreement of it is recorded. An establishment known only from the public
    files (directories, Parcoursup, Affelnet) has no partnership described anywhere: it is
    not known to be isolated, and is not said to be.

    >>> _described({"campuses": []}, set()), _described({"campuses": ["mv"]}, set())
    (False, True)
    """
    return bool(a.get("campuses") or a.get("roles") or partners)


def not_judged(d: GapData) -> int:
    """The establishments of the territory whose isolation is not judged (:func:`_described`)."""
    partners, _ = _partners(d)
    return sum(
        1
        for a in d.actors
        if a["id"] in d.inside_ids
        and a["label"] == "Actor"
        and a["kind"] in SCHOOLS
        and not _described(a, partners[a["id"]])
    )


def no_role_why(linked: int) -> str:
    """Why an actor the campus cites without a role is listed: its role is undeclared, which
    says nothing of its links. An actor with partners is no isolated actor: the same report
    may call one of its links fragile or the actor a broker (Réseau Auvergne Industries was
    « sans rôle dans son réseau » and, in the next section, one end of a fragile link).

    >>> print(no_role_why(0))
    Acteur cité par le campus mais qui n'en est pas membre dans les données, sans partenariat \
recensé.
    >>> print(no_role_why(2))
    Acteur cité par le campus mais qui n'en est pas membre dans les données ; il a 2 liens \
recensés (partenariats, conventions, plateformes hébergées) : il n'est pas isolé, son rôle \
dans le campus reste à préciser.
    """
    said = "Acteur cité par le campus mais qui n'en est pas membre dans les données"
    if not linked:
        return f"{said}, sans partenariat recensé."
    links = "1 lien recensé" if linked == 1 else f"{linked} liens recensés"
    return (
        f"{said} ; il a {links} (partenariats, conventions, plateformes hébergées) : il n'est "
        "pas isolé, son rôle dans le campus reste à préciser."
    )


def with_role_note(kind_finding: Finding, linked: int) -> Finding:
    """An actor of two findings of this section made one: the finding of its kind (a school
    without a company, a company without a school) tells, too, that the campus cites it
    without a role. Said twice, the same actor read « sans entreprise partenaire recensée »
    and « il n'est pas isolé » (ENTPE in the campus Auto-mobilités): both true, one about its
    companies and one about any link, but read as a contradiction. The count of its links
    stays in ``data`` (``linked``).

    >>> f = Finding(id="isolated:a:school", title="A", why="Établissement sans entreprise.",
    ...             severity="medium", nodes=[], data={"reason": "school_without_company"})
    >>> g = with_role_note(f, 1)
    >>> print(g.why)
    Établissement sans entreprise. Le campus le cite sans qu'il en soit membre dans les \
données : son rôle dans le campus reste à préciser.
    >>> g.data["no_campus_role"], g.data["linked"], g.severity
    (True, 1, 'medium')
    """
    why = (
        f"{kind_finding.why} Le campus le cite sans qu'il en soit membre dans les données : "
        "son rôle dans le campus reste à préciser."
    )
    data = {**kind_finding.data, "no_campus_role": True, "linked": linked}
    return kind_finding.model_copy(update={"why": why, "data": data})


def isolated_actors(d: GapData, *, campus: str | None = None) -> list[Finding]:
    """Actors of the territory without the partner their kind needs: a company without a
    school, a school or a platform without a company; with a campus, actors without a role.
    Only actors whose partnerships the data describes are judged (:func:`_described`)."""
    kind_of = {a["id"]: a["kind"] for a in d.actors}
    label_of = {a["id"]: a["label"] for a in d.actors}
    partners, hosted_by = _partners(d)
    network = None
    out = []
    for a in d.actors:
        if a["id"] not in d.inside_ids:
            continue
        if a["label"] == "Actor" and not _described(a, partners[a["id"]]):
            continue
        kind = a["kind"]
        linked_kinds = {kind_of.get(p) for p in partners[a["id"]]}
        ref = NodeRef(type=a["label"].lower(), key=a["id"], name=a["name"])
        sources = [a["source"]] if a.get("source") else []
        if a["label"] == "Platform":
            hosts = hosted_by[a["id"]]
            host_partners = {kind_of.get(p) for h in hosts for p in partners[h]}
            if COMPANY not in host_partners:
                out.append(
                    Finding(
                        id=f"isolated:{a['id']}:platform",
                        title=a["name"],
                        why=(
                            "Plateforme sans entreprise partenaire recensée"
                            + (
                                " (ni elle ni son établissement d'accueil)."
                                if hosts
                                else " et sans établissement d'accueil connu."
                            )
                        ),
                        severity="medium",
                        nodes=[ref],
                        data={
                            "reason": "platform_without_company",
                            "kind": kind,
                            "hosts": sorted(hosts),
                        },
                        sources=sources,
                    )
                )
            continue
        if kind == COMPANY and not linked_kinds & SCHOOLS:
            out.append(
                Finding(
                    id=f"isolated:{a['id']}:company",
                    title=a["name"],
                    why="Entreprise sans établissement de formation partenaire recensé.",
                    severity="high",
                    nodes=[ref],
                    data={
                        "reason": "company_without_school",
                        "kind": kind,
                        "partners": sorted(partners[a["id"]]),
                    },
                    sources=sources,
                )
            )
        elif kind in SCHOOLS and COMPANY not in linked_kinds:
            out.append(
                Finding(
                    id=f"isolated:{a['id']}:school",
                    title=a["name"],
                    why=(
                        "Établissement de formation sans entreprise partenaire recensée : "
                        "stages, apprentissage et projets reposent sur des liens non décrits."
                    ),
                    severity="medium",
                    nodes=[ref],
                    data={
                        "reason": "school_without_company",
                        "kind": kind,
                        "partners": sorted(partners[a["id"]]),
                    },
                    sources=sources,
                )
            )
        if campus and campus not in (a.get("roles") or []) and label_of.get(a["id"]) == "Actor":
            # its links in the network the report's brokers section reads (its sections'
            # and annexes' with it: graph/gaps/brokers.py), built once
            if network is None:
                network = actor_network(d)
            linked = network.degree(a["id"]) if a["id"] in network else 0
            if out and out[-1].nodes == [ref]:  # its kind's finding, just made: one finding
                out[-1] = with_role_note(out[-1], linked)
                continue
            out.append(
                Finding(
                    id=f"isolated:{a['id']}:role",
                    title=a["name"],
                    why=no_role_why(linked),
                    severity="low",
                    nodes=[ref],
                    data={"reason": "no_campus_role", "kind": kind, "linked": linked},
                    sources=sources,
                )
            )
    # what matters first: the establishments with the most learners (offers, known capacity)
    weight: dict[str, int] = {}
    for r in d.inside:
        aid = r["actor"]["id"]
        weight[aid] = weight.get(aid, 0) + 1 + (r["offer"].get("capacity") or 0)
    out.sort(
        key=lambda f: (
            SEVERITY_RANK[f.severity],
            -sum(weight.get(n.key, 0) for n in f.nodes if n.type == "actor"),
            f.title,
        )
    )
    return out
