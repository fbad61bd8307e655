"""Pure rules of the listings service: no I/O, only stdlib, pydantic and the event models.

Every state change is a function that takes the current state and returns the new state
together with the events it produces; `service/` stores both in one transaction.
"""
