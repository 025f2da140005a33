"""Who knows what: declared expertise, the choice to hide it, and the per-person topic
evidence behind the expert locator (filled by `flask people-reindex`).

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('declared_expertise',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_declared_expertise_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_declared_expertise')),
    sa.UniqueConstraint('user_id', 'name', name='uq_declared_expertise_user_name')
    )
    with op.batch_alter_table('declared_expertise', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_declared_expertise_user_id'), ['user_id'], unique=False)

    op.create_table('expertise_settings',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('hide_declared', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_expertise_settings_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_expertise_settings'))
    )
    op.create_table('topic_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=60), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=60), nullable=False),
    sa.CheckConstraint("kind IN ('authored', 'led', 'attended', 'handover', 'received', 'declared')", name=op.f('ck_topic_evidence_evidence_kind_known')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_topic_evidence_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topic_evidence')),
    sa.UniqueConstraint('term', 'user_id', 'kind', 'source_id', name='uq_topic_evidence_term_user_source')
    )
    with op.batch_alter_table('topic_evidence', schema=None) as batch_op:
        batch_op.create_index('ix_topic_evidence_source', ['kind', 'source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_topic_evidence_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('topic_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_topic_evidence_user_id'))
        batch_op.drop_index('ix_topic_evidence_source')

    op.drop_table('topic_evidence')
    op.drop_table('expertise_settings')
    with op.batch_alter_table('declared_expertise', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declared_expertise_user_id'))

    op.drop_table('declared_expertise')
