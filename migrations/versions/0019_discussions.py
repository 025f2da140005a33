"""discussions: threads per CoP and a programme-wide space, their posts; threads can be watched

Revision ID: 0019
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "discussion_thread",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("agenda_item", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("opens_at", sa.DateTime(), nullable=False),
        sa.Column("closes_at", sa.DateTime(), nullable=True),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("outcome_md", sa.Text(), nullable=False),
        sa.Column("outcome_html", sa.Text(), nullable=True),
        sa.Column("accepted_post_id", sa.Integer(), nullable=True),
        sa.Column("asset_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_post_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('discussion', 'question')", name=op.f("ck_discussion_thread_thread_kind_known")),
        sa.CheckConstraint("closes_at IS NULL OR closes_at > opens_at",
                           name=op.f("ck_discussion_thread_closes_after_opening")),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"],
                                name=op.f("fk_discussion_thread_community_id_community"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_discussion_thread_meeting_id_meeting"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["author_id"], ["user.id"], name=op.f("fk_discussion_thread_author_id_user"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["asset_id"], ["asset.id"], name=op.f("fk_discussion_thread_asset_id_asset"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discussion_thread")),
    )
    op.create_index("ix_discussion_thread_space", "discussion_thread", ["community_id", "last_post_at"])
    op.create_index("ix_discussion_thread_meeting_id", "discussion_thread", ["meeting_id"])
    op.create_table(
        "discussion_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body_md", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column("search_terms", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("hidden_at", sa.DateTime(), nullable=True),
        sa.Column("hidden_by_id", sa.Integer(), nullable=True),
        sa.Column("hidden_reason", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["thread_id"], ["discussion_thread.id"],
                                name=op.f("fk_discussion_post_thread_id_discussion_thread"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["user.id"], name=op.f("fk_discussion_post_author_id_user"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["hidden_by_id"], ["user.id"], name=op.f("fk_discussion_post_hidden_by_id_user"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discussion_post")),
    )
    op.create_index("ix_discussion_post_thread_id", "discussion_post", ["thread_id"])
    op.create_index("ix_discussion_post_author_recent", "discussion_post", ["author_id", "created_at"])
    _watch_targets("'community', 'tag', 'thread'")


def _watch_targets(values: str) -> None:
    """Widen (or narrow) the CHECK on watch.target. SQLite cannot alter a constraint: the table
    is copied from an explicit definition (batch mode does not reflect CHECK constraints)."""
    check = f"target IN ({values})"
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_watch_watch_target_known"), "watch", type_="check")
        op.create_check_constraint(op.f("ck_watch_watch_target_known"), "watch", check)
        return
    watch = sa.Table(
        "watch", sa.MetaData(),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("user.id", name="fk_watch_user_id_user", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("target", sa.String(length=12), primary_key=True),
        sa.Column("target_id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(check, name="ck_watch_watch_target_known"),
        sa.PrimaryKeyConstraint("user_id", "target", "target_id", name="pk_watch"),
        sa.Index("ix_watch_target", "target", "target_id"),
    )
    with op.batch_alter_table("watch", copy_from=watch, recreate="always") as batch:
        # Batch mode copies the table only when asked to change something.
        batch.alter_column("target", existing_type=sa.String(length=12), nullable=False)


def downgrade():
    op.execute("DELETE FROM watch WHERE target = 'thread'")
    _watch_targets("'community', 'tag'")
    op.drop_index("ix_discussion_post_author_recent", table_name="discussion_post")
    op.drop_index("ix_discussion_post_thread_id", table_name="discussion_post")
    op.drop_table("discussion_post")
    op.drop_index("ix_discussion_thread_meeting_id", table_name="discussion_thread")
    op.drop_index("ix_discussion_thread_space", table_name="discussion_thread")
    op.drop_table("discussion_thread")
