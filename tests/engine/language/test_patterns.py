"""RE2 compatibility of ``matches`` patterns, and their translation to Python ``re``."""

from __future__ import annotations

import re

import pytest

from statsref.engine.language.patterns import pattern_problem, to_python


@pytest.mark.parametrize(
    "pattern",
    [
        "^/blog",
        "^/(docs|blog)/.+$",
        "a*?",
        "[+]+",
        r"a\+\+",
        r"[\]]+",
        "(?i)abc",
        r"\d{1,3}",
        "(?:a|b)+",
        "(?P<year>\\d{4})",
        "(?<year>\\d{4})",
        r"end\z",
        r"[(?=]",
        "",
        r"\0",
    ],
)
def test_supported_patterns(pattern: str) -> None:
    assert pattern_problem(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "feature"),
    [
        (r"(a)\1", "a backreference \\1"),
        ("(?P<x>a)(?P=x)", "a named backreference (?P=name)"),
        (r"(?P<x>a)\k<x>", "a named backreference \\k<...>"),
        (r"(a)\g<1>", "a backreference \\g<...>"),
        ("a(?=b)", "a lookahead (?=...)"),
        ("a(?!b)", "a negative lookahead (?!...)"),
        ("(?<=a)b", "a lookbehind (?<=...)"),
        ("(?<!a)b", "a negative lookbehind (?<!...)"),
        ("(?>ab)", "an atomic group (?>...)"),
        ("a++", "a possessive quantifier (such as a++)"),
        ("a*+", "a possessive quantifier (such as a++)"),
        ("a?+", "a possessive quantifier (such as a++)"),
        ("a{2,}+", "a possessive quantifier (such as a++)"),
        ("[a-z]++", "a possessive quantifier (such as a++)"),
        ("(a)?(?(1)b|c)", "a conditional group (?(...)...)"),
        ("a(?#note)", "a comment group (?#...)"),
        ("(?R)", "recursion (?R)"),
        ("(a(?1))", "recursion (?N)"),
        (r"x\Z", "\\Z (RE2 writes end of text as \\z)"),
    ],
)
def test_features_re2_lacks(pattern: str, feature: str) -> None:
    problem = pattern_problem(pattern)
    assert problem is not None
    assert f"uses {feature}, which RE2 does not support." in problem


def test_the_message_names_the_pattern() -> None:
    assert pattern_problem(r"(a)\1") == (
        'The pattern "(a)\\\\1" uses a backreference \\1, which RE2 does not support.'
    )


@pytest.mark.parametrize("pattern", ["(a", "[a", "a)", "*a", "a{2,1}"])
def test_syntax_errors(pattern: str) -> None:
    problem = pattern_problem(pattern)
    assert problem is not None
    assert "is not a valid regular expression:" in problem


def test_to_python_translates_re2_spellings() -> None:
    assert to_python(r"(?<y>\d+)-x\z") == r"(?P<y>\d+)-x\Z"
    assert to_python(r"\\z") == r"\\z"
    assert re.search(to_python(r"(?<y>\d+)\z"), "ab12").group("y") == "12"
