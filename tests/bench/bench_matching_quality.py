"""Matching quality as served (dev and held-out markets) vs BM25, E5 and the ranking at 0."""

from tests.bench.quality.bench_matching_quality import main

__all__ = ["main"]
