"""The example corpus: loading ``examples/<slug>/``, checking it, regenerating responses."""
