"""The URL and the form data of a ``curl`` command line, as a POSIX shell would split it.

Only what decides the request matters here: the URL (positional or ``--url``) and the
``-d`` / ``--data-urlencode`` data that ``-G`` appends to it. Every other option is skipped,
with its value when it takes one. Shell variables such as ``$SITE_ID`` stay as they are written.
"""

from __future__ import annotations

import shlex
from urllib.parse import parse_qsl

from .errors import MigrationError

Data = list[tuple[str, str]]

# Options that take a value (curl's long names and their one-letter forms).
# fmt: off
_VALUED = frozenset((
    "-H", "--header", "-d", "--data", "--data-raw", "--data-binary", "--data-ascii",
    "--data-urlencode", "-X", "--request", "-u", "--user", "-o", "--output", "-A",
    "--user-agent", "-e", "--referer", "-b", "--cookie", "-c", "--cookie-jar", "--url",
    "-m", "--max-time", "--connect-timeout", "-x", "--proxy", "-w", "--write-out", "--retry",
    "-K", "--config", "-T", "--upload-file", "-F", "--form", "-E", "--cert", "--cacert",
    "-r", "--range", "-D", "--dump-header", "--json", "--oauth2-bearer",
))
# fmt: on
_SHORT_VALUED = frozenset(option[1] for option in _VALUED if len(option) == 2)
_RAW_DATA = frozenset(("-d", "--data", "--data-raw", "--data-binary", "--data-ascii"))


def read_curl(command: str, notes: list[str]) -> tuple[str, Data]:
    """``(url, data)`` of ``command``; ``data`` are the name/value pairs of its ``-d`` options."""
    words = _split(command)
    urls: list[str] = []
    data: Data = []
    options = _options(words[1:], urls)
    for option, value in options:
        if option in _RAW_DATA:
            data += _raw_data(value)
        elif option == "--data-urlencode":
            data.append(_urlencoded_data(value))
        elif option == "--url":
            urls.append(value)
    if not urls:
        raise MigrationError("the curl command has no URL")
    names = {option for option, _ in options}
    if data and not names & {"-G", "--get"}:
        notes.append(
            "Without -G, curl sends -d data in a POST body; the v1 API reads query parameters, "
            "so the data was read as if -G were given."
        )
    return urls[0], data


def _split(command: str) -> list[str]:
    try:
        return shlex.split(command.replace("\\\r\n", " ").replace("\\\n", " "))
    except ValueError as exc:
        raise MigrationError(f"cannot split the curl command: {exc}") from None


def _options(words: list[str], urls: list[str]) -> list[tuple[str, str]]:
    """Each option with its value (``""`` for a flag); positional words are added to ``urls``."""
    options: list[tuple[str, str]] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in _VALUED:
            if index + 1 == len(words):
                raise MigrationError(f"the curl option {word} needs a value")
            options.append((word, words[index + 1]))
            index += 2
            continue
        if len(word) > 2 and word[0] == "-" and word[1] in _SHORT_VALUED:
            options.append((word[:2], word[2:]))  # -XGET, -HAuthorization:...
        elif word.startswith("-"):
            options.append((word, ""))
        else:
            urls.append(word)
        index += 1
    return options


def _raw_data(value: str) -> Data:
    if value.startswith("@"):
        raise MigrationError(f"cannot read the curl data file {value[1:]}: paste the parameters")
    return parse_qsl(value, keep_blank_values=True)


def _urlencoded_data(value: str) -> tuple[str, str]:
    """``name=content`` as curl's ``--data-urlencode`` takes it: ``content`` is sent encoded."""
    name, equals, content = value.partition("=")
    if not equals or not name:
        raise MigrationError(f"cannot read --data-urlencode {value!r}: expected name=value")
    return name, content
