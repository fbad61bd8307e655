"""Fault injection: a known workload through the whole pipeline while services, the broker and
the MongoDB-wire server are killed or stopped; then no lost and no duplicated effect.

``python -m tests.chaos`` (``make chaos``) runs the full scenario on a stack of its own;
``test_chaos_reduced.py`` (markers ``e2e``, ``slow``) runs a smaller one in the test suite.
"""
