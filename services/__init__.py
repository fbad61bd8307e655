"""The four STX services; each is independent and shares only `shared/` and the topics."""
