"""The bulk writer (kmapp.search.engine.BulkSegmentWriter) writes the index Whoosh's own
SegmentWriter writes: the same documents built both ways, compared term by term, posting by
posting (positions and weights included), with stored fields, columns and field lengths."""
import datetime as dt
import random

import pytest
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.filestore import FileStorage
from whoosh.query import Term

from kmapp.search.engine import BulkSegmentWriter
from kmapp.search.schema import document_fields, known_fields, open_or_create_index

WORDS = """pengelolaan arsip kearsipan diarsipkan mengelola pengetahuan berbagi dibagikan
    pembelajaran belajar pelajaran kebijakan bijak pelayanan melayani layanan publik
    penyusunan menyusun disusun laporan melaporkan pelaporan keuangan daerah pemerintahan
    perencanaan rencana direncanakan anggaran penganggaran pengadaan barang jasa evaluasi
    mengevaluasi kinerja pegawai kepegawaian digital digitalisasi transformasi inovasi
    berinovasi knowledge management community of practice dokumen tacit explicit
    sosialisasi eksternalisasi kombinasi internalisasi rapat pertemuan notulen
    telah sudah akan yang dan di ke dari untuk dengan pada adalah itu ini
    uu11 2024 1.000.000 jakarta.go.id café naïve résumé ÉLITE Über co-op e-mail
    tersebut menerapkan penerapan diterapkan keterbukaan informasi terbuka
    日本語 Ελληνικά данные 𝔘nicode ǅemal ﬁle Zürich ÿes ſtrasse""".split()  # terms sorted as UTF-8


def make_documents(count, seed):
    rng = random.Random(seed)

    def text(low, high):
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))

    documents = []
    for number in range(1, count + 1):
        document = {
            "asset_id": number,
            "title": text(1, 8).capitalize(),
            "summary": text(0, 30) if rng.random() < 0.9 else None,
            "body": text(0, 400) if rng.random() < 0.85 else "",
            "tags": rng.sample(["arsip", "inovasi", "Rapat Kerja", "keuangan", "tacit"], rng.randint(0, 3)),
            "agency": rng.choice(["BPKAD", "DISKOMINFO", "BKD", None]),
            "agency_name": "Badan Daerah",
            "cop": rng.choice([None, 3, 7]),
            "cop_name": "Komunitas",
            "asset_type": rng.choice(["laporan", "notulen", "kajian"]),
            "year": rng.choice([None, 2019, 2024]),
            "km_stage": rng.choice(["capture", "share", None]),
            "seci_stage": rng.sample(["socialization", "combination"], rng.randint(0, 2)),
            "visibility": rng.choice(["all", "agency", "community", "draft"]),
            "published": dt.datetime(2020, 1, 1) + dt.timedelta(days=number),
            "updated": dt.datetime(2025, 1, 1, 12, 30) if rng.random() < 0.5 else None,
            "file_sha256": [f"{rng.getrandbits(256):064x}"] if rng.random() < 0.7 else [],
            "state_key": f"key{number}",
        }
        documents.append(document)
    return documents


def build(path, documents, writer_class, **options):
    index = open_or_create_index(path)
    writer = writer_class(index, **options)
    for document in documents:
        writer.add_document(**known_fields(writer.schema, document_fields(document)))
    writer.commit()
    return index


def index_contents(index):
    """Everything a reader gives back, in order."""
    contents = {}
    with index.searcher() as searcher:
        reader = searcher.reader()
        contents["doc_count"] = (reader.doc_count(), reader.doc_count_all())
        contents["stored"] = [reader.stored_fields(docnum) for docnum in range(reader.doc_count_all())]
        terms = list(reader.all_terms())
        contents["terms"] = terms
        postings = []
        for fieldname, tbytes in terms:
            info = reader.term_info(fieldname, tbytes)
            matcher = reader.postings(fieldname, tbytes)
            items = []
            while matcher.is_active():
                items.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            postings.append((fieldname, tbytes, info.weight(), info.doc_frequency(), info.max_weight(),
                             info.min_length(), info.max_length(), items))
        contents["postings"] = postings
        fieldnames = reader.schema.names()
        contents["lengths"] = [(name, reader.field_length(name), reader.min_field_length(name),
                                reader.max_field_length(name),
                                [reader.doc_field_length(docnum, name) for docnum in range(reader.doc_count_all())])
                               for name in fieldnames if reader.schema[name].scorable]
        contents["columns"] = {name: list(reader.column_reader(name)) for name in fieldnames
                               if reader.has_column(name)}
        contents["positions"] = [list(reader.postings("body", tbytes).items_as("positions"))
                                 for fieldname, tbytes in terms if fieldname == "body"]
    return contents


