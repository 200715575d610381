"""The documentation site's build-time generation: reference and example pages, site assets.

``hooks.py`` is what ``mkdocs.yml`` loads; the rest renders pages from ``schema/`` and
``examples/`` with the jinja2 templates in ``templates/``.
"""
