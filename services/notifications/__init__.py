"""Notifications: subscriptions, targeted messages, digests, feeds and reliable delivery."""
