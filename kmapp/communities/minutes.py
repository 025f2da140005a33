"""Meeting minutes (notulen) are written in Markdown, rendered ONCE when saved, and shown as
stored sanitised HTML.

Invariant: no page renders Markdown. Issue 9: Python-Markdown, run on every view, spent 23-41 s
of CPU on 12,000 `[` (and raised RecursionError on 5,000 nested list markers); eight views froze
every worker. Now `render_minutes_html` runs when minutes are
written (form, seed, migration, `render-minutes`) and pages only re-clean the stored HTML with
nh3 (linear, in Rust) through `stored_minutes`.

markdown-it-py is CommonMark and has no backtracking regexes, but in pure Python it still costs
up to ~40 µs per list line and ~20-250 µs per `[` depending on what follows, on our 2-core
machine. So the work is bounded three times: at most MAX_MINUTES_CHARS characters (the form);
an estimated cost, `markup_weight`, of at most MAX_MARKUP_WEIGHT (the form refuses heavier text;
from the CLI or old rows it is kept as escaped plain text without parsing); and, as a safety net
for what the estimate misses, RENDER_CPU_SECONDS of CPU per render, after which the text is kept
as plain text too. bench/minutes_bench.py measures all of it against the former renderer.
"""
import gc
import logging
import math
import threading
import time
from html import escape

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

log = logging.getLogger(__name__)

# About 17 printed pages: far longer than any minutes we have seen (the demo's run to ~1,000
# characters). Longer records belong in an uploaded asset.
MAX_MINUTES_CHARS = 50_000

# Estimated rendering cost in microseconds, from the dearest cases per construct measured with
# bench/minutes_bench.py: a line (list items are the dearest), `<` (autolinks), `[` (link labels),
# `](` (link destinations), other inline markup, `|` (table cells), and the other characters that
# stop markdown-it's fast run over plain text. The budget keeps the dearest accepted input near
# 60 ms; real minutes use a small part of it (50,000 characters of prose in 80-character lines
# weigh about 30,000).
LINE_WEIGHT, ANGLE_WEIGHT, BRACKET_WEIGHT, DESTINATION_WEIGHT, PIPE_WEIGHT = 40, 45, 75, 50, 16
MARKS, MARK_WEIGHT = "]*_~`&!\\", 8
STOPS, STOP_WEIGHT = "#$%+-:=>@^{}", 4
MAX_MARKUP_WEIGHT = 60_000

# CPU time (this thread's, so other processes do not count) parsing may use; with the rest of
# the render (HTML, nh3) a save stays under 100 ms of CPU.
RENDER_CPU_SECONDS = 0.07

# What minutes need: structure, emphasis, lists, tables, quotes, code and links. No images
# (the CSP would block outside ones anyway), no raw HTML beyond these tags, no attributes
# that could carry script.
ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "del",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


class _OutOfTime(Exception):
    """A render used up RENDER_CPU_SECONDS."""


# Garbage collection does not count: a full collection in a large process takes a few hundred
# ms of this thread's CPU wherever it happens to start, and would turn ordinary minutes into plain
# text now and then. gc callbacks run in the collecting thread, so the tally is per thread.
_gc_tally = threading.local()


def _tally_gc(phase: str, _info: dict) -> None:
    if phase == "start":
        _gc_tally.started = time.thread_time()
    elif getattr(_gc_tally, "started", None) is not None:
        _gc_tally.seconds = getattr(_gc_tally, "seconds", 0.0) + time.thread_time() - _gc_tally.started
        _gc_tally.started = None


gc.callbacks.append(_tally_gc)


def _cpu_seconds() -> float:
    """This thread's CPU time, less what it spent collecting garbage."""
    return time.thread_time() - getattr(_gc_tally, "seconds", 0.0)


