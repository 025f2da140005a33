"""What a page costs on a slow office link, measured in Chromium through the DevTools protocol.

Bytes are Chromium's `encodedDataLength`: what crossed the wire, headers included, compressed.
Used by tests/browser/test_page_budget.py (which enforces the budgets) and bench/page_budget.py
(which prints the same figures as a table).
"""
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

# 1 Mbit/s down, 512 kbit/s up, 300 ms round trip: an old office PC on a shared link.
SLOW_LINK = {
    "offline": False,
    "latency": 300,
    "downloadThroughput": 1_000_000 / 8,
    "uploadThroughput": 512_000 / 8,
}

KB = 1024
COLD_PAGE_BUDGET = 50 * KB
WARM_PAGE_BUDGET = 15 * KB
PARTIAL_BUDGET = 10 * KB

MAIN_CONTENT = "#content"

# The largest contentful paint (the user sees the main content), or the first paint if Chromium
# reports no LCP; both are milliseconds from the start of the navigation.
_TIME_TO_MAIN_CONTENT_JS = """() => new Promise(resolve => {
  const firstPaint = () => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    resolve(paint ? paint.startTime : null);
  };
  try {
    new PerformanceObserver(list => {
      const entries = list.getEntries();
      resolve(entries[entries.length - 1].startTime);
    }).observe({type: "largest-contentful-paint", buffered: true});
  } catch (error) { firstPaint(); }
  setTimeout(firstPaint, 500);
})"""


class NetworkMeter:
    """Counts the requests and bytes of one page on an emulated link (CDP Network domain).

    A request answered from the browser cache (Chromium says `requestServedFromCache`) moves
    no bytes and is not counted as a request on the wire.
    """

    def __init__(self, page, conditions: dict | None = SLOW_LINK):
        self._cdp = page.context.new_cdp_session(page)
        self.reset()
        self._cdp.on("Network.requestWillBeSent", self._on_request)
        self._cdp.on("Network.requestServedFromCache", self._on_served_from_cache)
        self._cdp.on("Network.loadingFinished", self._on_finished)
        self._cdp.on("Network.loadingFailed", self._on_ended)
        self._cdp.send("Network.enable")
        if conditions:
            self._cdp.send("Network.emulateNetworkConditions", conditions)

    def reset(self) -> None:
        self.bytes = 0
        self._sent: list[tuple[str, str]] = []  # (request id, url) of every hop, in order
        self._from_cache: set[str] = set()
        self._pending: set[str] = set()

    @property
    def urls_on_wire(self) -> list[str]:
        return [url for request_id, url in self._sent if request_id not in self._from_cache]

    def _on_request(self, event: dict) -> None:
        if event["request"]["url"].startswith("data:"):
            return
        redirect = event.get("redirectResponse")
        if redirect:  # the same request id again for the next hop: the redirect's bytes count too
            self.bytes += int(redirect.get("encodedDataLength") or 0)
        self._sent.append((event["requestId"], event["request"]["url"]))
        self._pending.add(event["requestId"])

    def _on_served_from_cache(self, event: dict) -> None:
        self._from_cache.add(event["requestId"])

    def _on_finished(self, event: dict) -> None:
        if event["requestId"] in self._pending:
            self.bytes += int(event.get("encodedDataLength") or 0)
        self._on_ended(event)

    def _on_ended(self, event: dict) -> None:
        self._pending.discard(event["requestId"])

    def wait_until_idle(self, page, timeout_s: float = 30) -> None:
        """Let Playwright dispatch the protocol events until every counted request has ended."""
        deadline = time.monotonic() + timeout_s
        page.wait_for_timeout(50)
        while self._pending and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        if self._pending:
            raise TimeoutError(f"{len(self._pending)} request(s) still loading after {timeout_s} s")


@dataclass(frozen=True)
class Visit:
    """One navigation or one htmx swap: what it cost on the wire."""
    bytes: int
    requests: int
    urls: tuple[str, ...]
    main_content_ms: float | None = None

    def describe(self) -> str:
        return f"{self.bytes} B in {self.requests} request(s): " + ", ".join(_short(u) for u in self.urls)


def _short(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def visit(page, meter: NetworkMeter, path: str) -> Visit:
    """Navigate to `path` and measure until the page has loaded and gone quiet."""
    meter.reset()
    response = page.goto(path, wait_until="load")
    if response is None or response.status >= 400:
        raise AssertionError(f"GET {path} answered {response.status if response else 'nothing'}")
    page.locator(MAIN_CONTENT).wait_for(state="visible")
    main_content_ms = page.evaluate(_TIME_TO_MAIN_CONTENT_JS)
    meter.wait_until_idle(page)
    return _visit_from(meter, main_content_ms)


def _visit_from(meter: NetworkMeter, main_content_ms: float | None = None) -> Visit:
    on_wire = meter.urls_on_wire
    return Visit(bytes=meter.bytes, requests=len(on_wire), urls=tuple(on_wire), main_content_ms=main_content_ms)


def htmx_swap(page, meter: NetworkMeter, action: Callable[[], None]) -> Visit:
    """Run `action` (typing, clicking) and measure the htmx request it sends."""
    meter.reset()
    with page.expect_response(lambda response: response.request.headers.get("hx-request") == "true"):
        action()
    meter.wait_until_idle(page)
    return _visit_from(meter)


@dataclass(frozen=True)
class PageFigures:
    cold: Visit
    warm: Visit


def measure_page(browser, base_url: str, path: str, storage_state: dict | None = None,
                 conditions: dict | None = SLOW_LINK) -> PageFigures:
    """Cold cache: a new browser context. Warm cache: the same page again in that context."""
    context = browser.new_context(base_url=base_url, storage_state=storage_state)
    try:
        page = context.new_page()
        meter = NetworkMeter(page, conditions)
        cold = visit(page, meter, path)
        warm = visit(page, meter, path)
        return PageFigures(cold=cold, warm=warm)
    finally:
        context.close()


def measure_partial(browser, base_url: str, path: str, action: Callable, storage_state: dict | None = None,
                    conditions: dict | None = SLOW_LINK) -> Visit:
    """Open `path` (not measured), then measure the htmx request that `action(page)` sends."""
    context = browser.new_context(base_url=base_url, storage_state=storage_state)
    try:
        page = context.new_page()
        meter = NetworkMeter(page, conditions)
        visit(page, meter, path)
        return htmx_swap(page, meter, lambda: action(page))
    finally:
        context.close()
