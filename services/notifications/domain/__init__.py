"""Pure rules of the notifications service: stdlib, pydantic and shared event models only."""
