"""Helpers of `bench_pipeline`: the synthetic corpus, the ephemeral stack, the probe and the
raw-aiokafka ceiling."""
