"""Property-based tests (hypothesis): a short profile in the suite, a long one for the bench.

`HYPOTHESIS_PROFILE=long` (bench/reliability/fuzz.py) runs many more examples. No example
database is kept: every run starts from the strategies alone, so results do not depend on
a folder left by an earlier run. Each test counts what it tried in `TRIED` (printed by the bench).
"""
import json
import os
from collections import Counter

from hypothesis import HealthCheck, settings

settings.register_profile("suite", max_examples=60, deadline=None, database=None, derandomize=True,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("long", max_examples=600, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

TRIED: Counter = Counter()  # what -> inputs tried
SERVER_ERRORS: Counter = Counter()  # what -> 500 answers (must stay 0)


def pytest_sessionfinish(session, exitstatus):
    report = os.environ.get("KMAPP_FUZZ_REPORT")
    if report:
        with open(report, "w") as out:
            json.dump({"tried": TRIED, "server_errors": SERVER_ERRORS}, out, indent=1)
