"""Benchmarks: a synthetic national-size seed generator and the pathway latency benchmark."""
