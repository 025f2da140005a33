"""Writing asset documents: the index and, beside it, the vocabulary of its words.

Every path that writes documents (the outbox drain, a rebuild, the benchmarks, tests)
goes through :class:`DocumentWriter`, so the words of "did you mean" follow the index.
"""
from . import stem_store
from .analysis import raw_words
from .schema import document_fields, known_fields
from .vocabulary import Vocabulary, words_of


class DocumentWriter:
    """A Whoosh writer on the index in ``folder`` plus the words of what it writes.

    The words are saved after the index commit: a crash in between loses only some
    suggestions until the next rebuild, never a document.
    """

    def __init__(self, writer, folder):
        self.writer = writer
        self.vocabulary = Vocabulary(folder)
        self.raws = set()  # the written documents' distinct words as written
        # The bulk writer gathers them while it analyses the texts (kmapp.search.engine).
        self.gathered = getattr(writer, "raw_words", None)

    def put(self, document: dict) -> None:
        """Add or replace the document of one asset (a plain dict, see ``document_fields``)."""
        self._write(self.writer.update_document, document)

    def add_new(self, document: dict) -> None:
        """Like :meth:`put` for an asset surely not in the index yet (a fresh build: no delete)."""
        self._write(self.writer.add_document, document)

    def _write(self, write, document):
        fields = known_fields(self.writer.schema, document_fields(document))
        write(**fields)
        if self.gathered is None:
            self.raws |= raw_words(fields["title"], fields["summary"], fields["body"],
                                   fields["tags"].replace(",", " "))

    def delete(self, asset_id) -> None:
        self.writer.delete_by_term("asset_id", str(asset_id))

    def commit(self, merge: bool = True, optimize: bool = False, mergetype=None) -> None:
        self.writer.commit(merge=merge, optimize=optimize, mergetype=mergetype)
        self.vocabulary.add(words_of(self.raws if self.gathered is None else self.gathered))
        stem_store.flush()
        self.raws = set()

    def cancel(self) -> None:
        self.writer.cancel()
        self.raws = set()
