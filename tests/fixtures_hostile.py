"""A world in which every string a user can write is hostile markup, and the checks that it
stays text. Used by tests/test_hostile_rendering.py.

Every payload starts with its field's marker `zz<field>zz` (which must then show as text) and
tries to create an element carrying `data-hostile`, to break out of a quoted attribute with
`hostile-attr`, to add an htmx attribute pointing at "hostile", an `on*` handler, a `javascript:`
link, a <script> and a template expression ({{7*'7'}}); each is recognisable wherever it lands.
"""
import re
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import quote

from bs4 import BeautifulSoup
from sqlalchemy import select

from kmapp.assets import rules
from kmapp.auth.sessions import start_session
from kmapp.extensions import db
from kmapp.models import Agency, Asset, CommunityMember, MemberRole, Notification, Role, User, Watch
from kmapp.models.handover import CAPTURE_FIELDS

from .conftest import World, user
from .fixtures_assets import asset_form, pdf_bytes

MARKER = re.compile(r"zz([a-z0-9]+)zz", re.IGNORECASE)
TEMPLATE_EVALUATED = "7777777"  # what {{7*'7'}} would become if user data were ever rendered as a template
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")
# Written out here, not imported from kmapp.communities.minutes: widening the sanitiser's
# allow-list should be a decision this test makes someone look at.
SAFE_MINUTES_TAGS = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code",
                     "pre", "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "del"}
SAFE_MINUTES_ATTRIBUTES = {"href", "title", "rel", "align"}


class Payloads:
    """Hostile strings, one distinct marker per field; remembers which fields it handed out."""

    def __init__(self):
        self.markers: dict[str, str] = {}

    def _marker(self, name: str) -> str:
        assert name.isalnum() and name.islower(), name
        marker = f"zz{name}zz"
        self.markers[name] = marker
        return marker

    def long(self, name: str) -> str:
        """For names, titles and texts (at most 200 characters: agency, CoP and guest names)."""
        m = self._marker(name)
        text = (f"{m}<b data-hostile={m}>\"><svg hx-get=hostile>' hostile-attr x='\" hostile-attr x=\""
                f"<img src=x onerror=alert(1)><a href=javascript:alert(1)>{{{{7*'7'}}}}<script>")
        assert len(text) <= 200, len(text)
        return text

    def short(self, name: str) -> str:
        """For tags (60 characters, lowercase, no commas) and user names (64)."""
        m = self._marker(name)
        text = f"{m}\"'><b data-hostile={m} onclick=x>"
        assert len(text) <= 60, len(text)
        return text

    def tiny(self, name: str) -> str:
        """For agency codes and kinds (32 characters)."""
        m = self._marker(name)
        text = f"\"'><i data-hostile={m}>"
        assert len(text) <= 32, len(text)
        return text

    def file_name(self, name: str) -> str:
        """A PDF's name: no slash (a directory part is dropped at upload), at most 150 characters."""
        m = self._marker(name)
        return f"{m}\"'><button hx-post=&#47;assets hx-trigger=load data-hostile={m} onclick=x>{{{{7*'7'}}}}.pdf"

    def minutes(self, name: str) -> str:
        """Markdown whose emphasis and https link must survive, and whose raw HTML must not."""
        m = self._marker(name)
        return (f"## Hasil {m}\n\n*penting {m}* dan **tebal**\n\n"
                f"[tautan](https://example.org/{m}) [jahat](javascript:alert(1))\n\n"
                f'<div hx-get="/hostile" hx-trigger="load" data-hostile="{m}" style="color:red" '
                f'onclick="alert(1)">mentah</div>\n\n'
                f"<script>alert('{m}')</script>\n\n"
                f'<a href="https://ok.example/" hx-post="/hostile" onmouseover="alert(1)" '
                f'data-hostile="{m}">tautan mentah</a> <img src=x onerror=alert(1)>\n\n'
                f"{{{{7*'7'}}}} <svg><a hx-get=/hostile>svg</a></svg> {m}\n")


@dataclass
class HostileWorld:
    """Ids of everything built, for filling URL parameters."""
    payloads: Payloads
    ids: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.ids[name]
        except KeyError:
            raise AttributeError(name) from None


PEOPLE = ("admin", "lead_a", "lead_b", "facilitator", "employee", "assessor")


def sign_in_as(app, client, user_id: int | None):
    """A real server-side session (as a sign-in makes) without the slow password check."""
    with client.session_transaction() as session:
        session.clear()
    if user_id is None:
        return client
    with app.test_request_context():
        token = start_session(db.session.get(User, user_id))
        db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = token
        session["_fresh"] = True
    return client


def set_locale(app, user_id: int, locale: str) -> None:
    with app.app_context():
        db.session.get(User, user_id).locale = locale
        db.session.commit()


