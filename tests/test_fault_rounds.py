"""A short run of bench/reliability/faults.py: kill -9 of the real server during uploads and
meeting saves, and of a running reindex; nothing acknowledged is lost and `check` ends clean."""
from bench.reliability.faults import run


def test_killed_server_and_reindex_lose_nothing_acknowledged_and_check_repairs_the_rest(tmp_path, operator_demo):
    results = run(rounds=1, kinds=["uploads", "meetings", "reindex"], workdir=tmp_path, seeded=operator_demo)
    for kind in ("uploads", "meetings", "reindex"):
        tally = results[kind]
        assert tally.rounds == 1 and tally.lost == [], (kind, tally.lost)
    assert results["uploads"].acknowledged or results["meetings"].acknowledged, "no write got through: no test"
    final = results["final"]
    assert final.repaired == final.orphans_reported
    assert final.in_step, final.output
