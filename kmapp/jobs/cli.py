"""`flask --app kmapp worker | jobs`: the background worker for larger deployments, and the
queue as operators see it."""
import signal
import threading

import click
from flask.cli import with_appcontext


@click.command("worker")
@click.option("--threads", type=click.IntRange(1, 16), default=None,
              help="Jobs run at once (default: JOBS_THREADS).")
@click.option("--once", is_flag=True, help="Do what is ready now, then exit.")
@with_appcontext
def worker_command(threads, once):
    """Run background jobs and the search-index drain until stopped (SIGTERM or Ctrl+C)."""
    from flask import current_app

    from .worker import run_forever, run_until_idle

    threads = threads or int(current_app.config["JOBS_THREADS"])
    if once:
        report = run_until_idle(threads=threads)
        click.echo(f"Selesai: {report.jobs_done} tugas, {report.jobs_failed} gagal.")
        return
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    click.echo(f"Pekerja latar berjalan ({threads} utas). Hentikan dengan Ctrl+C.")
    run_forever(stop, threads=threads)
    click.echo("Pekerja latar berhenti.")


@click.command("jobs")
@click.option("--retry", "retry", type=int, default=None, metavar="ID",
              help="Put a parked job back in the queue.")
@click.option("--retry-all", is_flag=True, help="Put every parked job back in the queue.")
@with_appcontext
def jobs_command(retry, retry_all):
    """Show the background job queue; parked jobs with their reason."""
    from sqlalchemy import select

    from ..extensions import db
    from ..models import Job, JobState
    from .queue import counts, retry_parked

    if retry is not None or retry_all:
        click.echo(f"Dikembalikan ke antrean: {retry_parked(None if retry_all else retry)} tugas.")
    state = counts()
    click.echo(f"menunggu {state['queued']}, berjalan {state['running']}, diparkir {state['parked']}")
    for job in db.session.scalars(select(Job).where(Job.state == JobState.PARKED).order_by(Job.id)):
        reason = (job.last_error or "").strip().splitlines()[-1:] or [""]
        click.echo(f"#{job.id} {job.kind} {job.payload} (percobaan {job.attempts}): {reason[0]}")


COMMANDS = (worker_command, jobs_command)
