"""``statsref explain``: a query file read in English (``statsref.engine.language.words``)."""
