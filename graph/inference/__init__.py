"""Inferred passerelles (docs/inferred-passerelles.md): the public rules, the evidence two
diplomas share and the fields a continuation never crosses. Pure functions over plain data,
shared by the seed loader and the open-data importer."""

from graph.inference.rules import RULES, DiplomaFacts, InferredPasserelle, infer_passerelles

__all__ = ["RULES", "DiplomaFacts", "InferredPasserelle", "infer_passerelles"]
