"""A short run of bench/reliability/load.py: locust users and a small sign-in storm against
waitress with the production settings; no request may fail."""
from bench.reliability.load import STORM_DEADLINE_SECONDS, WAITRESS, run


def test_a_short_load_and_sign_in_storm_have_no_errors(tmp_path, operator_demo):
    report = run("sqlite", [15], seconds=15, storm=20, workdir=tmp_path, settings=dict(WAITRESS),
                 seeded=operator_demo)
    (result,) = report["results"]
    assert result.requests > 15 and result.failures == 0
    storm, last, signed_in = report["storm"]
    assert storm.failures == 0 and signed_in == 20
    assert last <= STORM_DEADLINE_SECONDS + 30  # generous on a shared CI machine; bench numbers are the measure
