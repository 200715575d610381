"""The mock Stats API server: the engine behind ``POST /api/v2/query``, the docs site, the
schemas, an OpenAPI document, and an optional proxy to a live instance.

``statsref.server.app.create_app(settings)`` builds the Starlette application from a
``statsref.server.settings.Settings``; ``statsref serve`` (``commands.serve``) runs it on uvicorn.
"""
