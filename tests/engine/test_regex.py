"""The linear-time regex search agrees with Python's ``re`` and stays fast on evil patterns."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statsref.engine.regex import MAX_PROGRAM, compile_search

TEXTS = [
    "/blog/privacy-first-analytics",
    "",
    "a",
    "ab\n",
    "Hello World_1",
    "São Paulo",
    "x" * 12,
    "/products/linen-shirt",
    "GNU/Linux",
    "131.0",
    "US-CA",
    "Île-de-France",
    "Zürich",
]


@pytest.mark.parametrize(
    "pattern",
    [
        r"^/blog",
        r"blog$",
        r"^/blog/.+",
        r"(?i)PAULO",
        r"^[A-Z]{2}-[A-Z]{2}$",
        r"\d+\.\d",
        r"\bWorld\b",
        r"\Bor",
        r"^$",
        r"a|b|^x",
        r"[^a-z/]",
        r"(?s).",
        r"\s",
        r"\S+\s\S+",
        r"[\w-]+",
        r"^(?:/products/|/category/)",
        r"x{2,3}",
        r"x{13}",
        r"(?i)[a-c]",
        r"(?m)^a",
        r"ab$",
        r"\Aab",
        r"b\n\Z",
        r"b\Z",
        r"Linux\b",
        r"[.]",
        r"(?i)île",
        r"é|ô",
        r"^(a|ab)(c|bcd)?$",
        r"",
        r"(?a)\w+ü",
        r"[^\W\d]",
        r"(?P<name>blog)",
        r"x*?$",
        r"\D\W",
    ],
)
def test_agrees_with_python_re(pattern):
    search = compile_search(pattern)
    for text in TEXTS:
        assert search.search(text) == bool(re.search(pattern, text)), (pattern, text)


_ATOMS = st.sampled_from(["a", "b", ".", "[ab]", "[^a]", "\\w", "\\d", "^", "$", "\\b", "()"])


def _patterns() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        quantified = st.tuples(inner, st.sampled_from(["*", "+", "?", "{2}", "{1,3}", "*?"]))
        return st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map(lambda p: f"{p[0]}|{p[1]}"),
            inner.map(lambda p: f"({p})"),
            quantified.map(lambda p: f"(?:{p[0]}){p[1]}"),
        )

    return st.recursive(_ATOMS, extend, max_leaves=6)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(pattern=_patterns(), text=st.text(alphabet="ab1 \n", max_size=7))
def test_generated_patterns_agree_with_python_re(pattern, text):
    assert compile_search(pattern).search(text) == bool(re.search(pattern, text))


@pytest.mark.parametrize(
    ("pattern", "found"),
    [
        (r"(.*)*x", False),
        (r"(a|.)*\d", False),
        (r"((.+)+)+!", False),
        (r"(a+)+$", False),
        (r".*.*.*.*.*.*.*.*.*.*x", False),
        (r"(a+)+/blog", True),
    ],
)
def test_backtracking_patterns_answer(pattern, found):
    """Python's ``re`` needs minutes for each of these on this text; the NFA visits each
    character once with a bounded set of states."""
    text = "a" * 40 + "/blog/privacy-first-analytics-and-more"
    assert compile_search(pattern).search(text) is found


@pytest.mark.parametrize("pattern", [r"(?=a)", r"(a)\1", r"a++", r"(?>a)"])
def test_features_re2_lacks_are_refused(pattern):
    with pytest.raises(ValueError, match="unsupported"):
        compile_search(pattern)


def test_huge_counted_repeats_are_refused():
    with pytest.raises(ValueError, match="too large"):
        compile_search(f"(a{{{MAX_PROGRAM}}})")
