"""Real-browser tests: Playwright drives Debian's Chromium against the app served by waitress."""
