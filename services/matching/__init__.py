"""Matching: its own index of published listings, explained proposals, introductions up to a
closed deal, market indicators (issue 4)."""
