"""The runnable examples in the analytics docstrings are tests too."""

from __future__ import annotations

import doctest

import pytest

import graph.analytics.link_analysis
import graph.campus_scope
import graph.coverage
import graph.diploma_links
import graph.diploma_names
import graph.fake_store
import graph.feeders
import graph.gaps.brokers
import graph.gaps.continuum
import graph.gaps.foreign
import graph.gaps.level_coverage
import graph.gaps.rows
import graph.geo
import graph.inference.admission_parallele
import graph.inference.co_offer
import graph.inference.rules
import graph.ingest.opendata.directories
import graph.ingest.opendata.establishment_names
import graph.ingest.opendata.plan
import graph.ingest.opendata.postbac
import graph.ingest.opendata.renewal
import graph.labels
import graph.models
import graph.offer_lines
import graph.pathways.after_3e
import graph.pathways.bac_starts
import graph.pathways.elsewhere
import graph.pathways.entry_figures
import graph.pathways.explanation
import graph.pathways.goal_words
import graph.pathways.hygiene
import graph.pathways.job
import graph.pathways.job_scope
import graph.pathways.neighbour_goals
import graph.pathways.partial
import graph.pathways.pruning
import graph.pathways.scope
import graph.pathways.start_words
import graph.pathways.unreached_goals
import graph.pathways.variety
import graph.place_precision
import graph.territory
import graph.text


@pytest.mark.parametrize(
    "module",
    [
        graph.analytics.link_analysis,
        graph.coverage,
        graph.diploma_links,
        graph.diploma_names,
        graph.campus_scope,
        graph.fake_store,
        graph.gaps.brokers,
        graph.gaps.continuum,
        graph.text,
        graph.gaps.level_coverage,
        graph.feeders,
        graph.gaps.foreign,
        graph.gaps.rows,
        graph.geo,
        graph.inference.admission_parallele,
        graph.inference.co_offer,
        graph.inference.rules,
        graph.labels,
        graph.ingest.opendata.directories,
        graph.ingest.opendata.establishment_names,
        graph.ingest.opendata.plan,
        graph.ingest.opendata.postbac,
        graph.ingest.opendata.renewal,
        graph.models,
        graph.offer_lines,
        graph.pathways.after_3e,
        graph.pathways.bac_starts,
        graph.pathways.elsewhere,
        graph.pathways.entry_figures,
        graph.pathways.explanation,
        graph.pathways.goal_words,
        graph.pathways.hygiene,
        graph.pathways.job,
        graph.pathways.job_scope,
        graph.pathways.neighbour_goals,
        graph.pathways.partial,
        graph.pathways.pruning,
        graph.pathways.scope,
        graph.pathways.start_words,
        graph.pathways.unreached_goals,
        graph.pathways.variety,
        graph.place_precision,
        graph.territory,
    ],
)
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module, raise_on_error=False)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0
