"""Launching Debian's Chromium through Playwright: never a downloaded browser, never a call home."""
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")

# The network here is closed: without these flags Chromium keeps trying to reach Google's services.
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def chromium_missing_reason() -> str | None:
    if CHROMIUM.exists():
        return None
    return f"{CHROMIUM} is not installed (scripts/test.sh installs Debian's chromium package)"


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
