"""Debian's Chromium for the tests that drive a real browser (Playwright): where it is, how it is launched, and
what a test does without it: skipped on a machine that lacks it, a failure in CI, where ``.ci/run`` installs it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
"""Quiet: no sandbox in a container, no background traffic."""


def need_chromium() -> None:
    """Skip the test where Chromium is not installed; fail it in CI, which must have it."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: install Debian's chromium")
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM}")


def launch(p: Any) -> Any:
    """Debian's Chromium launched by Playwright ``p``, quiet (:data:`ARGS`)."""
    return p.chromium.launch(executable_path=CHROMIUM, args=ARGS)


@contextmanager
def chromium_browser() -> Iterator[Any]:
    """A launched Chromium (:func:`need_chromium` first), closed after."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            yield browser
        finally:
            browser.close()


def csp_refusals(target: Any) -> list[str]:
    """The console messages in which the browser says it refused something under the Content Security Policy,
    gathered from now on for a page or a whole context (``target``)."""
    refused: list[str] = []
    target.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    return refused
