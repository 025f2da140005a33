"""meetings: minutes rendered once when saved; programme settings (who sees attendees, minutes)

Fills meeting.minutes_html for existing rows with the application's own renderer, 500 rows
at a time (keyset on id), so that pages never have to render Markdown.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BATCH = 500

meeting = sa.table("meeting", sa.column("id", sa.Integer), sa.column("minutes_md", sa.Text),
                   sa.column("minutes_html", sa.Text))


def upgrade():
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("minutes_html", sa.Text(), nullable=True))
    op.create_table(
        "programme_setting",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(name = 'attendee_visibility' AND value IN ('members', 'agency', 'all')) OR "
            "(name = 'minutes_visibility' AND value IN ('public_assets', 'members', 'agency', 'all'))",
            name=op.f("ck_programme_setting_known_value")),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user.id"], name=op.f("fk_programme_setting_updated_by_id_user")),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_programme_setting")),
    )
    render_existing_minutes(op.get_bind())


def render_existing_minutes(connection) -> int:
    """Store the rendered HTML of every meeting's minutes; returns the number of rows."""
    from kmapp.communities.minutes import render_minutes_html

    done, last_id = 0, 0
    while True:
        rows = connection.execute(sa.select(meeting.c.id, meeting.c.minutes_md).where(meeting.c.id > last_id)
                                  .order_by(meeting.c.id).limit(BATCH)).all()
        if not rows:
            return done
        connection.execute(meeting.update().where(meeting.c.id == sa.bindparam("meeting_id"))
                           .values(minutes_html=sa.bindparam("html")),
                           [{"meeting_id": row.id, "html": render_minutes_html(row.minutes_md)} for row in rows])
        done, last_id = done + len(rows), rows[-1].id


def downgrade():
    op.drop_table("programme_setting")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("minutes_html")
