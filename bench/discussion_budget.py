"""Page weight of the discussion pages and partials on the slow office link (bench/page_budget.py's
method: 1 Mbit/s down, 300 ms round trip), over a fresh demo instance: cold and warm bytes of each
page, and the bytes of each htmx swap (search as you type, a reply in place, following).

    .venv/bin/python bench/discussion_budget.py
"""
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.chromium import launch_chromium  # noqa: E402
from tests.browser.helpers import first_link, signed_in_state  # noqa: E402
from tests.browser.liveserver import demo_server  # noqa: E402
from tests.browser.netbudget import KB, measure_page, measure_partial  # noqa: E402


def _reply(page) -> None:
    page.locator("#reply_area textarea[name=body]").fill("Setuju, saya ikut menyiapkan bahan.")
    page.locator("#reply_area button[type=submit]").click()


def _follow(page) -> None:
    page.locator("#follow_thread button").click()


def _type(page) -> None:
    page.locator("#discussion-q").fill("gula darah")


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir, demo_server(Path(workdir)) as server, sync_playwright() as pw:
        browser = launch_chromium(pw)
        state = signed_in_state(browser, server.url, "lead.dinkes")
        context = browser.new_context(base_url=server.url, storage_state=state)
        thread = first_link(context.request, "/discussions", r"/discussions/\d+")
        meeting = None
        for line in context.request.get(thread).text().splitlines():
            if "/meetings/" in line:
                meeting = "/meetings/" + line.split("/meetings/", 1)[1].split('"', 1)[0]
                break
        context.close()
        pages = ["/discussions", "/discussions/programme", thread, "/search/discussions?q=kelompok+sebaya",
                 "/search?q=arsip", f"/discussions/new?cop=0".replace("?cop=0", ""), meeting]
        print("| page | cold bytes | cold requests | warm bytes | warm requests |\n| --- | ---: | ---: | ---: | ---: |")
        for path in filter(None, pages):
            figures = measure_page(browser, server.url, path, state)
            print(f"| `{path}` | {figures.cold.bytes / KB:.1f} KB | {figures.cold.requests} | "
                  f"{figures.warm.bytes / KB:.1f} KB | {figures.warm.requests} |")
        print("\n| partial | bytes | requests |\n| --- | ---: | ---: |")
        for name, path, action in (("search as you type", "/search/discussions?q=kelompok", _type),
                                   ("reply in place", thread, _reply), ("follow / unfollow", thread, _follow)):
            swap = measure_partial(browser, server.url, path, action, state)
            print(f"| {name} | {swap.bytes / KB:.1f} KB | {swap.requests} |")
        browser.close()


if __name__ == "__main__":
    main()
