"""Use cases: load → domain → save the state and its events in one transaction."""
