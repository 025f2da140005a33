"""The slow-link budget: what each page costs over 1 Mbit/s down, 512 kbit/s up, 300 ms round trip.

Budgets: a full page on a cold cache at most 50 KB on the wire, the same page on a warm cache at
most 15 KB (the versioned CSS and JS come from the cache: only the HTML travels), an htmx partial
at most 10 KB. bench/page_budget.py prints the same figures as a table.
"""
import pytest

from .netbudget import COLD_PAGE_BUDGET, PARTIAL_BUDGET, WARM_PAGE_BUDGET, measure_page, measure_partial
from .pages import BUDGET_PAGES, BUDGET_PARTIALS, find_path


@pytest.fixture
def weigh(browser, live_server, session_of):
    """weigh(spec) -> (path, storage state) of a page to measure; skips while its feature is missing."""
    def resolve(spec):
        state = session_of(spec.login) if spec.login else None
        path = find_path(browser, live_server.url, spec, state)
        if path is None:
            pytest.skip(f"{spec.path} not served yet: needs {spec.feature} merged")
        return path, state
    return resolve


@pytest.mark.parametrize("spec", BUDGET_PAGES, ids=lambda spec: spec.name)
def test_page_fits_the_slow_link_budget(browser, live_server, weigh, spec):
    path, state = weigh(spec)
    figures = measure_page(browser, live_server.url, path, state)
    assert figures.cold.bytes <= COLD_PAGE_BUDGET, f"cold {path}: {figures.cold.describe()}"
    assert figures.warm.bytes <= WARM_PAGE_BUDGET, f"warm {path}: {figures.warm.describe()}"
    assert not [url for url in figures.warm.urls if "/static/" in url], \
        f"warm {path} fetched static files again (they are versioned and cached for a year): {figures.warm.describe()}"
    assert figures.cold.main_content_ms is not None, f"no paint measured for {path}"


@pytest.mark.parametrize("spec", BUDGET_PARTIALS, ids=lambda spec: spec.name)
def test_htmx_partial_fits_the_budget(browser, live_server, weigh, spec):
    path, state = weigh(spec)
    swap = measure_partial(browser, live_server.url, path, spec.then, state)
    assert swap.requests == 1, swap.describe()
    assert swap.bytes <= PARTIAL_BUDGET, f"{spec.name}: {swap.describe()}"
