"""The exchange's web pages: server-rendered, Vietnamese first, on top of the services' HTTP APIs.

The portal owns no business rule and no store: every fact comes from a service's API (public
views without a token). Services never import it, and it imports only `shared/`.
"""
