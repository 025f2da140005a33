"""Bad input at scale: the property-based tests of tests/fuzz with many more examples.

    .venv/bin/python bench/reliability/fuzz.py     # HYPOTHESIS_PROFILE=long: 10 times the suite's examples

Prints how many inputs each property tried and how many answers were 500 (must be 0).
"""
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    with tempfile.TemporaryDirectory() as workdir:
        report = Path(workdir) / "fuzz.json"
        env = {**os.environ, "HYPOTHESIS_PROFILE": "long", "KMAPP_FUZZ_REPORT": str(report)}
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "pytest", "tests/fuzz", "-q", "-p", "no:randomly"], cwd=ROOT,
                              env=env)
        counts = json.loads(report.read_text()) if report.exists() else {"tried": {}, "server_errors": {}}
    print(f"{'input':<20}{'tried':>10}{'500s':>8}")
    for what, tried in sorted(counts["tried"].items()):
        print(f"{what:<20}{tried:>10}{counts['server_errors'].get(what, 0):>8}")
    total = sum(counts["tried"].values())
    print(f"{'total':<20}{total:>10}{sum(counts['server_errors'].values()):>8}   "
          f"({time.monotonic() - started:.0f} s, pytest exit {done.returncode})")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
