"""maturity: versioned instrument, yearly rounds, assessments, scores, evidence, comments, warning settings

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('maturity_instrument',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('based_on_id', sa.Integer(), nullable=True),
    sa.Column('level_2_from', sa.Numeric(precision=4, scale=1), nullable=False),
    sa.Column('level_3_from', sa.Numeric(precision=4, scale=1), nullable=False),
    sa.Column('level_4_from', sa.Numeric(precision=4, scale=1), nullable=False),
    sa.Column('level_5_from', sa.Numeric(precision=4, scale=1), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('frozen_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('level_2_from > 20 AND level_2_from < level_3_from AND level_3_from < level_4_from AND level_4_from < level_5_from AND level_5_from <= 100', name=op.f('ck_maturity_instrument_thresholds_ordered')),
    sa.ForeignKeyConstraint(['based_on_id'], ['maturity_instrument.id'], name=op.f('fk_maturity_instrument_based_on_id_maturity_instrument')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_maturity_instrument_created_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maturity_instrument')),
    sa.UniqueConstraint('version', name=op.f('uq_maturity_instrument_version'))
    )
    op.create_table('maturity_warning_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('min_level', sa.Integer(), nullable=False),
    sa.Column('meeting_drop_percent', sa.Integer(), nullable=False),
    sa.Column('utilisation_drop_points', sa.Integer(), nullable=False),
    sa.Column('overdue_reviews', sa.Integer(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('meeting_drop_percent BETWEEN 1 AND 100', name=op.f('ck_maturity_warning_settings_meeting_drop_range')),
    sa.CheckConstraint('min_level BETWEEN 1 AND 5', name=op.f('ck_maturity_warning_settings_min_level_range')),
    sa.CheckConstraint('overdue_reviews >= 1', name=op.f('ck_maturity_warning_settings_overdue_reviews_positive')),
    sa.CheckConstraint('utilisation_drop_points BETWEEN 1 AND 100', name=op.f('ck_maturity_warning_settings_utilisation_drop_range')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_maturity_warning_settings_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maturity_warning_settings'))
    )
    op.create_table('maturity_dimension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['instrument_id'], ['maturity_instrument.id'], name=op.f('fk_maturity_dimension_instrument_id_maturity_instrument'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maturity_dimension')),
    sa.UniqueConstraint('instrument_id', 'code', name='uq_maturity_dimension_code')
    )
    with op.batch_alter_table('maturity_dimension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maturity_dimension_instrument_id'), ['instrument_id'], unique=False)

    op.create_table('maturity_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['instrument_id'], ['maturity_instrument.id'], name=op.f('fk_maturity_round_instrument_id_maturity_instrument')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['user.id'], name=op.f('fk_maturity_round_opened_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maturity_round')),
    sa.UniqueConstraint('year', name=op.f('uq_maturity_round_year'))
    )
    with op.batch_alter_table('maturity_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maturity_round_instrument_id'), ['instrument_id'], unique=False)

    op.create_table('maturity_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('self_total', sa.Numeric(precision=4, scale=1), nullable=True),
    sa.Column('self_level', sa.Integer(), nullable=True),
    sa.Column('total', sa.Numeric(precision=4, scale=1), nullable=True),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("state IN ('draft', 'submitted', 'verified', 'published')", name=op.f('ck_maturity_assessment_state_known')),
    sa.CheckConstraint('level IS NULL OR level BETWEEN 1 AND 5', name=op.f('ck_maturity_assessment_level_range')),
    sa.CheckConstraint('self_level IS NULL OR self_level BETWEEN 1 AND 5', name=op.f('ck_maturity_assessment_self_level_range')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_maturity_assessment_agency_id_agency')),
    sa.ForeignKeyConstraint(['round_id'], ['maturity_round.id'], name=op.f('fk_maturity_assessment_round_id_maturity_round')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['user.id'], name=op.f('fk_maturity_assessment_submitted_by_id_user')),
    sa.ForeignKeyConstraint(['verified_by_id'], ['user.id'], name=op.f('fk_maturity_assessment_verified_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maturity_assessment')),
    sa.UniqueConstraint('round_id', 'agency_id', name='uq_maturity_assessment_round_agency')
    )
    with op.batch_alter_table('maturity_assessment', schema=None) as batch_op:
        batch_op.create_index('ix_maturity_assessment_agency', ['agency_id'], unique=False)

    op.create_table('maturity_assignment',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('assessor_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_maturity_assignment_agency_id_agency')),
    sa.ForeignKeyConstraint(['assessor_id'], ['user.id'], name=op.f('fk_maturity_assignment_assessor_id_user')),
    sa.ForeignKeyConstraint(['round_id'], ['maturity_round.id'], name=op.f('fk_maturity_assignment_round_id_maturity_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'agency_id', 'assessor_id', name=op.f('pk_maturity_assignment'))
    )
    with op.batch_alter_table('maturity_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maturity_assignment_assessor_id'), ['assessor_id'], unique=False)

    op.create_table('maturity_indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.Column('dimension_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('level_1', sa.Text(), nullable=False),
    sa.Column('level_2', sa.Text(), nullable=False),
    sa.Column('level_3', sa.Text(), nullable=False),
    sa.Column('level_4', sa.Text(), nullable=False),
    sa.Column('level_5', sa.Text(), nullable=False),
    sa.CheckConstraint('weight BETWEEN 1 AND 100', name=op.f('ck_maturity_indicator_weight_range')),
    sa.ForeignKeyConstraint(['dimension_id'], ['maturity_dimension.id'], name=op.f('fk_maturity_indicator_dimension_id_maturity_dimension'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['instrument_id'], ['maturity_instrument.id'], name=op.f('fk_maturity_indicator_instrument_id_maturity_instrument'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maturity_indicator')),
    sa.UniqueConstraint('instrument_id', 'code', name='uq_maturity_indicator_code')
    )
    with op.batch_alter_table('maturity_indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maturity_indicator_dimension_id'), ['dimension_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_maturity_indicator_instrument_id'), ['instrument_id'], unique=False)

    op.create_table('maturity_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['maturity_assessment.id'], name=op.f('fk_maturity_comment_assessment_id_maturity_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_maturity_comment_author_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maturity_comment'))
    )
    with op.batch_alter_table('maturity_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maturity_comment_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('maturity_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('self_score', sa.Integer(), nullable=True),
    sa.Column('justification', sa.Text(), nullable=False),
    sa.Column('verified_score', sa.Integer(), nullable=True),
    sa.Column('verifier_reason', sa.Text(), nullable=False),
    sa.CheckConstraint('self_score IS NULL OR self_score BETWEEN 1 AND 5', name=op.f('ck_maturity_score_self_score_range')),
    sa.CheckConstraint('verified_score IS NULL OR verified_score BETWEEN 1 AND 5', name=op.f('ck_maturity_score_verified_score_range')),
    sa.ForeignKeyConstraint(['assessment_id'], ['maturity_assessment.id'], name=op.f('fk_maturity_score_assessment_id_maturity_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['maturity_indicator.id'], name=op.f('fk_maturity_score_indicator_id_maturity_indicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maturity_score')),
    sa.UniqueConstraint('assessment_id', 'indicator_id', name='uq_maturity_score_indicator')
    )
    with op.batch_alter_table('maturity_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maturity_score_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('maturity_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('score_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('asset_id', sa.Integer(), nullable=True),
    sa.Column('storage_name', sa.String(length=64), nullable=True),
    sa.Column('original_name', sa.String(length=255), nullable=True),
    sa.Column('content_type', sa.String(length=100), nullable=True),
    sa.Column('size_bytes', sa.Integer(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(kind = 'meeting' AND meeting_id IS NOT NULL) OR (kind = 'asset' AND asset_id IS NOT NULL) OR (kind = 'file' AND storage_name IS NOT NULL)", name=op.f('ck_maturity_evidence_evidence_target')),
    sa.CheckConstraint("kind IN ('meeting', 'asset', 'file')", name=op.f('ck_maturity_evidence_kind_known')),
    sa.ForeignKeyConstraint(['added_by_id'], ['user.id'], name=op.f('fk_maturity_evidence_added_by_id_user')),
    sa.ForeignKeyConstraint(['asset_id'], ['asset.id'], name=op.f('fk_maturity_evidence_asset_id_asset'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_maturity_evidence_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['score_id'], ['maturity_score.id'], name=op.f('fk_maturity_evidence_score_id_maturity_score'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maturity_evidence')),
    sa.UniqueConstraint('storage_name', name=op.f('uq_maturity_evidence_storage_name'))
    )
    with op.batch_alter_table('maturity_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maturity_evidence_score_id'), ['score_id'], unique=False)



def downgrade():
    with op.batch_alter_table('maturity_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maturity_evidence_score_id'))

    op.drop_table('maturity_evidence')
    with op.batch_alter_table('maturity_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maturity_score_assessment_id'))

    op.drop_table('maturity_score')
    with op.batch_alter_table('maturity_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maturity_comment_assessment_id'))

    op.drop_table('maturity_comment')
    with op.batch_alter_table('maturity_indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maturity_indicator_instrument_id'))
        batch_op.drop_index(batch_op.f('ix_maturity_indicator_dimension_id'))

    op.drop_table('maturity_indicator')
    with op.batch_alter_table('maturity_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maturity_assignment_assessor_id'))

    op.drop_table('maturity_assignment')
    with op.batch_alter_table('maturity_assessment', schema=None) as batch_op:
        batch_op.drop_index('ix_maturity_assessment_agency')

    op.drop_table('maturity_assessment')
    with op.batch_alter_table('maturity_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maturity_round_instrument_id'))

    op.drop_table('maturity_round')
    with op.batch_alter_table('maturity_dimension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maturity_dimension_instrument_id'))

    op.drop_table('maturity_dimension')
    op.drop_table('maturity_warning_settings')
    op.drop_table('maturity_instrument')
