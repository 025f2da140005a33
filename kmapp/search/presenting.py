"""What the results page shows around the hits: facets as labelled links, active filters as chips."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import labels
from ..extensions import db
from ..models import Agency, Community
from .params import FACET_PARAMS

FACET_TITLES = {"agency": _l("Perangkat daerah"), "cop": _l("Komunitas (CoP)"), "type": _l("Jenis aset"),
                "year": _l("Tahun"), "stage": _l("Tahap siklus KM"), "seci": _l("Tahap SECI"), "tag": _l("Tag")}
MAX_OPTIONS = 12  # per facet: the most frequent values (the active one always shown)
# Facets with one value per agency or CoP (51 of each): a few first (the viewer's own agency
# leading), then every value with a hit, by name, behind "lihat semua (N)". Values without a
# hit are left out: a link to an empty result is a dead end, and the number says how many.
SHORT_OPTIONS = {"agency": 5, "cop": 5}


@dataclass(frozen=True)
class FacetOption:
    label: str
    count: int
    url: str
    active: bool


@dataclass(frozen=True)
class FacetGroup:
    param: str
    title: str
    options: list[FacetOption]
    everything: tuple[FacetOption, ...] = ()  # all values by name, behind "lihat semua" (empty: none hidden)


@dataclass(frozen=True)
class FilterChip:
    """An active filter: what it is, its value as people read it, and the link without it."""
    param: str
    title: str
    label: str
    value: str
    remove_url: str


@dataclass(frozen=True)
class ResultsChrome:
    facets: list[FacetGroup]
    chips: list[FilterChip]


def present(facets: dict, wanted, own_agency: str | None = None) -> ResultsChrome:
    """Facets and chips of one results page (names of agencies and CoPs in one query each)."""
    label_of = _labellers(facets, wanted)
    return ResultsChrome(facet_groups(facets, wanted, label_of, own_agency), filter_chips(wanted, label_of))


def facet_groups(facets: dict, wanted, label_of: dict, own_agency: str | None = None) -> list[FacetGroup]:
    """Facets in display order, each value a link that keeps the query and other filters."""
    groups = []
    for param, fieldname in FACET_PARAMS.items():
        values = facets.get(fieldname, [])  # most frequent first
        if not values:
            continue
        if param == "agency" and own_agency:
            values = sorted(values, key=lambda pair: pair[0] != own_agency)  # stable: own first
        options = [FacetOption(label_of[param](value), count, wanted.toggle_url(param, value),
                               wanted.filters.get(param) == str(value))
                   for value, count in values]
        shown_at_most = SHORT_OPTIONS.get(param, MAX_OPTIONS)
        shown = [option for index, option in enumerate(options) if index < shown_at_most or option.active]
        if param == "year":
            shown.sort(key=lambda option: option.label, reverse=True)
        everything = ()
        if param in SHORT_OPTIONS and len(shown) < len(options):
            everything = tuple(sorted(options, key=lambda option: option.label.casefold()))
        groups.append(FacetGroup(param, str(FACET_TITLES[param]), shown, everything))
    return groups


def filter_chips(wanted, label_of: dict) -> list[FilterChip]:
    """One chip per active filter, in facet order."""
    return [FilterChip(param, str(FACET_TITLES[param]), label_of[param](value), value,
                       wanted.url(**{param: None}))
            for param, value in wanted.filters.items()]


def _labellers(facets: dict, wanted) -> dict:
    """param -> function(value) -> label, for the values on the page and the active filters."""
    agencies = _names(Agency.code, Agency.name, _values(facets, wanted, "agency"))
    cops = _names(Community.id, Community.name, [int(v) for v in _values(facets, wanted, "cop") if v.isdigit()
                                                 and len(v) < 10])
    vocabularies = {"agency": agencies, "cop": {str(k): v for k, v in cops.items()}, "type": labels.ASSET_TYPE,
                    "stage": labels.KM_STAGE, "seci": labels.SECI_STAGE}

    def labeller(mapping):
        return lambda value: str(mapping.get(str(value)) or value)
    return {param: labeller(vocabularies.get(param, {})) for param in FACET_PARAMS}


def _values(facets: dict, wanted, param: str) -> list[str]:
    values = {str(value) for value, _count in facets.get(FACET_PARAMS[param], [])}
    if param in wanted.filters:
        values.add(wanted.filters[param])
    return sorted(values)


def _names(key_column, name_column, keys: list) -> dict:
    if not keys:
        return {}
    return dict(db.session.execute(select(key_column, name_column).where(key_column.in_(keys))).all())
