"""Benchmarks run by ``nox -s bench``: they print figures and write bench-results/*.json."""
