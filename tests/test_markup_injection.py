"""Stored HTML injection: user data must reach the page as text, never as elements or htmx attributes.

The incident (issue 9): a file name with markup, formatted into a lazy translated string, was
rendered unescaped in the "new version of: <name>" option; opening that page as admin fired an
htmx `hx-post` carrying the admin's CSRF header. The whole-site sweep is test_hostile_rendering.py.
"""
import ast
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

from bs4 import BeautifulSoup
from markupsafe import Markup

from kmapp.extensions import db
from kmapp.models import Asset

from .fixtures_assets import act_as  # noqa: F401  (fixture)
from .fixtures_assets import asset_form, make_asset, pdf_bytes

# What a browser can send: it turns '"' into %22 in a multipart file name, and the directory part
# of a name is dropped at upload, so the payload uses unquoted attributes and spells "/" as a
# character reference, which the browser decodes inside an attribute value.
ATTACK_NAME = "x<button hx-post=&#47;assets&#47;1&#47;edit hx-trigger=load>y.pdf"
# The name exactly as reported, sent as RFC 5987 `filename*` (as curl or a script can).
REPORTED_NAME = 'x<button hx-post="/assets/1/edit" hx-trigger="load">y.pdf'


def _htmx_attributes(element) -> list[tuple[str, str]]:
    """(tag, attribute) for every hx-* attribute on `element` and inside it."""
    return [(tag.name, name) for tag in [element, *element.find_all(True)] for name in tag.attrs
            if name.startswith("hx-")]


def _stored_name(app, asset_id: int) -> str:
    with app.app_context():
        return db.session.get(Asset, asset_id).files[0].current.original_name


def test_markup_in_a_file_name_is_text_on_the_admins_new_version_page(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world, files=[(pdf_bytes("rahasia"), ATTACK_NAME)])
    assert _stored_name(app, asset_id) == ATTACK_NAME  # the app keeps the name as the uploader gave it
    act_as("admin")
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(f"/assets/{asset_id}/files/new", headers=headers)
        assert response.status_code == 200
        soup = BeautifulSoup(response.data, "html.parser")
        form = soup.find("form", class_="upload-form")
        assert form.find("button", attrs={"hx-trigger": True}) is None
        assert not form.find_all("button", string=lambda s: s and "y.pdf" in s)
        assert _htmx_attributes(form) == [("form", "hx-post"), ("form", "hx-encoding"), ("form", "hx-target"),
                                          ("form", "hx-disabled-elt"), ("form", "hx-disinherit")]
        option = form.find("select", id="target").find_all("option")[1]
        assert option.get_text() == f"Versi baru dari: {ATTACK_NAME}"  # shown, escaped, as text
        assert "&lt;button hx-post=" in response.get_data(as_text=True)


def _upload_with_encoded_name(client, fields: dict, content: bytes, name: str):
    """A multipart upload whose file name travels as `filename*=UTF-8''...`, quotes and all."""
    boundary = "hostile-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
             for key, value in fields.items()]
    parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
                 f"filename*=UTF-8''{quote(name, safe='')}\r\nContent-Type: application/pdf\r\n\r\n".encode()
                 + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return client.post("/assets/new", data=body, content_type=f"multipart/form-data; boundary={boundary}")


def test_the_reported_name_is_text_as_well(app, client, act_as, world):
    app.config["ASSET_MEETING_REQUIRED_FROM"] = "2999-01-01"
    act_as("lead_a")
    response = _upload_with_encoded_name(client, asset_form(world.cop_a), pdf_bytes(), REPORTED_NAME)
    assert response.status_code == 302, response.get_data(as_text=True)
    asset_id = int(response.headers["Location"].rsplit("/", 1)[1])
    stored = _stored_name(app, asset_id)
    assert stored == 'edit" hx-trigger="load">y.pdf'  # the directory part is dropped, the rest kept
    act_as("admin")
    soup = BeautifulSoup(client.get(f"/assets/{asset_id}/files/new").data, "html.parser")
    form = soup.find("form", class_="upload-form")
    assert [name for name in _htmx_attributes(form) if name[0] != "form"] == []
    assert form.find("select", id="target").find_all("option")[1].get_text() == f"Versi baru dari: {stored}"


