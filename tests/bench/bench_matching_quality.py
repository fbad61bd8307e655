"""Matching quality: nDCG@10 / recall@10 of the engine vs plain BM25 on the labelled set."""

from tests.bench.quality.bench_matching_quality import main

__all__ = ["main"]
