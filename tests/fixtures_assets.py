"""Test files of every kind, made on the spot, and helpers to upload or create assets."""
import io
import struct
import zlib
from pathlib import Path

from sqlalchemy import func, select

import pytest

from kmapp.auth.sessions import start_session
from kmapp.demo.pdfgen import text_to_pdf
from kmapp.extensions import db
from kmapp.models import Asset, AssetFileVersion, Community, User


def pdf_bytes(text: str = "Langkah-langkah pelayanan", title: str = "") -> bytes:
    return text_to_pdf(text, title)


def png_bytes() -> bytes:
    """A valid 1x1 PNG, built by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def jpg_bytes() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"


def mp4_bytes() -> bytes:
    return struct.pack(">I", 24) + b"ftypisom" + b"\x00\x00\x02\x00isomiso2" + b"\x00" * 64


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200 + b"This program cannot be run in DOS mode"


def docx_bytes(title: str = "", text: str = "Isi panduan") -> bytes:
    from docx import Document
    document = Document()
    document.core_properties.title = title
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(title: str = "") -> bytes:
    from openpyxl import Workbook
    workbook = Workbook()
    workbook.properties.title = title or None
    workbook.active["A1"] = "Data kehadiran"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def pptx_bytes(title: str = "") -> bytes:
    from pptx import Presentation
    deck = Presentation()
    deck.core_properties.title = title
    deck.slides.add_slide(deck.slide_layouts[5]).shapes.title.text = "Materi"
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def act_as(app, client, world):
    """Sign the client in as one of the world's people without the (deliberately slow) password
    check: a real server-side session row, as a sign-in would create. Sign-in itself is tested
    in test_auth.py."""
    def _act_as(who: str):
        with app.test_request_context():
            token = start_session(db.session.get(User, getattr(world, who)))
            db.session.commit()
        with client.session_transaction() as session:
            session.clear()
            session["_user_id"] = token
            session["_fresh"] = True
        return client
    return _act_as


def asset_form(cop, meeting=None, **overrides) -> dict:
    """Fields of the upload form a lead would fill in."""
    data = {"cop": str(cop), "title": "SOP Pelayanan Kesehatan Kerja", "summary": "Langkah pemeriksaan berkala ASN.",
            "asset_type": "sop", "km_stage": "creation", "visibility": "all", "tags": "Kesehatan, SOP, kesehatan",
            "meeting": str(meeting) if meeting else ""}
    data.update(overrides)
    return data


def with_files(data: dict, *files: tuple[bytes, str]) -> dict:
    return {**data, "files": [(io.BytesIO(content), name) for content, name in files]}


def upload(client, data: dict, *files: tuple[bytes, str], htmx: bool = False):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post("/assets/new", data=with_files(data, *files), content_type="multipart/form-data",
                       headers=headers)


def stored_files(app) -> list[Path]:
    root = Path(app.config["UPLOAD_DIR"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def asset_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Asset))


def version_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AssetFileVersion))


def make_asset(app, client, act_as, world, who="lead_a", cop=None, meeting=None, files=None, **fields) -> int:
    """Upload an asset through the app as `who`; returns its id."""
    app.config["ASSET_MEETING_REQUIRED_FROM"] = "2999-01-01"  # not required unless a test says so
    act_as(who)
    response = upload(client, asset_form(cop or world.cop_a, meeting, **fields),
                      *(files or [(pdf_bytes(), "sop.pdf")]))
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def community_named(name: str) -> Community:
    return db.session.scalar(select(Community).where(Community.name == name))
