"""The portal's HTTP edge: routes that read a request, call a use case and render a page."""
