"""Hostile discussions for tests/test_hostile_rendering.py: threads, posts, a hidden post's
reason, an outcome and an agenda item, all typed through the pages with hostile text."""
from sqlalchemy import func, select

from kmapp.extensions import db
from kmapp.models import Post

from .fixtures_hostile import sign_in_as

DISCUSSION_POST_ENDPOINTS = {
    "discussions.new_thread": "build_hostile_discussions; test_discussion_forms_keep_hostile_input_as_text",
    "discussions.reply_to": "build_hostile_discussions; test_discussion_forms_keep_hostile_input_as_text",
    "discussions.hide": "build_hostile_discussions (redirect; the flash names no user data)",
    "discussions.lock": "test_discussion_forms_keep_hostile_input_as_text (redirect; the flash names no user data)",
    "discussions.accept": "build_hostile_discussions (redirect; the flash names no user data)",
    "discussions.outcome": "build_hostile_discussions; test_discussion_forms_keep_hostile_input_as_text",
    "discussions.follow_thread": "test_discussion_forms_keep_hostile_input_as_text",
    "discussions.publish": "test_discussion_forms_keep_hostile_input_as_text",
    "discussions.hang_on_meeting": "build_hostile_discussions; test_discussion_forms_keep_hostile_input_as_text",
}


def _started(response) -> int:
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def build_hostile_discussions(app, client, built) -> None:
    p = built.payloads
    app.config["DISCUSSION_MAX_POSTS"] = 1000
    lead = sign_in_as(app, client, built.lead_a)
    # A question on meeting A's (hostile) agenda item.
    form = lead.get(f"/discussions/new?cop={built.cop_a}&meeting={built.meeting_a}").get_data(as_text=True)
    assert "zzagendazz" in form
    agenda_item = p.long("agenda").strip()[:300]
    thread = _started(lead.post(f"/discussions/new?cop={built.cop_a}&meeting={built.meeting_a}", data={
        "title": "racun " + p.long("threadtitle")[:190], "kind": "question", "body": "racun " + p.minutes("threadbody"),
        "agenda_item": agenda_item, "opens_on": "", "closes_on": ""}))
    sign_in_as(app, client, built.extra)
    assert client.post(f"/discussions/{thread}/reply", data={"body": "racun " + p.minutes("replybody")}).status_code == 302
    assert client.post(f"/discussions/{thread}/reply", data={"body": "racun " + p.long("hiddenbody")}).status_code == 302
    with app.app_context():
        hidden = db.session.scalar(select(func.max(Post.id)).where(Post.thread_id == thread))
        answer = hidden - 1
    sign_in_as(app, client, built.facilitator)
    assert client.post(f"/discussions/{thread}/posts/{hidden}/hide", data={"reason": p.long("hidereason")}).status_code == 302
    lead = sign_in_as(app, client, built.lead_a)
    assert lead.post(f"/discussions/{thread}/accept/{answer}").status_code == 302
    assert lead.post(f"/discussions/{thread}/outcome", data={"outcome": p.minutes("outcome")}).status_code == 302
    # A second thread with an outcome, left unpublished for the publish page and its test.
    second = _started(lead.post(f"/discussions/new?cop={built.cop_a}&meeting={built.meeting_a}", data={
        "title": p.long("secondtitle")[:200], "kind": "discussion", "body": "racun", "opens_on": "", "closes_on": ""}))
    assert lead.post(f"/discussions/{second}/outcome", data={"outcome": p.long("secondoutcome")}).status_code == 302
    # A third, opened before its meeting and hung on it afterwards with a hostile agenda item.
    third = _started(lead.post(f"/discussions/new?cop={built.cop_a}", data={
        "title": "racun", "kind": "discussion", "body": "racun", "opens_on": "", "closes_on": ""}))
    assert lead.post(f"/discussions/{third}/meeting", data={"meeting_id": str(built.meeting_a),
                                                          "agenda_item": p.long("linkeditem")}).status_code == 302
    # The programme-wide space.
    sign_in_as(app, client, built.lead_b)
    programme = _started(client.post("/discussions/new", data={
        "title": p.long("progtitle")[:200], "kind": "discussion", "body": "racun " + p.long("progbody"),
        "opens_on": "", "closes_on": ""}))
    built.ids.update(thread=thread, second_thread=second, programme_thread=programme)


def discussion_urls(w, p) -> dict[str, list[str]]:
    return {
        "discussions.index": ["/discussions"],
        "discussions.space": ["/discussions/programme"],
        "discussions.cop_space": [f"/cops/{w.cop_a}/discussions", f"/cops/{w.cop_b}/discussions"],
        "discussions.new_thread": ["/discussions/new", f"/discussions/new?cop={w.cop_a}",
                                   f"/discussions/new?cop={w.cop_a}&meeting={w.meeting_a}"],
        "discussions.thread_page": [f"/discussions/{w.thread}", f"/discussions/{w.second_thread}",
                                    f"/discussions/{w.programme_thread}"],
        "discussions.publish": [f"/discussions/{w.second_thread}/publish"],
        "discussions.search": ["/search/discussions", "/search/discussions?q=racun",
                               "/search/discussions?q=" + p.long("discussionquery")],
    }
