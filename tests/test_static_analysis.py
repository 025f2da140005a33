"""bandit over the application: no medium or high finding, and every `# nosec` says why.

(No vulnerability database is reachable from these machines, so pip-audit runs where there is
internet: README, "Supply chain".)
"""
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOSEC = re.compile(r"#\s*nosec\b")


def test_bandit_reports_no_medium_or_high_issue():
    bandit = Path(sys.executable).parent / "bandit"
    done = subprocess.run([str(bandit), "-q", "-r", "kmapp", "-ll", "-f", "json"], cwd=ROOT, capture_output=True,
                          text=True)
    findings = json.loads(done.stdout)["results"]
    assert findings == [], [(f["test_id"], f["filename"], f["line_number"], f["issue_text"]) for f in findings]


def test_every_nosec_is_justified_by_a_comment_just_above():
    unexplained = []
    for path in sorted((ROOT / "kmapp").rglob("*.py")):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines):
            if NOSEC.search(line) and not (number and lines[number - 1].strip().startswith("#")):
                unexplained.append(f"{path.relative_to(ROOT)}:{number + 1}")
    assert unexplained == []
