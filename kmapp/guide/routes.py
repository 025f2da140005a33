"""Reading, printing, editing and reviewing the programme guide."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..clock import local_today
from ..communities.minutes import render_minutes_html, stored_minutes
from ..extensions import db
from ..htmx import render_page
from ..integers import db_int
from ..models import GuidePage, GuidePageVersion, GuideSection
from ..policy import can_edit_guide, require
from . import bp
from .forms import SECTIONS, GuidePageForm
from .pages import PageFields, mark_reviewed, pages_in_order, save_page
from .plan import work_plan

FIRST_YEAR, LAST_YEAR = 2020, 2100


def _page_or_404(slug: str) -> GuidePage:
    page = db.session.scalar(select(GuidePage).where(GuidePage.slug == slug[:80]))
    if page is None:
        abort(404)
    return page


def _year() -> int:
    year = request.args.get("year", local_today().year, type=db_int)
    return year if FIRST_YEAR <= year <= LAST_YEAR else local_today().year


@bp.get("/guide")
def index():
    pages = pages_in_order()
    return render_page("guide/index.html", pages=pages, sections=SECTIONS, today=local_today(),
                       can_edit=can_edit_guide(current_user))


@bp.get("/guide/print")
def print_all():
    """The whole guide as one document, for paper or PDF (the print stylesheet drops the menus)."""
    year = _year()
    return render_page("guide/print.html", pages=pages_in_order(), sections=SECTIONS, plan=work_plan(year))


@bp.get("/guide/<slug>")
def page(slug: str):
    page = _page_or_404(slug)
    year = _year()
    plan = work_plan(year) if page.section == GuideSection.PLAN else None
    return render_page("guide/page.html", page=page, plan=plan, year=year, today=local_today(),
                       can_edit=can_edit_guide(current_user))


@bp.route("/guide/new", methods=["GET", "POST"])
def new():
    require(can_edit_guide(current_user))
    form = GuidePageForm()
    if form.validate_on_submit():
        page = save_page(None, _fields(form), current_user, local_today())
        db.session.commit()
        flash(_("Halaman panduan dibuat."), "success")
        return redirect(url_for(".page", slug=page.slug))
    return render_page("guide/edit.html", form=form, page=None, status=422 if form.errors else 200)


@bp.route("/guide/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    require(can_edit_guide(current_user))
    page = _page_or_404(slug)
    form = GuidePageForm(data={"title": page.title, "section": page.section, "position": page.position,
                               "body": page.body_md})
    if form.validate_on_submit():
        save_page(page, _fields(form), current_user, local_today())
        db.session.commit()
        flash(_("Perubahan disimpan sebagai versi %(n)s.", n=page.version_no), "success")
        return redirect(url_for(".page", slug=page.slug))
    return render_page("guide/edit.html", form=form, page=page, status=422 if form.errors else 200)


def _fields(form: GuidePageForm) -> PageFields:
    return PageFields(form.title.data, form.section.data, form.position.data or 0, form.body.data or "",
                      form.change_note.data or "")


@bp.post("/guide/<slug>/review")
def review(slug: str):
    require(can_edit_guide(current_user))
    page = _page_or_404(slug)
    mark_reviewed(page, current_user, local_today())
    db.session.commit()
    flash(_("Ditandai sudah ditinjau; tinjauan berikutnya %(day)s.", day=page.next_review_on.strftime("%d-%m-%Y")),
          "success")
    return redirect(url_for(".page", slug=page.slug))


@bp.get("/guide/<slug>/history")
def history(slug: str):
    page = _page_or_404(slug)
    return render_page("guide/history.html", page=page)


@bp.get("/guide/<slug>/versions/<int:version_no>")
def version(slug: str, version_no: int):
    page = _page_or_404(slug)
    old = db.session.scalar(select(GuidePageVersion).where(GuidePageVersion.page_id == page.id,
                                                           GuidePageVersion.version_no == version_no))
    if old is None:
        abort(404)
    return render_page("guide/version.html", page=page, old=old,
                       body_html=stored_minutes(render_minutes_html(old.body_md)))
