"""axe-core, in real headless Chromium, on every kind of page in each language, light and dark.

axe-core comes with the test tools (axe-playwright-python ships axe.min.js; pyproject.toml, extra
``test``); it is injected into the page, nothing is fetched. A serious or critical violation fails
the test with what axe says and where. Run: ``.venv/bin/python -m pytest tests/test_accessibility.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.register_assert_rewrite("tests.support.browser")
from tests.support.browser import (  # noqa: E402
    LANGS,
    SITE_PREFIX,
    TIMEOUT_MS,
    PageWatch,
    briefing_path,
    corpus_briefings,
)

pytest_plugins = ["tests.support.browser"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

BLOCKING = ("serious", "critical")
SCHEMES = ("light", "dark")


def _axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def _pages(lang: str) -> list[str]:
    prefix = SITE_PREFIX[lang]
    b = corpus_briefings()[0]
    return [prefix, f"{prefix}archive/", f"{prefix}topics/", f"{prefix}topics/{b.tags[0]}/",
            briefing_path(lang, b.id), f"{prefix}glossary/"]


@pytest.fixture
def page_in(chromium, site_url: str) -> Iterator:
    """Factory: a watched page in a fresh profile with the colour scheme ``scheme``."""
    contexts = []

    def make(scheme: str):
        context = chromium.new_context(color_scheme=scheme, service_workers="block")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        watch = PageWatch(origin=site_url)
        watch.attach(context, page)
        return page, watch

    yield make
    for context in contexts:
        context.close()


def _violations(page) -> list[str]:
    page.add_script_tag(content=_axe_script())
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]} "
            f"- {v['nodes'][0].get('failureSummary', '')[:240]}"
            for v in results["violations"] if v["impact"] in BLOCKING]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_violation_on_any_kind_of_page(page_in, site_url: str, lang: str, scheme: str) -> None:
    """Home, archive, topic index, a topic, a briefing and the glossary: nothing serious or critical."""
    page, watch = page_in(scheme)
    found = {}
    for path in _pages(lang):
        page.goto(site_url + path, wait_until="load")
        bad = _violations(page)
        if bad:
            found[path] = bad
    assert not found, "\n".join(f"{path}:\n  " + "\n  ".join(bad) for path, bad in found.items())
    watch.assert_clean()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_open_search_box_with_results_passes_axe(page_in, site_url: str, scheme: str) -> None:
    """The search dialog, open with results and filters shown, is named and readable."""
    page, watch = page_in(scheme)
    page.goto(site_url + "/", wait_until="load")
    page.keyboard.press("/")
    page.keyboard.type("OpenAI")
    page.wait_for_function(
        "document.querySelector('.md-search-result').getAttribute('data-pf-state') === 'done'"
        " && document.querySelector('.md-search-result__item') !== null")
    page.locator(".pf-filters summary").click()
    assert page.locator(".pf-search").get_attribute("aria-label")
    bad = _violations(page)
    assert not bad, "\n".join(bad)
    watch.assert_clean()

