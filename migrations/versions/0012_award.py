"""KM Award: rounds with their rubric, nominations (narratives, evidence, attachments),
assessor assignments, score sheets and the finalised results.

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('award_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('winners_count', sa.Integer(), nullable=False),
    sa.Column('submission_deadline', sa.Date(), nullable=False),
    sa.Column('ceremony_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('finalised_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('open', 'finalised')", name=op.f('ck_award_round_status_known')),
    sa.CheckConstraint('winners_count BETWEEN 1 AND 200', name=op.f('ck_award_round_winners_count_range')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_round')),
    sa.UniqueConstraint('year', name=op.f('uq_award_round_year'))
    )
    op.create_table('award_criterion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('scale_min', sa.Integer(), nullable=False),
    sa.Column('scale_max', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('scale_min >= 0 AND scale_max > scale_min AND scale_max <= 100', name=op.f('ck_award_criterion_scale_range')),
    sa.CheckConstraint('weight BETWEEN 0 AND 100', name=op.f('ck_award_criterion_weight_range')),
    sa.ForeignKeyConstraint(['round_id'], ['award_round.id'], name=op.f('fk_award_criterion_round_id_award_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_criterion')),
    sa.UniqueConstraint('round_id', 'code', name='uq_award_criterion_code')
    )
    with op.batch_alter_table('award_criterion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_criterion_round_id'), ['round_id'], unique=False)

    op.create_table('award_result',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('total', sa.Float(), nullable=False),
    sa.Column('assessors', sa.Integer(), nullable=False),
    sa.Column('winner', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_award_result_agency_id_agency')),
    sa.ForeignKeyConstraint(['round_id'], ['award_round.id'], name=op.f('fk_award_result_round_id_award_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'agency_id', name=op.f('pk_award_result')),
    sa.UniqueConstraint('round_id', 'rank', name='uq_award_result_rank')
    )
    with op.batch_alter_table('award_result', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_result_agency_id'), ['agency_id'], unique=False)

    op.create_table('award_assignment',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('assessor_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_award_assignment_agency_id_agency')),
    sa.ForeignKeyConstraint(['assessor_id'], ['user.id'], name=op.f('fk_award_assignment_assessor_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['award_round.id'], name=op.f('fk_award_assignment_round_id_award_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'agency_id', 'assessor_id', name=op.f('pk_award_assignment'))
    )
    with op.batch_alter_table('award_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_assignment_assessor_id'), ['assessor_id'], unique=False)

    op.create_table('award_nomination',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'submitted')", name=op.f('ck_award_nomination_status_known')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_award_nomination_agency_id_agency')),
    sa.ForeignKeyConstraint(['round_id'], ['award_round.id'], name=op.f('fk_award_nomination_round_id_award_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['user.id'], name=op.f('fk_award_nomination_submitted_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_nomination')),
    sa.UniqueConstraint('round_id', 'agency_id', name='uq_award_nomination_agency')
    )
    with op.batch_alter_table('award_nomination', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_nomination_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_award_nomination_round_id'), ['round_id'], unique=False)

    op.create_table('award_score_sheet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('assessor_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'submitted')", name=op.f('ck_award_score_sheet_status_known')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_award_score_sheet_agency_id_agency')),
    sa.ForeignKeyConstraint(['assessor_id'], ['user.id'], name=op.f('fk_award_score_sheet_assessor_id_user')),
    sa.ForeignKeyConstraint(['round_id'], ['award_round.id'], name=op.f('fk_award_score_sheet_round_id_award_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_score_sheet')),
    sa.UniqueConstraint('round_id', 'agency_id', 'assessor_id', name='uq_award_score_sheet')
    )
    with op.batch_alter_table('award_score_sheet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_score_sheet_assessor_id'), ['assessor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_award_score_sheet_round_id'), ['round_id'], unique=False)

    op.create_table('award_aspect_score',
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['criterion_id'], ['award_criterion.id'], name=op.f('fk_award_aspect_score_criterion_id_award_criterion'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sheet_id'], ['award_score_sheet.id'], name=op.f('fk_award_aspect_score_sheet_id_award_score_sheet'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sheet_id', 'criterion_id', name=op.f('pk_award_aspect_score'))
    )
    op.create_table('award_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('storage_name', sa.String(length=64), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['nomination_id'], ['award_nomination.id'], name=op.f('fk_award_attachment_nomination_id_award_nomination'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_award_attachment_uploaded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_attachment')),
    sa.UniqueConstraint('storage_name', name=op.f('uq_award_attachment_storage_name'))
    )
    with op.batch_alter_table('award_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_attachment_nomination_id'), ['nomination_id'], unique=False)

    op.create_table('award_narrative',
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['criterion_id'], ['award_criterion.id'], name=op.f('fk_award_narrative_criterion_id_award_criterion'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['nomination_id'], ['award_nomination.id'], name=op.f('fk_award_narrative_nomination_id_award_nomination'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('nomination_id', 'criterion_id', name=op.f('pk_award_narrative'))
    )
    op.create_table('award_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('asset_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('(meeting_id IS NULL) <> (asset_id IS NULL)', name=op.f('ck_award_evidence_meeting_or_asset')),
    sa.ForeignKeyConstraint(['asset_id'], ['asset.id'], name=op.f('fk_award_evidence_asset_id_asset'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_award_evidence_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['nomination_id'], ['award_nomination.id'], name=op.f('fk_award_evidence_nomination_id_award_nomination'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_evidence')),
    sa.UniqueConstraint('nomination_id', 'meeting_id', 'asset_id', name='uq_award_evidence_item')
    )
    with op.batch_alter_table('award_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_evidence_nomination_id'), ['nomination_id'], unique=False)



def downgrade():
    with op.batch_alter_table('award_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_evidence_nomination_id'))

    op.drop_table('award_evidence')
    op.drop_table('award_narrative')
    with op.batch_alter_table('award_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_attachment_nomination_id'))

    op.drop_table('award_attachment')
    op.drop_table('award_aspect_score')
    with op.batch_alter_table('award_score_sheet', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_score_sheet_round_id'))
        batch_op.drop_index(batch_op.f('ix_award_score_sheet_assessor_id'))

    op.drop_table('award_score_sheet')
    with op.batch_alter_table('award_nomination', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_nomination_round_id'))
        batch_op.drop_index(batch_op.f('ix_award_nomination_agency_id'))

    op.drop_table('award_nomination')
    with op.batch_alter_table('award_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_assignment_assessor_id'))

    op.drop_table('award_assignment')
    with op.batch_alter_table('award_result', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_result_agency_id'))

    op.drop_table('award_result')
    with op.batch_alter_table('award_criterion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_criterion_round_id'))

    op.drop_table('award_criterion')
    op.drop_table('award_round')
