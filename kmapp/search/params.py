"""The search page's query string: parsed into a request, and links that change one part."""
from dataclasses import dataclass, field

from flask import url_for

# URL parameter -> index field, in the order facets are shown.
FACET_PARAMS = {"agency": "agency", "type": "asset_type", "year": "year", "stage": "km_stage"}
SORTS = ("relevance", "newest")
MAX_PAGE = 1000
MAX_QUERY_CHARS = 200


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
        filters = {name: args[name].strip() for name in FACET_PARAMS if args.get(name, "").strip()}
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
