"""``statsref migrate``: the command line face of the v1-to-v2 converter (``engine.migrate``)."""
