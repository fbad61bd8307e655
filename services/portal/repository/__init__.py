"""The portal's adapters: the services' HTTP APIs behind the ports of `service/ports.py`."""
