"""notifications: what each person should know, what he watches, how he wants to hear

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.Column("emailed_at", sa.DateTime(), nullable=True),
        sa.Column("topic_key", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_notification_user_id_user"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    op.create_index("ix_notification_unread", "notification", ["user_id"],
                    sqlite_where=sa.text("read_at IS NULL"), postgresql_where=sa.text("read_at IS NULL"))
    op.create_index("ix_notification_user_recent", "notification", ["user_id", "id"])
    op.create_index("uq_notification_topic", "notification", ["user_id", "topic_key"], unique=True,
                    sqlite_where=sa.text("topic_key IS NOT NULL"), postgresql_where=sa.text("topic_key IS NOT NULL"))
    op.create_table(
        "watch",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=12), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("target IN ('community', 'tag')", name=op.f("ck_watch_watch_target_known")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_watch_user_id_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "target", "target_id", name=op.f("pk_watch")),
    )
    op.create_index("ix_watch_target", "watch", ["target", "target_id"])
    op.create_table(
        "notification_preference",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("delivery", sa.String(length=10), nullable=False),
        sa.Column("digest_sent_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("delivery IN ('in_app', 'digest', 'immediate')",
                           name=op.f("ck_notification_preference_delivery_known")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_notification_preference_user_id_user"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notification_preference")),
    )


def downgrade():
    op.drop_table("notification_preference")
    op.drop_index("ix_watch_target", table_name="watch")
    op.drop_table("watch")
    op.drop_index("uq_notification_topic", table_name="notification")
    op.drop_index("ix_notification_user_recent", table_name="notification")
    op.drop_index("ix_notification_unread", table_name="notification")
    op.drop_table("notification")
