"""Meeting minutes (notulen) are written in Markdown and shown as sanitised HTML."""
import markdown
import nh3
from markupsafe import Markup

# What minutes need: structure, emphasis, lists, tables, quotes, code and links. No images
# (the CSP would block outside ones anyway), no raw HTML beyond these tags, no attributes
# that could carry script.
ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "del",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def render_minutes(text: str) -> Markup:
    """Markdown to HTML, then cleaned with an allow-list; links get rel="noopener noreferrer"."""
    if not text or not text.strip():
        return Markup("")
    html = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    cleaned = nh3.clean(html, tags=set(ALLOWED_TAGS), attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
                        url_schemes=set(ALLOWED_URL_SCHEMES), link_rel="noopener noreferrer")
    return Markup(cleaned)  # noqa: S704 (sanitised just above)