@pytest.mark.parametrize("limitmb", [128, 1], ids=["in memory", "spilled to runs"])
def test_bulk_writer_writes_what_whoosh_writes(tmp_path, limitmb):
    documents = make_documents(300, seed=limitmb)
    whoosh_index = build(tmp_path / "whoosh", documents, lambda index, **o: index.writer(**o), limitmb=limitmb)
    bulk_index = build(tmp_path / "bulk", documents, BulkSegmentWriter, limitmb=limitmb)

    expected, actual = index_contents(whoosh_index), index_contents(bulk_index)
    assert expected["doc_count"] == (300, 300)
    assert len(expected["terms"]) > 200 and any(name == "body" for name, _ in expected["terms"])
    for key in expected:
        assert actual[key] == expected[key], key
    # The files inside the compound segment are the same bytes (only the segment's random
    # name, in the file names, differs).
    expected_files = segment_files(tmp_path / "whoosh")
    assert len(expected_files) > 10 and {"MAIN_.trm", "MAIN_.pst", "MAIN_._stored.col"} <= set(expected_files)
    assert segment_files(tmp_path / "bulk") == expected_files


def segment_files(folder):
    """The files of the index's one compound segment, by name without the segment's id."""
    storage = FileStorage(str(folder))
    [name] = [name for name in storage.list() if name.endswith(".seg")]
    segment_id = name[:-len(".seg")].split("_")[-1]
    compound = CompoundStorage(storage.open_file(name), use_mmap=False)
    files = {inner.replace(segment_id, ""): compound.open_file(inner).read() for inner in compound.list()}
    compound.close()
    return files


def test_the_fast_paths_are_taken(tmp_path):
    """The cases above really analyse text without Whoosh's tokens and really spill (else
    they would compare Whoosh with itself)."""
    index = open_or_create_index(tmp_path)
    writer = BulkSegmentWriter(index, limitmb=1)
    assert {name for name, stem in writer._fast.items() if stem is not None} == {"title", "summary", "body",
                                                                                  "tag_text"}
    for document in make_documents(300, seed=5):
        writer.add_document(**known_fields(writer.schema, document_fields(document)))
    assert writer._runs
    writer.commit()
    with index.searcher() as searcher:
        assert searcher.doc_count() == 300


def test_two_processes_spilling_runs_into_one_temp_folder_lose_nothing(tmp_path):
    """Each process of a multi-process build spills its own runs beside the others' (they once
    had the same names, and a 100,000-asset build failed reading runs another had overwritten)."""
    from kmapp.search.engine import bulk_writer
    documents = make_documents(600, seed=3)
    expected = build(tmp_path / "whoosh", documents, lambda index, **o: index.writer(**o))
    index = open_or_create_index(tmp_path / "bulk")
    writer = bulk_writer(index, processes=2, limitmb=1)
    for document in documents:
        writer.add_document(**known_fields(writer.schema, document_fields(document)))
    writer.commit()
    with index.searcher() as searcher, expected.searcher() as whoosh:
        assert len(searcher.reader().leaf_readers()) == 2 and searcher.doc_count() == 600
        for _count, term in whoosh.reader().most_frequent_terms("body", 3):
            found, wanted = (sorted(s.stored_fields(doc)["asset_id"] for doc in s.docs_for_query(Term("body", term)))
                             for s in (searcher, whoosh))
            assert found == wanted and len(found) > 50


def test_bulk_writer_merges_into_an_index_with_segments(tmp_path):
    """On an index that has segments, a merging commit takes Whoosh's pool path: same result."""
    first, second = make_documents(120, seed=11)[:60], make_documents(120, seed=11)[60:]
    expected = build(tmp_path / "whoosh", first, lambda index, **o: index.writer(**o))
    writer = expected.writer()
    for document in second:
        writer.add_document(**document_fields(document))
    writer.commit(optimize=True)
    actual = build(tmp_path / "bulk", first, lambda index, **o: index.writer(**o))
    writer = BulkSegmentWriter(actual)
    for document in second:
        writer.add_document(**document_fields(document))
    writer.commit(optimize=True)
    assert index_contents(actual) == index_contents(expected)


def test_the_collector_settings_come_back_after_a_build(tmp_path):
    import gc

    before = gc.get_threshold()
    writer = BulkSegmentWriter(open_or_create_index(tmp_path / "a"))
    assert gc.get_threshold() != before
    writer.add_document(**document_fields(make_documents(1, seed=1)[0]))
    writer.commit()
    assert gc.get_threshold() == before
    BulkSegmentWriter(open_or_create_index(tmp_path / "b")).cancel()
    assert gc.get_threshold() == before
