"""Moving the seeded demo to PostgreSQL: wall time and the command's per-table report.

Seeds the demo into a temporary instance (as `flask seed-demo`, text extracted and indexed;
or reuses --instance), then runs `flask move-to-postgres` into a fresh schema of the
PostgreSQL database at --database-url (dropped afterwards), uploads included, and prints
the report with the move's wall and CPU time.

    .venv/bin/python bench/move_bench.py --database-url postgresql://postgres@127.0.0.1:5432/test
"""
import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"), required=False)
    parser.add_argument("--instance", type=Path, help="a seeded instance folder to copy instead of seeding")
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    if not args.database_url:
        parser.error("--database-url (or TEST_DATABASE_URL) is required")
    os.environ["TEST_DATABASE_URL"] = args.database_url
    from tests.demo_instance import close, open_copy, seed_template
    from tests.postgres_schema import fresh_schema

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        template = args.instance
        if template is None:
            started = time.monotonic()
            template = seed_template(folder / "template")
            print(f"demo seeded in {time.monotonic() - started:.1f} s")
        app = open_copy(template, folder / "copy")
        with fresh_schema() as url:
            cpu = resource.getrusage(resource.RUSAGE_SELF)
            started = time.monotonic()
            result = app.test_cli_runner().invoke(args=[
                "move-to-postgres", "--target", url, "--batch", str(args.batch),
                "--uploads-target", str(folder / "shared-uploads")])
            wall = time.monotonic() - started
            after = resource.getrusage(resource.RUSAGE_SELF)
            print("\n".join(line for line in result.output.splitlines() if not line.startswith("INFO")))
            if result.exception:
                raise result.exception
            print(f"move: wall {wall:.1f} s, CPU {after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime:.1f} s "
                  "(this process; PostgreSQL's own CPU not included)")
            _check_moved(url, folder)
        close(app)
        shutil.rmtree(folder / "copy", ignore_errors=True)


def _check_moved(url: str, folder: Path) -> None:
    """`flask check` on the moved portal, as an app server would run it after the move."""
    from kmapp import create_app
    from tests.demo_instance import DEMO_CONFIG, close

    moved = create_app(DEMO_CONFIG | {"SQLALCHEMY_DATABASE_URI": url, "SEARCH_BACKEND": "postgres",
                                      "UPLOAD_DIR": str(folder / "shared-uploads")},
                       instance_path=str(folder / "moved"))
    started = time.monotonic()
    result = moved.test_cli_runner().invoke(args=["check"])
    print(result.output.strip())
    print(f"check on PostgreSQL: exit {result.exit_code}, {time.monotonic() - started:.1f} s")
    close(moved)


if __name__ == "__main__":
    main()
