"""programme guide: pages in Markdown with their versions and yearly review

Revision ID: 0018
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "guide_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("section", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body_md", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("version_no", sa.Integer(), nullable=False),
        sa.Column("last_reviewed_on", sa.Date(), nullable=True),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("section IN ('plan', 'roles', 'module', 'other')",
                           name=op.f("ck_guide_page_section_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_page")),
        sa.UniqueConstraint("slug", name=op.f("uq_guide_page_slug")),
    )
    op.create_index(op.f("ix_guide_page_next_review_on"), "guide_page", ["next_review_on"])
    op.create_table(
        "guide_page_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("version_no", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body_md", sa.Text(), nullable=False),
        sa.Column("change_note", sa.String(length=300), nullable=False),
        sa.Column("edited_by_id", sa.Integer(), nullable=True),
        sa.Column("edited_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["page_id"], ["guide_page.id"], name=op.f("fk_guide_page_version_page_id_guide_page"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["edited_by_id"], ["user.id"], name=op.f("fk_guide_page_version_edited_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_page_version")),
        sa.UniqueConstraint("page_id", "version_no", name="uq_guide_page_version_number"),
    )
    op.create_index(op.f("ix_guide_page_version_page_id"), "guide_page_version", ["page_id"])


def downgrade():
    op.drop_index(op.f("ix_guide_page_version_page_id"), table_name="guide_page_version")
    op.drop_table("guide_page_version")
    op.drop_index(op.f("ix_guide_page_next_review_on"), table_name="guide_page")
    op.drop_table("guide_page")
