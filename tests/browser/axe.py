"""axe-core (from npm, tests/browser/package.json) run inside a page: the accessibility check."""
from pathlib import Path

AXE_SOURCE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("critical", "serious")
INSTALL_HINT = "npm ci --prefix tests/browser --no-audit --no-fund"


def run_axe(page) -> list[dict]:
    """All axe violations of the page as shown now (every impact)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # page.evaluate goes through the DevTools protocol: the page's CSP (script-src 'self') does
        # not apply to it, whereas an injected <script> tag would be blocked.
        page.evaluate(AXE_SOURCE.read_text())
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return results["violations"]


def blocking(violations: list[dict]) -> list[dict]:
    return [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict], max_nodes: int = 5) -> str:
    """One readable paragraph per rule: id, impact, what to fix, where (CSS selectors)."""
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:max_nodes]:
            summary = " ".join(line.strip() for line in node.get("failureSummary", "").splitlines()[1:])
            lines.append(f"    at {' '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > max_nodes:
            lines.append(f"    … and {len(violation['nodes']) - max_nodes} more")
    return "\n".join(lines)
