"""Departures (transfer, retirement) and knowledge handovers; users gain position class and supervisor;
the HR officer role; the "handover note" asset type.

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

ROLES_BEFORE = ("employee", "cop_lead", "facilitator", "admin", "assessor")
ROLES_AFTER = (*ROLES_BEFORE, "hr_officer")
ASSET_TYPES_BEFORE = ("sop", "technical_guide", "regulation", "module", "lesson_learned", "best_practice",
                      "infographic", "video", "report", "other")
ASSET_TYPES_AFTER = (*ASSET_TYPES_BEFORE, "handover_note")
POSITION_CLASSES = ("administrative", "functional_junior", "functional_middle", "senior_executive",
                    "functional_top")


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _replace_check(table: str, name: str, condition: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(name), type_="check")
        batch_op.create_check_constraint(op.f(name), condition)


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('departure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('leaving_on', sa.Date(), nullable=False),
    sa.Column('to_agency_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('cancelled_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind = 'transfer' OR to_agency_id IS NULL", name=op.f('ck_departure_only_transfer_has_destination')),
    sa.CheckConstraint("kind IN ('transfer', 'retirement')", name=op.f('ck_departure_kind_known')),
    sa.ForeignKeyConstraint(['cancelled_by_id'], ['user.id'], name=op.f('fk_departure_cancelled_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_departure_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['to_agency_id'], ['agency.id'], name=op.f('fk_departure_to_agency_id_agency')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_departure_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_departure'))
    )
    with op.batch_alter_table('departure', schema=None) as batch_op:
        batch_op.create_index('ix_departure_leaving_on', ['leaving_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_departure_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_departure_live_user', ['user_id'], unique=True, sqlite_where=sa.text('cancelled_at IS NULL'), postgresql_where=sa.text('cancelled_at IS NULL'))

    op.create_table('handover_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('overdue_days', sa.Integer(), nullable=False),
    sa.Column('age_administrative', sa.Integer(), nullable=False),
    sa.Column('age_functional_junior', sa.Integer(), nullable=False),
    sa.Column('age_functional_middle', sa.Integer(), nullable=False),
    sa.Column('age_senior_executive', sa.Integer(), nullable=False),
    sa.Column('age_functional_top', sa.Integer(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('age_administrative BETWEEN 40 AND 75', name=op.f('ck_handover_settings_age_administrative_range')),
    sa.CheckConstraint('age_functional_junior BETWEEN 40 AND 75', name=op.f('ck_handover_settings_age_functional_junior_range')),
    sa.CheckConstraint('age_functional_middle BETWEEN 40 AND 75', name=op.f('ck_handover_settings_age_functional_middle_range')),
    sa.CheckConstraint('age_functional_top BETWEEN 40 AND 75', name=op.f('ck_handover_settings_age_functional_top_range')),
    sa.CheckConstraint('age_senior_executive BETWEEN 40 AND 75', name=op.f('ck_handover_settings_age_senior_executive_range')),
    sa.CheckConstraint('overdue_days BETWEEN 1 AND 365', name=op.f('ck_handover_settings_overdue_days_range')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_handover_settings_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_settings'))
    )
    op.create_table('handover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('departure_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('duties', sa.Text(), nullable=False),
    sa.Column('deadlines', sa.Text(), nullable=False),
    sa.Column('contacts', sa.Text(), nullable=False),
    sa.Column('pending_matters', sa.Text(), nullable=False),
    sa.Column('document_locations', sa.Text(), nullable=False),
    sa.Column('lessons_learned', sa.Text(), nullable=False),
    sa.Column('supervisor_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('asset_id', sa.Integer(), nullable=True),
    sa.Column('visibility', sa.String(length=10), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("state != 'confirmed' OR confirmed_at IS NOT NULL", name=op.f('ck_handover_confirmed_has_time')),
    sa.CheckConstraint("state IN ('not_started', 'in_progress', 'submitted', 'confirmed')", name=op.f('ck_handover_state_known')),
    sa.CheckConstraint("state NOT IN ('submitted', 'confirmed') OR submitted_at IS NOT NULL", name=op.f('ck_handover_submitted_has_time')),
    sa.CheckConstraint("visibility IN ('all', 'agency', 'community')", name=op.f('ck_handover_visibility_known')),
    sa.ForeignKeyConstraint(['asset_id'], ['asset.id'], name=op.f('fk_handover_asset_id_asset'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['user.id'], name=op.f('fk_handover_confirmed_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['departure_id'], ['departure.id'], name=op.f('fk_handover_departure_id_departure'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_handover_meeting_id_meeting'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['supervisor_id'], ['user.id'], name=op.f('fk_handover_supervisor_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover')),
    sa.UniqueConstraint('departure_id', name=op.f('uq_handover_departure_id'))
    )
    with op.batch_alter_table('handover', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_supervisor_id'), ['supervisor_id'], unique=False)

    op.create_table('handover_successor',
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['handover_id'], ['handover.id'], name=op.f('fk_handover_successor_handover_id_handover'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_handover_successor_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('handover_id', 'user_id', name=op.f('pk_handover_successor'))
    )
    with op.batch_alter_table('handover_successor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_successor_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position_class', sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column('supervisor_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_user_supervisor_id'), ['supervisor_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_user_supervisor_id_user'), 'user', ['supervisor_id'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint(op.f("ck_user_position_class_known"), _in("position_class", POSITION_CLASSES))
    _replace_check("user_role", "ck_user_role_role_known", _in("role", ROLES_AFTER))
    _replace_check("asset", "ck_asset_asset_type_known", _in("asset_type", ASSET_TYPES_AFTER))


def downgrade():
    op.execute("DELETE FROM user_role WHERE role = 'hr_officer'")
    op.execute("UPDATE asset SET asset_type = 'other' WHERE asset_type = 'handover_note'")
    _replace_check("asset", "ck_asset_asset_type_known", _in("asset_type", ASSET_TYPES_BEFORE))
    _replace_check("user_role", "ck_user_role_role_known", _in("role", ROLES_BEFORE))
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_user_position_class_known"), type_="check")
        batch_op.drop_constraint(batch_op.f('fk_user_supervisor_id_user'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_user_supervisor_id'))
        batch_op.drop_column('supervisor_id')
        batch_op.drop_column('position_class')

    with op.batch_alter_table('handover_successor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_successor_user_id'))

    op.drop_table('handover_successor')
    with op.batch_alter_table('handover', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_supervisor_id'))

    op.drop_table('handover')
    op.drop_table('handover_settings')
    with op.batch_alter_table('departure', schema=None) as batch_op:
        batch_op.drop_index('uq_departure_live_user', sqlite_where=sa.text('cancelled_at IS NULL'), postgresql_where=sa.text('cancelled_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_departure_user_id'))
        batch_op.drop_index('ix_departure_leaving_on')

    op.drop_table('departure')
