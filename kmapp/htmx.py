"""One URL, two shapes: the full page, or for htmx only the named block of the same template."""
from flask import Response, make_response, render_template, request
from jinja2_fragments.flask import render_block


def is_htmx_request() -> bool:
    """An htmx swap, but not a history restore (that one needs the whole page)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-History-Restore-Request")


def render_page(template: str, block: str | None = None, *, status: int = 200, **context) -> Response:
    """Render `template`, or only `block` of it for an htmx request.

    Blocks are named after the id of the element they replace (their hx-target).
    `Vary: HX-Request` stops a cache or the back button from serving the fragment as a page.
    """
    if block and is_htmx_request():
        body = render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response
