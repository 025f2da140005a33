"""Writing ``search_document`` rows: on the caller's connection, so inside its transaction."""
import hashlib

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from .documents import body_vector, document_row, field_texts, meta_vector, readable_words
from .tables import search_document, search_word

_COMBINED = sa.text("CAST(:body AS tsvector) || CAST(:meta AS tsvector)").bindparams(
    sa.bindparam("body"), sa.bindparam("meta"))


def put_documents(connection, documents: list[dict], reuse_body: bool = True) -> None:
    """Add or replace the rows of ``documents`` (index documents with their body text). A body
    that has not changed since the last write is not analysed again (a metadata edit of an
    asset with a long PDF costs a hash, not a stemming pass), unless ``reuse_body`` is false
    (a reindex analyses everything: the analysis itself may have changed)."""
    if not documents:
        return
    stored = dict(connection.execute(
        sa.select(search_document.c.asset_id, search_document.c.body_key)
        .where(search_document.c.asset_id.in_([str(d["asset_id"]) for d in documents]))).all())
    words = set()
    for document in documents:
        row = document_row(document)
        texts = field_texts(document)
        meta = meta_vector(texts)
        body_key = hashlib.sha256(texts["body"].encode("utf-8")).hexdigest()[:32]
        if reuse_body and stored.get(row["asset_id"]) == body_key:
            connection.execute(
                search_document.update().where(search_document.c.asset_id == row["asset_id"]).values(
                    **row, vector=sa.func.ts_filter(search_document.c.vector, sa.literal_column("'{d}'::\"char\"[]"))
                    .op("||")(sa.cast(meta, search_document.c.vector.type))))
        else:
            vector = sa.cast(body_vector(texts["body"]), search_document.c.vector.type).op("||")(
                sa.cast(meta, search_document.c.vector.type))
            values = {**row, "vector": vector, "body_key": body_key}
            statement = insert(search_document).values(**values)
            connection.execute(statement.on_conflict_do_update(
                index_elements=[search_document.c.asset_id],
                set_={name: statement.excluded[name] for name in values if name != "asset_id"}))
        words |= readable_words(document)
    add_words(connection, words)


def add_words(connection, words) -> None:
    """Add words to the "did you mean" dictionary (in a fixed order: concurrent writers never deadlock)."""
    if words:
        statement = insert(search_word).values([{"word": word} for word in sorted(words)])
        connection.execute(statement.on_conflict_do_nothing())


def delete_documents(connection, asset_ids) -> None:
    ids = [str(asset_id) for asset_id in asset_ids]
    if ids:
        connection.execute(search_document.delete().where(search_document.c.asset_id.in_(ids)))
