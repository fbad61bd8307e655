"""Use cases of the notifications service: intake of events, subscriptions, digests, feeds,
and the contacts it keeps (`contacts`)."""
