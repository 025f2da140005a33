"""Writing ``search_document`` rows: on the caller's connection, so inside its transaction."""
import hashlib

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from .documents import body_vector, document_row, field_texts, meta_vector, readable_words
from .postings import analysed_fields, averages_for_writing, lengths_of, replace_postings
from .tables import BODY_FIELD, FIELDS, search_document, search_posting, search_word

META_FIELDS = [number for number in range(len(FIELDS)) if number != BODY_FIELD]

_COMBINED = sa.text("CAST(:body AS tsvector) || CAST(:meta AS tsvector)").bindparams(
    sa.bindparam("body"), sa.bindparam("meta"))


def put_documents(connection, documents: list[dict], reuse_body: bool = True) -> None:
    """Add or replace the rows of ``documents`` (index documents with their body text) and their
    postings. A body that has not changed since the last write is not analysed again (a
    metadata edit of an asset with a long PDF costs a hash, not a stemming pass), unless
    ``reuse_body`` is false (a reindex analyses everything: the analysis itself may have changed)."""
    documents = list({str(d["asset_id"]): d for d in documents}.values())  # the last write of each wins
    if not documents:
        return
    stored = {row.asset_id: row for row in connection.execute(
        sa.select(search_document.c.asset_id, search_document.c.body_key, search_document.c.lengths)
        .where(search_document.c.asset_id.in_([str(d["asset_id"]) for d in documents])))}
    words, pending = set(), []
    for document in documents:
        row = document_row(document)
        texts = field_texts(document)
        meta = meta_vector(texts)
        body_key = hashlib.sha256(texts["body"].encode("utf-8")).hexdigest()[:32]
        before = stored.get(row["asset_id"])
        if reuse_body and before is not None and before.body_key == body_key and before.lengths:
            analysed = analysed_fields(document, META_FIELDS)
            lengths, scored = lengths_of(analysed, before.lengths)
            doc_id = connection.scalar(
                search_document.update().where(search_document.c.asset_id == row["asset_id"]).values(
                    **row, lengths=lengths, scored_lengths=scored,
                    vector=sa.func.ts_filter(search_document.c.vector, sa.literal_column("'{d}'::\"char\"[]"))
                    .op("||")(sa.cast(meta, search_document.c.vector.type)))
                .returning(search_document.c.doc_id))
        else:
            analysed = analysed_fields(document)
            lengths, scored = lengths_of(analysed)
            vector = sa.cast(body_vector(texts["body"]), search_document.c.vector.type).op("||")(
                sa.cast(meta, search_document.c.vector.type))
            values = {**row, "vector": vector, "body_key": body_key, "lengths": lengths, "scored_lengths": scored}
            statement = insert(search_document).values(**values)
            doc_id = connection.scalar(statement.on_conflict_do_update(
                index_elements=[search_document.c.asset_id],
                set_={name: statement.excluded[name] for name in values if name != "asset_id"})
                .returning(search_document.c.doc_id))
        pending.append((doc_id, analysed, lengths, scored))
        words |= readable_words(document)
    averages = averages_for_writing(connection, [lengths for _, _, lengths, _ in pending])
    replace_postings(connection, [(doc_id, analysed, scored) for doc_id, analysed, _, scored in pending], averages)
    add_words(connection, words)


def add_words(connection, words) -> None:
    """Add words to the "did you mean" dictionary (in a fixed order: concurrent writers never deadlock)."""
    if words:
        statement = insert(search_word).values([{"word": word} for word in sorted(words)])
        connection.execute(statement.on_conflict_do_nothing())


def delete_documents(connection, asset_ids) -> None:
    ids = [str(asset_id) for asset_id in asset_ids]
    if ids:
        gone = sa.select(search_document.c.doc_id).where(search_document.c.asset_id.in_(ids))
        connection.execute(search_posting.delete().where(search_posting.c.doc_id.in_(gone)))
        connection.execute(search_document.delete().where(search_document.c.asset_id.in_(ids)))
