"""The portal's use cases: each page's facts, gathered through ports."""
