"""Infrastructure shared by every STX service: the event contract, Kafka and MongoDB plumbing.

No business rule lives here; services share only this package and the topics.
"""
