"""The documentation site's build-time generation: reference and example pages, site assets.

Runs before and after the site generator, never inside it (``commands``: ``statsref docs
generate|finish|build``): ``generate`` writes the pages and assets the generator reads, rendered
from ``schema/`` and ``examples/`` with the jinja2 templates in ``templates/``; ``finish``
completes the built site.
"""
