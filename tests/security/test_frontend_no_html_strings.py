"""The web interface never hands a string to an API that renders it as HTML.

Leaflet renders a string given to ``bindTooltip`` / ``bindPopup`` / ``setContent`` or a
``divIcon``'s ``html`` as HTML: an actor name carrying ``<img src=x onerror=…>`` (anyone may plant
one in demo mode) then ran script for every visitor who hovered it on the Parcours map. The
interface passes elements built with ``textContent`` instead (frontend/src/lib/dom.ts). This
check reads every source file, so it keeps holding when pages move.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "frontend" / "src"
# Calls whose first argument Leaflet (or the DOM) renders as HTML when it is a string.
HTML_SINKS = re.compile(
    r"\.(bindTooltip|bindPopup|setTooltipContent|setPopupContent|setContent)\s*\("
)
# Never used at all: each parses its string as HTML.
FORBIDDEN = re.compile(r"\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write\b")
HTML_OPTION = re.compile(r"\bhtml\s*:\s*")


def _sources() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.ts") if not p.name.endswith(".d.ts"))


def _strip_comments(text: str) -> str:
    return re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", text, flags=re.S))


def _argument(text: str, start: int) -> str:
    """The first argument of the call whose '(' ends just before ``start``."""
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                return text[start:i].strip()
            depth -= 1
        elif c == "," and depth == 0:
            return text[start:i].strip()
    return text[start:].strip()


def _is_string(expr: str) -> bool:
    """A string literal, a template literal, or a concatenation with one."""
    return bool(re.match(r"^[`'\"]", expr)) or bool(re.search(r"[`'\"]\s*\+|\+\s*[`'\"]", expr))


def html_string_sinks(text: str) -> list[str]:
    """Each place in ``text`` (TypeScript) that gives an HTML-rendering API a string."""
    text = _strip_comments(text)
    found = [m.group(0) for m in FORBIDDEN.finditer(text)]
    for m in HTML_SINKS.finditer(text):
        arg = _argument(text, m.end())
        if _is_string(arg):
            found.append(f".{m.group(1)}({arg[:80]}")
    for m in HTML_OPTION.finditer(text):
        value = _argument(text, m.end())
        if _is_string(value) and value not in ("''", '""', "``"):
            found.append(f"html: {value[:80]}")
    return found


def test_the_check_finds_the_old_tooltip() -> None:
    old = "L.circleMarker(p).bindTooltip(`Autre possibilité : ${o.actor_name} (${o.commune})`)"
    assert html_string_sinks(old)
    assert html_string_sinks("x.bindPopup('<b>' + name + '</b>')")
    assert html_string_sinks("L.divIcon({ html: `<span>${name}</span>` })")
    assert html_string_sinks("el.innerHTML = name;")
    assert not html_string_sinks("m.bindTooltip(h('span', {}, `${o.name}`), { sticky: true })")
    assert not html_string_sinks("L.divIcon({ className: 'x', html: '', iconSize: undefined })")
    assert not html_string_sinks("m.bindPopup(() => popup(f))")


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_html_built_from_strings(path: Path) -> None:
    assert html_string_sinks(path.read_text(encoding="utf-8")) == []
