"""The query language: from a request body to a checked ``Query``, the way the real API checks it.

The vocabulary and the schema stage (``vocabulary``, ``structure``, ``limits``), the parser and
its stages (``parse``, ``clauses``, ``segments``, ``semantics``), the date ranges and their time
buckets (``dates``, ``timebuckets``), patterns (``patterns``, ``regex``), the work budget's caps
(``budget``), and where each rule comes from (``evidence``, ``sources``).
"""
