"""The run: from a checked ``Query`` to the response body, on the dataset's SQLite store.

``execute`` drives it: filters and dimensions compiled to SQL (``sql``), imported data joined
where the API would (``imports``), metric values from each group (``metrics``), the response
shaped as the API writes it (``response``), all inside the deadline (``deadline``).
"""
