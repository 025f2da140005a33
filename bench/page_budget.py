"""Page weight on a slow office link, measured in Chromium: the figures for the closing note.

Starts the app over a fresh demo instance (like the browser tests), then for each page prints the
bytes on the wire and the requests on a cold cache (a new browser) and a warm cache (the same page
again), and the time until the main content is painted, under network emulation of 1 Mbit/s down,
512 kbit/s up and a 300 ms round trip. Then the htmx partials, and with --axe the axe-core results.
Pages whose feature is not merged yet are listed as "not served yet".

    .venv/bin/python bench/page_budget.py [--axe]
"""
import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.axe import AXE_SOURCE, run_axe  # noqa: E402
from tests.browser.chromium import chromium_missing_reason, launch_chromium  # noqa: E402
from tests.browser.helpers import signed_in_state  # noqa: E402
from tests.browser.liveserver import demo_server  # noqa: E402
from tests.browser.netbudget import (COLD_PAGE_BUDGET, KB, PARTIAL_BUDGET, WARM_PAGE_BUDGET,  # noqa: E402
                                     measure_page, measure_partial)
from tests.browser.pages import (AXE_PAGES, BUDGET_PAGES, BUDGET_PARTIALS, find_path,  # noqa: E402
                                 open_as_the_user_would, resolve_path)


class Sessions:
    """Signed-in storage states, one per demo login, made on first use."""

    def __init__(self, browser, base_url):
        self.browser, self.base_url, self.states = browser, base_url, {}

    def __call__(self, login):
        if login is None:
            return None
        if login not in self.states:
            self.states[login] = signed_in_state(self.browser, self.base_url, login)
        return self.states[login]


def kb(size: int) -> str:
    return f"{size / KB:.1f} KB"


def page_table(browser, base_url, sessions) -> list[str]:
    rows = ["| page | URL | cold bytes | cold requests | warm bytes | warm requests | main content cold (ms) | main content warm (ms) |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for spec in BUDGET_PAGES:
        state = sessions(spec.login)
        path = find_path(browser, base_url, spec, state)
        if path is None:
            rows.append(f"| {spec.name} | `{spec.path}` | not served yet ({spec.feature}) | | | | | |")
            continue
        figures = measure_page(browser, base_url, path, state)
        cold, warm = figures.cold, figures.warm
        rows.append(f"| {spec.name} | `{path}` | {kb(cold.bytes)} | {cold.requests} | {kb(warm.bytes)} | "
                    f"{warm.requests} | {cold.main_content_ms or 0:.0f} | {warm.main_content_ms or 0:.0f} |")
    return rows


def partial_table(browser, base_url, sessions) -> list[str]:
    rows = ["| htmx partial | opened from | bytes | requests |", "| --- | --- | ---: | ---: |"]
    for spec in BUDGET_PARTIALS:
        state = sessions(spec.login)
        path = find_path(browser, base_url, spec, state)
        if path is None:
            rows.append(f"| {spec.name} | `{spec.path}` | not served yet ({spec.feature}) | |")
            continue
        swap = measure_partial(browser, base_url, path, spec.then, state)
        rows.append(f"| {spec.name} | `{path}` | {kb(swap.bytes)} | {swap.requests} |")
    return rows


def axe_table(browser, base_url, sessions) -> list[str]:
    rows = ["| page | URL | critical | serious | moderate | minor | rules |", "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
    for spec in AXE_PAGES:
        context = browser.new_context(base_url=base_url, storage_state=sessions(spec.login))
        try:
            page = context.new_page()
            path = resolve_path(page.request, spec)
            if path is None:
                rows.append(f"| {spec.name} | `{spec.path}` | not served yet ({spec.feature}) | | | | |")
                continue
            open_as_the_user_would(page, path, spec.then)
            violations = run_axe(page)
        finally:
            context.close()
        counts = {impact: sum(v["impact"] == impact for v in violations) for impact in ("critical", "serious", "moderate", "minor")}
        rules = ", ".join(sorted(v["id"] for v in violations)) or "—"
        rows.append(f"| {spec.name} | `{path}` | {counts['critical']} | {counts['serious']} | {counts['moderate']} | "
                    f"{counts['minor']} | {rules} |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--axe", action="store_true", help="also run axe-core on the main pages")
    args = parser.parse_args()
    if chromium_missing_reason():
        print(chromium_missing_reason(), file=sys.stderr)
        return 2
    if args.axe and not AXE_SOURCE.exists():
        print("axe-core is missing: npm ci --prefix tests/browser", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="page-budget-") as workdir, demo_server(Path(workdir)) as server, \
            sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        sessions = Sessions(browser, server.url)
        print(f"Slow link: 1 Mbit/s down, 512 kbit/s up, 300 ms round trip (Chromium {browser.version}).")
        print(f"Budgets: cold page ≤ {kb(COLD_PAGE_BUDGET)}, warm page ≤ {kb(WARM_PAGE_BUDGET)}, "
              f"htmx partial ≤ {kb(PARTIAL_BUDGET)} (bytes on the wire, headers included).\n")
        print("\n".join(page_table(browser, server.url, sessions)) + "\n")
        print("\n".join(partial_table(browser, server.url, sessions)) + "\n")
        if args.axe:
            print("axe-core violations by impact (the tests fail on critical and serious):\n")
            print("\n".join(axe_table(browser, server.url, sessions)))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