def _check_deadline(state, *_args) -> bool:
    """First rule of the block and inline chains: runs at every line and every inline position."""
    if _cpu_seconds() > state.env.get("deadline", math.inf):
        raise _OutOfTime
    return False  # never matches: the real rules go on


def _align_cells(state) -> None:
    """markdown-it aligns table cells with style="text-align:…"; the allow-list keeps `align`."""
    for token in state.tokens:
        style = token.attrs.get("style", "") if token.type in ("th_open", "td_open") else ""
        if style.startswith("text-align:"):
            del token.attrs["style"]
            token.attrs["align"] = style.removeprefix("text-align:")


def _build_parser() -> MarkdownIt:
    # html=False: raw HTML in minutes is shown as text. Images are off: the allow-list drops
    # <img> anyway, and their rule doubles the cost of "![" floods; `![a](u)` shows as "!" + a link.
    parser = (MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
              .enable(["table", "strikethrough"]).disable("image"))
    for ruler in (parser.block.ruler, parser.inline.ruler):
        ruler.before(ruler.get_all_rules()[0], "deadline", _check_deadline)
    parser.core.ruler.push("align_cells", _align_cells)
    # Strikethrough as <del> (in the allow-list), not <s>.
    parser.add_render_rule("s_open", lambda *args: "<del>")
    parser.add_render_rule("s_close", lambda *args: "</del>")
    return parser


_PARSER = _build_parser()


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as markdown-it reads it


def markup_weight(text: str) -> int:
    """The estimated rendering cost of `text` (see MAX_MARKUP_WEIGHT); linear in its length."""
    text = _normalised(text)
    return (LINE_WEIGHT * (text.count("\n") + 1) + ANGLE_WEIGHT * text.count("<") + BRACKET_WEIGHT * text.count("[")
            + DESTINATION_WEIGHT * text.count("](") + PIPE_WEIGHT * text.count("|")
            + MARK_WEIGHT * sum(map(text.count, MARKS)) + STOP_WEIGHT * sum(map(text.count, STOPS)))


def clean_html(html: str) -> str:
    """The allow-list: tags, attributes and URL schemes above; links get rel="noopener noreferrer"."""
    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
                     url_schemes=set(ALLOWED_URL_SCHEMES), link_rel="noopener noreferrer")


def _plain_paragraphs(text: str) -> str:
    """Text too costly to parse, shown as it was typed: escaped paragraphs and line breaks."""
    paragraphs = (part.strip("\n") for part in text.split("\n\n"))
    return "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs if part.strip())


def render_minutes_html(text: str | None) -> str:
    """Markdown minutes to sanitised HTML, for storing in `meeting.minutes_html` when saved.

    Linear in the input and bounded in CPU: text over MAX_MARKUP_WEIGHT, or whose parsing runs
    out of RENDER_CPU_SECONDS, is kept as escaped plain text instead.
    """
    if not text or not text.strip():
        return ""
    text = _normalised(text)
    if markup_weight(text) > MAX_MARKUP_WEIGHT:
        return clean_html(_plain_paragraphs(text))
    try:
        html = _PARSER.render(text, {"deadline": _cpu_seconds() + RENDER_CPU_SECONDS})
    except _OutOfTime:
        log.warning("minutes of %d characters ran out of render time; kept as plain text", len(text))
        html = _plain_paragraphs(text)
    return clean_html(html)


def stored_minutes(html: str | None, markdown: str = "") -> Markup:
    """The stored HTML for a page. Cleaned again on the way out (nh3 is linear and fast), so
    that a row written before an allow-list change, or by hand, is still safe. A row loaded
    around the ORM has no HTML yet: its text is shown escaped until `render-minutes` runs."""
    if html is None:
        html = _plain_paragraphs(_normalised(markdown)) if markdown and markdown.strip() else ""
    # clean_html is nh3's allow-list (no script, no event or hx-* attributes, safe URL schemes).
    return Markup(clean_html(html)) if html else Markup("")  # nosec B704
