"""``statsref validate``: any repository's Stats API example files, checked in its CI.

Query and response files are found in the paths given, recognised by their content and paired
by name; each is checked against the schemas, each pair with the corpus's pair checks, and with
``--run`` each query is answered again by the engine or a live endpoint. Problems are shown at
the line and column of the offending JSON value.
"""
