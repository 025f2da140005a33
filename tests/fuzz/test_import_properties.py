"""import-users with any CSV: never a crash, every refusal names its line, good rows are kept,
and importing the same file again changes nothing."""
import csv

from hypothesis import given, strategies as st

from kmapp.accounts.provisioning import import_users_csv

from .conftest import TRIED
from .strategies import hostile_text

logins = st.one_of(st.from_regex(r"[a-z][a-z0-9._]{2,20}", fullmatch=True),
                   st.from_regex(r"19[6-9][0-9](0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])20[0-2][0-9](0[1-9]|1[0-2])[12]"
                                 r"[0-9]{2}[1-9]", fullmatch=True),
                   hostile_text)
rows = st.lists(st.tuples(logins, hostile_text, st.one_of(st.none(), st.emails(), hostile_text),
                          st.one_of(st.sampled_from(["DINKES", "DISDIK", "dinkes", ""]), hostile_text),
                          st.one_of(st.sampled_from(["employee", "cop_lead;employee", "admin", ""]), hostile_text)),
                max_size=8)


@given(rows=rows, delimiter=st.sampled_from([",", ";"]))
def test_any_csv_imports_good_rows_reports_bad_lines_and_is_idempotent(app, world, tmp_path, rows, delimiter):
    TRIED["csv import"] += 1
    path = tmp_path / "pegawai.csv"
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(["nip_or_username", "name", "email", "agency_code", "roles"])
        writer.writerows([[field or "" for field in row] for row in rows])
    with app.app_context():
        first = import_users_csv(path)
        again = import_users_csv(path)
    lines = path.read_text(encoding="utf-8").count("\n") + 1
    assert all(1 <= line <= lines and reason for line, reason in first.errors)
    assert first.created + first.updated + first.unchanged + len(first.errors) <= len(rows) + 1
    assert (again.created, again.updated) == (0, 0), (first, again)
    assert again.unchanged == first.created + first.updated + first.unchanged
