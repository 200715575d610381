"""The linear-time regex search agrees with Python's ``re``, stays fast on evil patterns and
compiles within the size it is given."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statsref.engine.language.regex import TooLarge, compile_search, program_size

LIMIT = 1_000
"""Instructions every pattern here may compile to."""

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
    search = compile_search(pattern, LIMIT)
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
    assert compile_search(pattern, LIMIT).search(text) == bool(re.search(pattern, text))


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
    assert compile_search(pattern, LIMIT).search(text) is found


@pytest.mark.parametrize("pattern", [r"(?=a)", r"(a)\1", r"a++", r"(?>a)"])
def test_features_re2_lacks_are_refused(pattern):
    with pytest.raises(ValueError, match="unsupported"):
        compile_search(pattern, LIMIT)


def test_program_size_counts_the_nfa_states():
    assert program_size("abc", 10) == 4  # three characters and the match
    assert program_size("(?:ab){3}", 10) == 7
    assert program_size("ab|cd", 10) == 7  # split, a, b, jump, c, d, match


@pytest.mark.parametrize("pattern", ["a{100000}", "(?:.?){9900}\x01", "|".join(["p"] * 5000)])
def test_compiling_stops_at_the_limit(pattern):
    with pytest.raises(TooLarge, match="more than 1000 instructions"):
        program_size(pattern, 1000)


@pytest.mark.parametrize(
    "pattern", ["(?:){4294967294}", "(?:a{0}){4294967294}", "(?:(?:){9}){4294967294}"]
)
def test_repeats_of_nothing_are_not_unrolled(pattern):
    """Each of these once looped four billion times in the compiler, holding the dataset."""
    assert program_size(pattern, 10) == 1
    search = compile_search(pattern + "x", 10)
    assert search.search("x") and not search.search("y")