def test_the_label_is_translated_and_still_escaped_in_english(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world, files=[(pdf_bytes(), ATTACK_NAME)])
    act_as("admin")
    client.post("/language", data={"lang": "en", "back": "/"})
    soup = BeautifulSoup(client.get(f"/assets/{asset_id}/files/new").data, "html.parser")
    option = soup.find("select", id="target").find_all("option")[1]
    assert option.get_text() == f"New version of: {ATTACK_NAME}"
    assert soup.find("button", attrs={"hx-trigger": True}) is None


def test_a_new_version_with_a_hostile_name_flashes_it_as_text(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    act_as("lead_a")
    with app.app_context():
        file_id = db.session.get(Asset, asset_id).files[0].id
    data = {"file": (io.BytesIO(pdf_bytes("v2")), ATTACK_NAME), "change_note": "<i>catatan</i>", "target": str(file_id)}
    response = client.post(f"/assets/{asset_id}/files/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    soup = BeautifulSoup(client.get(f"/assets/{asset_id}").data, "html.parser")
    assert soup.find("button", attrs={"hx-trigger": True}) is None and soup.find("i") is None
    assert ATTACK_NAME in soup.find("p", class_="flash-success").get_text()


def test_jinja_gettext_with_arguments_escapes_them(app):
    """flask-babel installs Jinja's new-style gettext: `_("%(x)s", x=...)` escapes x under autoescape."""
    hostile = '<b data-hostile="1">'
    with app.test_request_context():
        template = app.jinja_env.from_string(
            '{{ _("Cari: %(q)s", q=q) }}|{{ ngettext("%(num)s aset", "%(num)s aset", 2) }}|'
            '{{ _("Selamat datang, %(name)s", name=name) }}')
        rendered = template.render(q=hostile, name=Markup("<i>trusted</i>"))
    assert rendered == ('Cari: &lt;b data-hostile=&#34;1&#34;&gt;|2 aset|Selamat datang, <i>trusted</i>')


def test_a_lazy_string_formatted_with_user_data_would_be_markup(app):
    """Why the rule exists: a lazy string has __html__, so Jinja trusts whatever was formatted in."""
    from flask_babel import lazy_gettext
    with app.test_request_context():
        rendered = app.jinja_env.from_string("{{ label }}").render(
            label=lazy_gettext("Versi baru dari: %(name)s", name="<b>x</b>"))
    assert rendered == "Versi baru dari: <b>x</b>"


# htmx, defence in depth: even if markup slipped through, htmx must not run script from it.
HTMX_SOURCE = Path(__file__).resolve().parent.parent / "static" / "vendor" / "htmx-2.0.11.min.js"
HTMX_CONFIG = {"historyRestoreAsHxRequest": False, "includeIndicatorStyles": False, "allowEval": False,
               "allowScriptTags": False, "selfRequestsOnly": True, "allowNestedOobSwaps": False}


def _htmx_config(page: bytes) -> dict:
    meta = BeautifulSoup(page, "html.parser").find("meta", attrs={"name": "htmx-config"})
    return json.loads(meta["content"])


def test_htmx_refuses_what_the_app_never_uses(client, login_as):
    assert _htmx_config(client.get("/login").data) == HTMX_CONFIG
    login_as("employee")
    assert _htmx_config(client.get("/").data) == HTMX_CONFIG


def test_every_htmx_setting_is_one_the_vendored_htmx_knows():
    """A misspelt or retired key would be ignored silently, leaving htmx's permissive default."""
    defaults = re.search(r"config:\{(.*?)\},parseInterval", HTMX_SOURCE.read_text()).group(1)
    for key in HTMX_CONFIG:
        assert re.search(rf"(?:^|,){key}:", defaults), key


def test_the_vendored_htmx_evaluates_nothing_unless_allow_eval():
    """hx-on handlers, `js:` values, hx-vars, trigger filters and htmx's own eval all go through
    the allowEval guard (otherwise htmx:evalDisallowedError); the CSP has no 'unsafe-eval' either."""
    source = HTMX_SOURCE.read_text()
    guard = re.search(r"function (\w+)\(e,t,n\)\{if\(\w+\.config\.allowEval\)\{return t\(\)\}", source).group(1)
    evaluations = [found.start() for found in re.finditer(r"\bFunction\(|\beval\(", source)]
    assert len(evaluations) == 5  # a new evaluation site in an upgrade must be looked at
    for at in evaluations:
        assert f"{guard}(" in source[max(0, at - 120):at], source[max(0, at - 120):at + 40]


def test_the_csp_allows_no_inline_or_evaluated_script(client):
    policy = dict(part.strip().split(" ", 1) for part in
                  client.get("/login").headers["Content-Security-Policy"].split(";") if part.strip())
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["default-src"] == "'self'" and policy["base-uri"] == "'self'"


# Guards in the source: the ways around autoescaping, each allowed only where it was reviewed.
ROOT = Path(__file__).resolve().parent.parent
LAZY_NAMES = {"_l", "lazy_gettext", "lazy_ngettext", "lazy_pgettext"}
# Modules that build markup by hand, each escaping every piece of text it puts in.
MARKUP_BUILDERS = {"kmapp/search/snippets.py", "kmapp/programme/charts.py", "kmapp/communities/minutes.py"}


def _python_modules():
    for path in sorted((ROOT / "kmapp").rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(), filename=str(path))


def _called_name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def test_lazy_strings_are_formatted_with_constants_only():
    """A lazy string is trusted as markup; formatting user data into it bypasses autoescape."""
    offenders = []
    for name, tree in _python_modules():
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            if _called_name(call) not in LAZY_NAMES:
                continue
            values = [keyword.value for keyword in call.keywords] + call.args[1:]
            if not all(isinstance(v, ast.Constant) or (isinstance(v, ast.Name) and v.id.isupper()) for v in values):
                offenders.append(f"{name}:{call.lineno}")
    assert not offenders, f"format user data with plain gettext or in the template: {offenders}"


def test_markup_is_built_only_in_the_reviewed_modules():
    offenders = []
    for name, tree in _python_modules():
        for node in ast.walk(tree):
            builds = (isinstance(node, ast.Call) and _called_name(node) == "Markup"
                      and not all(isinstance(arg, ast.Constant) for arg in node.args))
            defines_html = isinstance(node, ast.FunctionDef) and node.name == "__html__"
            if (builds or defines_html) and name not in MARKUP_BUILDERS:
                offenders.append(f"{name}:{node.lineno}")
    assert not offenders, f"new hand-built markup needs the hostile sweep and a review: {offenders}"


def test_templates_never_switch_autoescaping_off():
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.is_file():
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if re.search(r"\|\s*safe\b|autoescape\s+false|\bMarkup\b|__html__", line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert not offenders, offenders


def test_hand_built_markup_escapes_hostile_text():
    from kmapp.programme.charts import Bar, Group, Series, grouped_bars_svg, ratio_bars_svg
    from kmapp.search.snippets import make_snippet, plain_snippet
    hostile = '<b data-hostile=1>"><svg onload=alert(1) hx-get=/x>racun'
    pieces = [make_snippet(f"{hostile} racun <mark onclick=x>racun</mark>", {"racun"}), plain_snippet(hostile),
              plain_snippet(hostile * 40),
              ratio_bars_svg([Bar(hostile, 0.4, hostile), Bar(hostile, None, "—")], 0.5, hostile, hostile),
              grouped_bars_svg([Group(hostile, (1, 2))], [Series(hostile, "#000"), Series(hostile, "#fff")], hostile)]
    for piece in pieces:
        soup = BeautifulSoup(str(piece), "html.parser")
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.startswith(("on", "hx-", "data-"))], str(tag)
            assert tag.name in {"mark", "svg", "title", "defs", "pattern", "rect", "circle", "text", "line"}, str(tag)
        assert "data-hostile" in soup.get_text()