def upload_with_name(client, fields: dict, content: bytes, name: str, url: str = "/assets/new",
                     file_field: str = "files", headers=None):
    """A multipart post whose file name travels as `filename*=UTF-8''...` (quotes and all),
    as a script can send it; the test client would cut a plain filename at its first quote."""
    boundary = "hostile-boundary"
    parts = []
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{item}\r\n'.encode())
    parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; "
                 f"filename*=UTF-8''{quote(name, safe='')}\r\nContent-Type: application/pdf\r\n\r\n".encode()
                 + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}",
                       headers=headers or {})


def build_hostile_world(app, client) -> HostileWorld:
    """Data only an admin or an import can set goes straight to the database; everything a user
    types (meetings, guests, minutes, feedback, assets, files, tags, notes) goes through the app."""
    p = Payloads()
    app.config["ASSET_MEETING_REQUIRED_FROM"] = "2999-01-01"
    with app.app_context():
        world = World()
        world.agency_a.name, world.agency_a.code = p.long("agencya"), p.tiny("codea")
        world.agency_b.name, world.agency_b.code = p.long("agencyb"), p.tiny("codeb")
        world.agency_b.kind = p.tiny("kind")  # an unknown kind is shown as it is, title-cased
        for cop, letter in ((world.cop_a, "a"), (world.cop_b, "b")):
            cop.name, cop.theme = p.long(f"cop{letter}"), p.long(f"theme{letter}")
            cop.description = p.long(f"desc{letter}")
        for who in PEOPLE:
            getattr(world, who).name = p.long(f"name{who.replace('_', '')}")
        extra = user("extra", world.agency_a, Role.EMPLOYEE)
        extra.username, extra.name = p.short("username"), p.long("nameextra")
        world.cop_a.members.append(CommunityMember(user=extra, role=MemberRole.MEMBER))
        db.session.commit()
        ids = {name: value.id for name, value in vars(world).items()}
        ids["extra"] = extra.id
    built = HostileWorld(p, ids)

    # The meeting, as its lead writes it: topic, agenda, place, guests, minutes, attendees.
    sign_in_as(app, client, built.lead_a)
    meeting = {"held_on": "2025-08-14", "topic": p.long("topic"), "agenda": p.long("agenda"), "format": "hybrid",
               "place": p.long("place"), "head_count": "20", "seci_stages": ["socialization"],
               "minutes": p.minutes("minutes"), "attendees": [str(built.extra), str(built.lead_a)],
               "attendee_logins": "", "guests": f"{p.long('guestname')} — {p.long('guestinst')}"}
    response = client.post(f"/meetings/{built.meeting_a}/edit", data=meeting)
    assert response.status_code == 302, response.get_data(as_text=True)

    # The facilitator's feedback.
    sign_in_as(app, client, built.facilitator)
    response = client.post(f"/meetings/{built.meeting_a}/accompaniment", data={"feedback": p.long("feedback")})
    assert response.status_code == 302, response.get_data(as_text=True)

    # The admin follows the CoP: the asset below reaches his notifications with its hostile title.
    sign_in_as(app, client, built.admin)
    assert client.post(f"/watch/community/{built.cop_a}", data={"next": "/"}).status_code == 302

    # An asset from that meeting: title, summary, tags, a real PDF with a hostile name and text.
    sign_in_as(app, client, built.lead_a)
    tags = ", ".join(p.short(f"tag{n}") for n in (1, 2))
    fields = asset_form(built.cop_a, built.meeting_a, title="racun " + p.long("title"),
                        summary="racun " + p.long("summary"), tags=tags)
    response = upload_with_name(client, fields, pdf_bytes("racun " + p.long("pdftext")), p.file_name("filename"))
    assert response.status_code == 302, response.get_data(as_text=True)
    built.ids["asset"] = int(response.headers["Location"].rsplit("/", 1)[1])
    client.get(response.headers["Location"])  # the "saved" flash is checked by its own test

    with app.app_context():
        built.ids["notification"] = db.session.scalar(select(Notification.id).where(
            Notification.user_id == built.admin))
        # The employee follows the asset's hostile tags (listed on his preferences page).
        for tag in db.session.get(Asset, built.asset).tags:
            db.session.add(Watch(user_id=built.employee, target="tag", target_id=tag.id))
        db.session.commit()

    # An extra file with a hostile name and change note (both names show on the asset page).
    with app.app_context():
        built.ids["file"] = db.session.get(Asset, built.asset).files[0].id
    response = upload_with_name(client, {"change_note": p.long("changenote")},
                                pdf_bytes("versi dua"), p.file_name("filenametwo"),
                                url=f"/assets/{built.asset}/files/add", file_field="file")
    assert response.status_code == 302, response.get_data(as_text=True)
    client.get(response.headers["Location"])

    with app.app_context():
        asset = db.session.get(Asset, built.asset)
        built.ids["version"], built.ids["first_version"] = asset.files[1].current.id, asset.files[0].current.id
        # Extraction warnings name the file; due for review so it shows on the due list.
        asset.extraction_warning = f"{asset.files[1].current.original_name}: {p.long('warning')}"
        # A recognised scan whose note is hostile; the stored file stands in for its searchable PDF.
        scanned = asset.files[1].current
        scanned.ocr_status, scanned.ocr_note, scanned.ocr_pdf_name = "done", p.long("ocr"), scanned.storage_name
        asset.next_review_on = rules.today() - timedelta(days=3)
        db.session.commit()

    # A guide page as an admin writes it: hostile title, body and change note.
    sign_in_as(app, client, built.admin)
    response = client.post("/guide/new", data={"title": "panduan " + p.long("guidetitle"), "section": "plan",
                                               "position": "1", "body": p.minutes("guidebody"),
                                               "change_note": p.long("guidenote")})
    assert response.status_code == 302, response.get_data(as_text=True)
    built.ids["guide_slug"] = response.headers["Location"].rsplit("/", 1)[1]

    # A transfer of the hostile-named employee (HR data: straight to the database), his handover
    # written through the app by the admin (hostile capture text), a successor from the other agency.
    from kmapp.handover.recording import record_departure
    with app.app_context():
        person = db.session.get(User, built.extra)
        person.supervisor_id = built.lead_a
        departure, _outcome = record_departure(person, "transfer", rules.today() + timedelta(days=60),
                                               db.session.get(Agency, built.agency_b), None)
        db.session.commit()
        built.ids["handover"] = departure.handover.id
    capture = {name: p.long(f"cap{name[:6]}") for name in CAPTURE_FIELDS}
    response = client.post(f"/handover/{built.handover}", data={**capture, "visibility": "agency", "save": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)
    response = client.post(f"/handover/{built.handover}/successors", data={"successor": "pegawai"})
    assert response.status_code == 302, response.get_data(as_text=True)

    # Declared expertise with a hostile topic (shown on his people page and found by people search).
    sign_in_as(app, client, built.lead_a)
    response = client.post("/people/me/expertise", data={"name": p.tiny("skill")})
    assert response.status_code in (200, 302), response.get_data(as_text=True)

    # An override target, so the targets page lists the agency by name.
    sign_in_as(app, client, built.admin)
    response = client.post("/programme/targets/overrides?year=2025",
                           data={"agency_id": str(built.agency_a), "quarter": "3", "min_meetings": "2",
                                 "min_accompanied": "1", "min_assets": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)
    client.get(response.headers["Location"])
    return built


@dataclass
class Finding:
    where: str
    what: str

    def __str__(self):
        return f"{self.where}: {self.what}"


def inspect_page(html: str, where: str, seen: set[str]) -> list[Finding]:
    """Everything on the page that came from a payload as markup; adds the markers shown as text to `seen`."""
    soup = BeautifulSoup(html, "html.parser")
    findings = []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            seen.update(MARKER.findall(text))
            if name == "data-hostile" or name.startswith("hostile"):
                findings.append(Finding(where, f"<{tag.name} {name}={text!r}> came from user data"))
            elif name.startswith("on"):
                findings.append(Finding(where, f"event handler <{tag.name} {name}={text!r}>"))
            elif name.startswith(("hx-", "data-hx-")) and "hostile" in text:
                findings.append(Finding(where, f"htmx attribute from user data <{tag.name} {name}={text!r}>"))
            elif name in URL_ATTRIBUTES and text.strip().lower().startswith(("javascript:", "data:text")):
                findings.append(Finding(where, f"script URL <{tag.name} {name}={text!r}>"))
        if tag.name == "script" and (not tag.get("src", "").startswith("/static/") or tag.string):
            findings.append(Finding(where, f"script element {str(tag)[:120]!r}"))
    seen.update(MARKER.findall(soup.get_text()))
    if TEMPLATE_EVALUATED in html:
        findings.append(Finding(where, "a template expression from user data was evaluated"))
    findings += _inspect_user_html(soup, where)
    return findings


def _inspect_user_html(soup, where: str) -> list[Finding]:
    """Containers of HTML made from user text: htmx is off inside, and only the allowed tags remain."""
    findings = []
    for box in soup.select(".minutes, .hit-snippet"):
        if not box.has_attr("hx-disable"):
            findings.append(Finding(where, f"user HTML container without hx-disable: {box.get('class')}"))
        allowed = SAFE_MINUTES_TAGS if "minutes" in box.get("class", []) else {"mark"}
        for inner in box.find_all(True):
            if inner.name not in allowed:
                findings.append(Finding(where, f"<{inner.name}> inside {box.get('class')}"))
            extra = set(inner.attrs) - SAFE_MINUTES_ATTRIBUTES
            if extra:
                findings.append(Finding(where, f"attributes {sorted(extra)} inside {box.get('class')}"))
            href = inner.get("href", "")
            if href and not href.startswith(("https://", "http://", "mailto:")):
                findings.append(Finding(where, f"link {href!r} inside {box.get('class')}"))
    return findings
