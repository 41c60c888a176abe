"""Benchmarks and the deterministic corpus they (and some tests) run on."""
