"""How each kind of notification reads. The translated part never contains what users wrote:
the title or topic is kept apart and escaped by the template (or sent as plain text by mail)."""
import json
from datetime import date
from dataclasses import dataclass

from flask import url_for
from flask_babel import format_date, gettext as _

from ..labels import triwulan

from ..models import Notification


@dataclass(frozen=True)
class Message:
    lead: str  # translated, no user data
    subject: str  # a title or topic, as users wrote it
    place: str  # the CoP's name
    url: str


def _asset_new(params: dict) -> Message:
    return Message(_("Aset pengetahuan baru"), params["title"], params["community"],
                   url_for("assets.show", asset_id=params["asset_id"]))


def _meeting_accompany(params: dict) -> Message:
    return Message(_("Pertemuan menunggu pendampingan Anda"), params["topic"], params["community"],
                   url_for("communities.meeting_page", meeting_id=params["meeting_id"]))


def _thread_place(params: dict) -> str:
    return params.get("community") or _("Ruang program")


def _thread_reply(params: dict) -> Message:
    return Message(_("Tanggapan baru di diskusi yang Anda ikuti"), params["title"], _thread_place(params),
                   url_for("discussions.thread_page", thread_id=params["thread_id"], _anchor=f"post-{params['post_id']}"))


def _thread_mention(params: dict) -> Message:
    return Message(_("Anda disebut dalam diskusi"), params["title"], _thread_place(params),
                   url_for("discussions.thread_page", thread_id=params["thread_id"], _anchor=f"post-{params['post_id']}"))


def _thread_accepted(params: dict) -> Message:
    return Message(_("Jawaban Anda diterima"), params["title"], _thread_place(params),
                   url_for("discussions.thread_page", thread_id=params["thread_id"], _anchor=f"post-{params['post_id']}"))


def _asset_review_due(params: dict) -> Message:
    return Message(_("Aset perlu ditinjau paling lambat %(day)s", day=format_date(date.fromisoformat(params["due"]))),
                   params["title"], params["community"], url_for("assets.review", asset_id=params["asset_id"]))


def _target_behind(params: dict) -> Message:
    return Message(_("%(quarter)s belum mencapai target; berakhir %(day)s",
                     quarter=triwulan(params["year"], params["quarter"]),
                     day=format_date(date.fromisoformat(params["ends_on"]))),
                   params["community"], params["agency"],
                   url_for("communities.cop_page", cop_id=params["community_id"]))


def _award_assigned(params: dict) -> Message:
    return Message(_("Anda ditugaskan menilai nominasi"), params["agency"], params["title"],
                   url_for("award.round_page", year=params["year"]))


def _maturity_assigned(params: dict) -> Message:
    return Message(_("Anda ditugaskan memverifikasi penilaian maturitas %(year)s", year=params["year"]),
                   params["agency"], "", url_for("maturity.index"))


def _nomination_due(params: dict) -> Message:
    return Message(_("Nominasi belum dikirim; batasnya %(day)s", day=format_date(date.fromisoformat(params["due"]))),
                   params["agency"], params["title"],
                   url_for("award.nomination", year=params["year"], agency_id=params["agency_id"]))


def _maturity_due(params: dict) -> Message:
    return Message(_("Penilaian mandiri maturitas %(year)s belum dikirim; batasnya %(day)s", year=params["year"],
                     day=format_date(date.fromisoformat(params["due"]))),
                   params["agency"], "", url_for("maturity.assessment_page", assessment_id=params["assessment_id"]))


RENDERERS = {"award.assigned": _award_assigned, "maturity.assigned": _maturity_assigned,
             "award.nomination_due": _nomination_due, "maturity.self_assessment_due": _maturity_due,
             "asset.new": _asset_new, "meeting.accompany": _meeting_accompany,
             "asset.review_due": _asset_review_due, "target.behind": _target_behind}


# Handover tasks (kmapp/notifications/handover_events.py): what each asks, said when shown.
HANDOVER_LEADS = {
    "handover.requested": lambda: _("Isi serah terima pengetahuan Anda sebelum berhenti"),
    "handover.submitted": lambda: _("Serah terima menunggu konfirmasi Anda"),
    "handover.returned": lambda: _("Serah terima dikembalikan atasan untuk dilengkapi"),
    "handover.confirmed": lambda: _("Serah terima pengetahuan dikonfirmasi atasan"),
    "handover.overdue": lambda: _("Serah terima pengetahuan belum dikirim dan tanggal berhenti sudah dekat"),
}


def _handover_message(kind: str):
    def render(params: dict) -> Message:
        return Message(HANDOVER_LEADS[kind](), params["person"],
                       _("berhenti %(day)s", day=format_date(date.fromisoformat(params["leaving_on"]))),
                       url_for("handover.handover_page", handover_id=params["handover_id"]))
    return render


RENDERERS.update({kind: _handover_message(kind) for kind in HANDOVER_LEADS})
RENDERERS.update({"thread.reply": _thread_reply, "thread.mention": _thread_mention, "thread.accepted": _thread_accepted})


def describe(notification: Notification) -> Message | None:
    """None for a kind this version no longer knows (rows outlive code)."""
    render = RENDERERS.get(notification.kind)
    return render(json.loads(notification.params or "{}")) if render else None
