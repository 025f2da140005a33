"""`flask people-reindex`: rebuild the topic evidence behind the people search."""
import time

import click
from flask.cli import with_appcontext

from ..extensions import db
from .evidence import rebuild_topic_evidence


@click.command("people-reindex")
@with_appcontext
def people_reindex_command():
    """Rebuild every person's topic evidence from assets, meetings, handovers and declarations
    (after a bulk load or an upgrade; day to day it follows every change by itself)."""
    started = time.perf_counter()
    rows = rebuild_topic_evidence()
    db.session.commit()
    click.echo(f"Profil topik dibangun ulang: {rows} baris dalam {time.perf_counter() - started:.1f} detik.")
