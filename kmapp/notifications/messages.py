"""How each kind of notification reads. The translated part never contains what users wrote:
the title or topic is kept apart and escaped by the template (or sent as plain text by mail)."""
import json
from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _

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


RENDERERS = {"asset.new": _asset_new, "meeting.accompany": _meeting_accompany,
             "thread.reply": _thread_reply, "thread.mention": _thread_mention, "thread.accepted": _thread_accepted}


def describe(notification: Notification) -> Message | None:
    """None for a kind this version no longer knows (rows outlive code)."""
    render = RENDERERS.get(notification.kind)
    return render(json.loads(notification.params or "{}")) if render else None
