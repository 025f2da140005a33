"""How pytest-xdist shares the suite between workers (scripts/test.sh runs `-n 2`).

Like `--dist load` (each test a unit of its own, handed to whichever worker is free), except
that the tests sharing a demo seeded once per session (conftest.py: `operator_demo`, used by the
browser tests' live server, the short load run and the fault rounds; `demo_template`/`demo_app`)
form one unit each: one worker runs them all and seeds that demo once, not once per worker.
(`--dist loadgroup` would do this with markers, but pytest-xdist 3.8 cannot rename test ids
under pytest 9.) A test file is put in a group by the fixtures its text names, so a new test
file using them joins its group without a list to keep up.
"""
from functools import cache
from pathlib import Path

from xdist.scheduler import LoadScopeScheduling

GROUPS = {"operator-demo": ("operator_demo", "live_server"), "demo-template": ("demo_template", "demo_app")}


class SeededDemoScheduling(LoadScopeScheduling):
    def __init__(self, config, log=None):
        super().__init__(config, log)
        self.root = Path(config.rootpath)

    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        return group_of(self.root / path, in_browser_tests=path.startswith("tests/browser/")) or nodeid


@cache
def group_of(path: Path, in_browser_tests: bool) -> str | None:
    if in_browser_tests:  # every page there is served by the live server
        return "operator-demo"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    return next((group for group, fixtures in GROUPS.items() if any(name in text for name in fixtures)), None)
