"""Listings: organisations and experts, technology offers and demands, moderation (issue 3)."""
