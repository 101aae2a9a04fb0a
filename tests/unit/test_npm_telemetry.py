"""No npm project of the repository sends install-time telemetry: a locked dependency on
@scarf/scarf (swagger-ui-dist's, whose install script reports the installation to Scarf) is
switched off by the project's own package.json (`scarfSettings.enabled: false`, the setting the
script reads), so that `npm ci` (make run, the Docker image) contacts no analytics service."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT

LOCKS = sorted(ROOT.glob("**/package-lock.json"))
PROJECTS = [p.parent for p in LOCKS if "node_modules" not in p.parts and ".venv" not in p.parts]


def test_the_npm_projects_are_found() -> None:
    assert ROOT / "frontend" in PROJECTS


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_scarf_telemetry_is_off_wherever_it_is_locked(project) -> None:
    lock = json.loads((project / "package-lock.json").read_text(encoding="utf-8"))
    if not any(path.endswith("node_modules/@scarf/scarf") for path in lock.get("packages", {})):
        return
    manifest = json.loads((project / "package.json").read_text(encoding="utf-8"))
    assert manifest.get("scarfSettings", {}).get("enabled") is False, project
