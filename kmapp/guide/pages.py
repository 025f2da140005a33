"""Writing guide pages: every save is a new version (who, when, why); the Markdown goes through
the minutes' renderer and allow-list, rendered once when saved. Reviewed yearly like assets."""
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..assets.rules import add_months, review_months
from ..audit import record_change
from ..communities.minutes import render_minutes_html
from ..extensions import db
from ..models import GuidePage, GuidePageVersion, GuideSection, User, utcnow

# Guide pages follow REVIEW_MONTHS_DEFAULT like assets, or REVIEW_MONTHS_BY_TYPE["guide"] if set.
GUIDE_REVIEW_KEY = "guide"
SECTION_ORDER = (GuideSection.PLAN, GuideSection.ROLES, GuideSection.MODULE, GuideSection.OTHER)


@dataclass(frozen=True)
class PageFields:
    title: str
    section: str
    position: int
    body_md: str
    change_note: str = ""


def slug_for(title: str) -> str:
    """"Peran & Wewenang Pendamping" -> "peran-wewenang-pendamping", unique among pages."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:70] or "halaman"
    slug, n = base, 2
    while db.session.scalar(select(GuidePage.id).where(GuidePage.slug == slug)) is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


def save_page(page: GuidePage | None, fields: PageFields, actor: User | None, today: date) -> GuidePage:
    """Create a page or add a version to it (the caller commits)."""
    before = None if page is None else {"title": page.title, "version": page.version_no}
    if page is None:
        page = GuidePage(slug=slug_for(fields.title), version_no=0, last_reviewed_on=today,
                         next_review_on=add_months(today, review_months(GUIDE_REVIEW_KEY)))
        db.session.add(page)
    page.title, page.section, page.position = fields.title.strip(), fields.section, fields.position
    page.body_md, page.body_html = fields.body_md, render_minutes_html(fields.body_md)
    page.version_no += 1
    page.updated_at = utcnow()
    page.versions.append(GuidePageVersion(version_no=page.version_no, title=page.title, body_md=fields.body_md,
                                          change_note=fields.change_note.strip(), edited_by=actor))
    db.session.flush()
    record_change("guide.page_saved", page, before, {"title": page.title, "version": page.version_no}, actor=actor)
    return page


def mark_reviewed(page: GuidePage, actor: User, today: date) -> None:
    """Checked and still right: the next review is a year on."""
    before = {"next_review_on": page.next_review_on.isoformat() if page.next_review_on else None}
    page.last_reviewed_on, page.next_review_on = today, add_months(today, review_months(GUIDE_REVIEW_KEY))
    record_change("guide.page_reviewed", page, before, {"next_review_on": page.next_review_on.isoformat()},
                  actor=actor)


def pages_in_order() -> list[GuidePage]:
    pages = db.session.scalars(select(GuidePage).order_by(GuidePage.position, GuidePage.title)).all()
    rank = {section.value: n for n, section in enumerate(SECTION_ORDER)}
    return sorted(pages, key=lambda p: rank.get(p.section, len(rank)))


def pages_due_for_review(today: date) -> list[GuidePage]:
    return list(db.session.scalars(select(GuidePage).where(GuidePage.next_review_on <= today)
                                   .order_by(GuidePage.next_review_on)))
