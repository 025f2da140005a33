"""Facet counts as labelled links for the results page."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import labels
from ..extensions import db
from ..models import Agency
from .params import FACET_PARAMS

FACET_TITLES = {"agency": _l("Perangkat daerah"), "type": _l("Jenis aset"), "year": _l("Tahun"),
                "stage": _l("Tahap siklus KM")}
MAX_OPTIONS = 12  # per facet: the most frequent values (the active one always shown)


@dataclass(frozen=True)
class FacetOption:
    label: str
    count: int
    url: str
    active: bool


@dataclass(frozen=True)
class FacetGroup:
    title: str
    options: list[FacetOption]


def facet_groups(facets: dict, wanted) -> list[FacetGroup]:
    """Facets in display order, each value a link that keeps the query and other filters."""
    names = _agency_names([value for value, _count in facets.get("agency", [])])
    label_of = {"agency": names.get, "type": labels.ASSET_TYPE.get, "stage": labels.KM_STAGE.get,
                "year": lambda value: None}
    groups = []
    for param, fieldname in FACET_PARAMS.items():
        options = []
        for value, count in facets.get(fieldname, []):
            active = wanted.filters.get(param) == str(value)
            if len(options) >= MAX_OPTIONS and not active:
                continue
            label = label_of[param](value) or str(value)
            options.append(FacetOption(str(label), count, wanted.toggle_url(param, value), active))
        if param == "year":
            options.sort(key=lambda option: option.label, reverse=True)
        if options:
            groups.append(FacetGroup(str(FACET_TITLES[param]), options))
    return groups


def _agency_names(codes: list[str]) -> dict[str, str]:
    if not codes:
        return {}
    return dict(db.session.execute(select(Agency.code, Agency.name).where(Agency.code.in_(codes))).all())
