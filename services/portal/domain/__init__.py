"""What the pages show, computed without I/O: labels, formats, view models, form checks."""
