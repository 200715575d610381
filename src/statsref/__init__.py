"""Interactive reference for the Stats API v2 query endpoint.

The package deliberately imports nothing at top level: ``statsref.engine`` must stay
importable in Pyodide, where the third-party dependencies of the other modules are absent.
"""

__version__ = "0.1.0"
