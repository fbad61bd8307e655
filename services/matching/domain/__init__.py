"""Pure rules of the matching service: proposals and their answers, introductions up to a
closed deal, market indicators. Standard library and pydantic only; every change returns the
events it produces, the service layer saves and publishes them.
"""
