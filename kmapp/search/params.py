"""The search page's query string: parsed into a request, and links that change one part.

Filters and search boxes, one rule for every way of searching:

- Active filters belong to the results: each one is shown above the hits as a chip with
  its label and a remove link, also when nothing is found. With filters and no hits, the
  page offers the same words without them: "Cari tanpa saringan (N)".
- /search has one search box, its own (the header box is not shown there). A new query
  typed into it, submitted (works without JavaScript) or as you type (htmx), keeps
  exactly the filters shown as chips: their hidden inputs are rendered with the chips in
  the results block and belong to the page's form (``form="search-form"``), so whatever
  swaps the results also swaps what the form sends. To search without a filter, remove
  its chip.
- The header box on every other page starts a fresh search: words only, no filters.
- Facet links and chips keep the words and the other filters; any change goes back to page 1.
"""
from dataclasses import dataclass, field

from flask import url_for

# URL parameter -> index field, in the order facets and chips are shown.
FACET_PARAMS = {"agency": "agency", "cop": "cop", "type": "asset_type", "year": "year", "stage": "km_stage",
                "seci": "seci_stage", "tag": "tags"}
SORTS = ("relevance", "newest")
MAX_PAGE = 1000
MAX_QUERY_CHARS = 200
MAX_FILTER_CHARS = 100  # longer than any agency code, CoP id, stage or tag


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    page: int = 1
    sort: str = "relevance"
    filters: dict[str, str] = field(default_factory=dict)  # URL parameter -> value

    @classmethod
    def from_args(cls, args) -> "SearchRequest":
        q = " ".join(args.get("q", "").split())[:MAX_QUERY_CHARS]
        sort = args.get("sort")
        if sort not in SORTS:
            sort = "relevance" if q else "newest"
        try:
            page = min(MAX_PAGE, max(1, int(args.get("page", 1))))
        except ValueError:
            page = 1
        filters = {name: args[name].strip()[:MAX_FILTER_CHARS] for name in FACET_PARAMS if args.get(name, "").strip()}
        return cls(q, page, sort, filters)

    def index_filters(self) -> dict[str, str]:
        return {FACET_PARAMS[name]: value for name, value in self.filters.items()}

    def url(self, **changes) -> str:
        """This search's URL with ``changes`` (None removes a parameter); page resets to 1."""
        params = {"q": self.q or None, "sort": self.sort if self.q else None, **self.filters}
        params.update(changes)
        return url_for("search.results", **{k: v for k, v in params.items() if v not in (None, "", 1)})

    def page_url(self, page: int) -> str:
        return self.url(page=page)

    def toggle_url(self, name: str, value) -> str:
        """Add the filter, or remove it when it is the active one."""
        return self.url(**{name: None if self.filters.get(name) == str(value) else value})

    def without_filters_url(self) -> str:
        """The same words with no filter at all."""
        return self.url(**{name: None for name in self.filters})
