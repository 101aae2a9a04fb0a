"""Who may edit, and which campuses (``CMQ_API_TOKENS``).

``name:token`` may edit anything; ``name:token:campus-a|campus-b`` only what belongs to those
campuses (an actor member of one of them, an offer or a partnership of such an actor, a
passerelle of the campus); an edit outside them is refused (HTTP 403) by graph/edits.py, under
the write lock, with the records as they are at that moment.
"""

from __future__ import annotations

import re

__all__ = ["Editor", "parse_tokens"]

_CAMPUS = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")


class Editor(str):
    """An editor's name (what the change log records), with the campuses the token is limited
    to (None: every campus). A ``str``, so that code that only needs the name takes it as is."""

    campuses: frozenset[str] | None

    def __new__(cls, name: str, campuses: frozenset[str] | None = None) -> Editor:
        editor = super().__new__(cls, name)
        editor.campuses = campuses
        return editor


def parse_tokens(value: str) -> dict[str, Editor]:
    """``'alice:tok1,bob:tok2:c1|c2'`` -> {token: Editor}; ValueError naming the rule broken.

    >>> e = parse_tokens("alice:0123456789abcdef,bob:fedcba9876543210:figeac|albi")
    >>> e["0123456789abcdef"].campuses is None, sorted(e["fedcba9876543210"].campuses)
    (True, ['albi', 'figeac'])
    """
    out: dict[str, Editor] = {}
    for item in filter(None, (x.strip() for x in value.split(","))):
        name, sep, rest = item.partition(":")
        token, _, scope = rest.partition(":")
        if not sep or not name or len(token) < 16:
            raise ValueError(
                "CMQ_API_TOKENS is 'name:token[:campus|campus…],…' with tokens of 16+ characters"
            )
        campuses = None
        if scope:
            campuses = frozenset(c.strip() for c in scope.split("|") if c.strip())
            if not campuses or not all(_CAMPUS.match(c) for c in campuses):
                raise ValueError(f"CMQ_API_TOKENS: {name}'s campuses are 'id|id…' (campus ids)")
        out[token] = Editor(name, campuses)
    return out
