from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from statsref.cli import build_parser
from statsref.defaults import DEMO_KEY
from statsref.server.settings import Settings, SettingsError


def settings_for(*argv: str) -> Settings:
    return Settings.from_args(build_parser().parse_args(["serve", *argv]))


def test_defaults():
    settings = settings_for()
    assert settings == Settings()
    assert settings.keys == {DEMO_KEY}
    assert (settings.host, settings.port, settings.rate_limit) == ("127.0.0.1", 8000, 600)
    assert settings.site_dir == Path("site")
    assert settings.now is None and settings.upstream is None and not settings.lazy_dataset


def test_every_option():
    settings = settings_for(
        "--host", "0.0.0.0", "--port", "9000", "--site-dir", "out", "--dataset-size", "500",
        "--now", "2026-11-02T14:30:00Z", "--keys", " a, b ,,", "--rate-limit", "0",
        "--cors-origin", "https://a.example", "--cors-origin", "https://b.example",
        "--upstream", "https://plausible.example/", "--lazy-dataset",
    )  # fmt: skip
    assert settings.lazy_dataset
    assert settings.now == datetime.fromisoformat("2026-11-02T14:30:00+00:00")
    assert settings.keys == {"a", "b"}
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.upstream == "https://plausible.example"
    assert (settings.host, settings.port, settings.dataset_size) == ("0.0.0.0", 9000, 500)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--now", "tomorrow"], "--now must be an ISO 8601 datetime"),
        (["--now", "2026-11-02T14:30:00"], "--now needs a UTC offset"),
        (["--keys", " , "], "--keys needs at least one non-empty key"),
        (["--dataset-size", "0"], "--dataset-size must be at least 1, got 0"),
        (["--rate-limit", "-1"], "--rate-limit must be 0 (unlimited) or more, got -1"),
        (["--port", "70000"], "--port must be between 0 and 65535, got 70000"),
        (["--upstream", "ftp://x"], "--upstream must be an http:// or https:// URL, got 'ftp://x'"),
        (["--upstream", "https://"], "--upstream must be an http:// or https:// URL"),
    ],
)
def test_bad_values_name_the_option_and_value(argv, message):
    with pytest.raises(SettingsError) as raised:
        settings_for(*argv)
    assert message in str(raised.value)
    assert argv[1].strip() in str(raised.value)


@pytest.mark.parametrize(
    ("upstream", "shown"),
    [
        ("https://user:s3cret@plausible.example/", "https://***@plausible.example/"),
        ("https://:s3cret@plausible.example", "https://***@plausible.example"),
        ("ftp://user:s3cret@x", "ftp://***@x"),
    ],
)
def test_upstream_credentials_are_refused_and_never_echoed(upstream, shown):
    """The proxy sends each caller's own key; credentials in the URL would be lent to every
    caller (they once were, and were logged on every call)."""
    with pytest.raises(SettingsError) as raised:
        settings_for("--upstream", upstream)
    assert shown in str(raised.value)
    assert "s3cret" not in str(raised.value)
