"""programme dashboard at scale: readers per agency and period (period_reader), asset figures index

One row per agency, year, quarter (0: the whole year) and employee who opened an asset
then, so that utilisation counts rows of one period instead of distinct readers among
millions of accesses (kmapp/assets/readers.py keeps it in step). Filled here from the
existing access records, one agency per INSERT ... SELECT, so that no statement has to
sort the whole access table at once. The asset figures (per agency and quarter, per stage)
get a covering index in place of the plain published_on index, its prefix.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

WHOLE_YEAR = 0

agency = sa.table("agency", sa.column("id", sa.Integer))
asset_access = sa.table("asset_access", sa.column("id", sa.Integer), sa.column("agency_id", sa.Integer),
                        sa.column("user_id", sa.Integer), sa.column("accessed_on", sa.Date))
period_reader = sa.table("period_reader", sa.column("agency_id", sa.Integer), sa.column("year", sa.Integer),
                         sa.column("quarter", sa.Integer), sa.column("user_id", sa.Integer))


def upgrade():
    op.create_table(
        "period_reader",
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("quarter BETWEEN 0 AND 4", name=op.f("ck_period_reader_quarter_range")),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("fk_period_reader_agency_id_agency")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_period_reader_user_id_user"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("agency_id", "year", "quarter", "user_id", name=op.f("pk_period_reader")),
        sqlite_with_rowid=False,
    )
    fill_from_accesses(op.get_bind())
    # Built after the fill: one sorted build instead of a random insertion per row.
    op.create_index("ix_period_reader_period_user", "period_reader", ["year", "quarter", "user_id", "agency_id"],
                    unique=False)
    # The dashboard's asset figures from the index alone; the published_on index is its prefix.
    with op.batch_alter_table("asset", schema=None) as batch_op:
        batch_op.create_index("ix_asset_published_figures",
                              ["published_on", "status", "meeting_id", "community_id", "km_stage"], unique=False)
        batch_op.drop_index("ix_asset_published_on")


def fill_from_accesses(connection) -> None:
    """A row per agency, period and reader of the existing accesses, one agency at a time (the
    quarters from its accesses' covering index, the whole years from those quarter rows)."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    columns = ["agency_id", "year", "quarter", "user_id"]
    day = asset_access.c.accessed_on
    year = sa.cast(sa.extract("year", day), sa.Integer)
    quarter = (sa.cast(sa.extract("month", day), sa.Integer) + 2) // 3
    for agency_id in connection.execute(sa.select(agency.c.id).order_by(agency.c.id)).scalars().all():
        quarters = (sa.select(asset_access.c.agency_id, year, quarter, asset_access.c.user_id)
                    .where(asset_access.c.agency_id == agency_id).distinct())
        years = (sa.select(period_reader.c.agency_id, period_reader.c.year, sa.literal(WHOLE_YEAR),
                           period_reader.c.user_id)
                 .where(period_reader.c.agency_id == agency_id, period_reader.c.quarter > WHOLE_YEAR).distinct())
        for readers in (quarters, years):
            connection.execute(insert(period_reader).from_select(columns, readers).on_conflict_do_nothing())


def downgrade():
    with op.batch_alter_table("asset", schema=None) as batch_op:
        batch_op.create_index("ix_asset_published_on", ["published_on"], unique=False)
        batch_op.drop_index("ix_asset_published_figures")
    op.drop_index("ix_period_reader_period_user", table_name="period_reader")
    op.drop_table("period_reader")
