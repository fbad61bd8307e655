"""Use cases of the matching service: load → call the domain → save state and events in one
transaction."""
