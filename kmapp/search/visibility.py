"""Who may see what: access control expressed as Whoosh queries.

Visibility is enforced inside the Whoosh search (as a filter on the query),
never by dropping hits afterwards, so that totals, facet counts and page
boundaries only ever count documents the viewer may open.
"""

from dataclasses import dataclass, field

from whoosh import query as wq


@dataclass(frozen=True)
class Viewer:
    """The person searching, as far as visibility rules are concerned."""

    is_admin: bool = False
    agency_code: str | None = None
    community_ids: frozenset[int] = field(default_factory=frozenset)


def visibility_query(viewer):
    """Query matching the assets ``viewer`` may see, or None for "all".

    * visibility "all": everyone;
    * visibility "agency": members of the asset's agency;
    * visibility "community": members of the asset's community (``cop``);
    * anything else ("restricted", unknown): administrators only.
    """
    if viewer.is_admin:
        return None
    allowed = [wq.Term("visibility", "all")]
    if viewer.agency_code:
        allowed.append(
            wq.And([wq.Term("visibility", "agency"), wq.Term("agency", viewer.agency_code)])
        )
    if viewer.community_ids:
        communities = [wq.Term("cop", str(cid)) for cid in sorted(viewer.community_ids)]
        allowed.append(wq.And([wq.Term("visibility", "community"), wq.Or(communities)]))
    return wq.Or(allowed)
