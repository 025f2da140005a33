"""Facet filters chosen by the user (agency, type, year, ...) as a query."""

from whoosh import query as wq

# Filterable fields: each value list is ORed, different fields are ANDed.
FILTERABLE_FIELDS = ("agency", "asset_type", "year", "km_stage", "cop", "seci_stage", "tags")
MIN_YEAR, MAX_YEAR = 1, 9999


def filters_query(filters):
    """Return a query for ``filters`` ({field: value or list of values}), or None.

    Unknown field names raise ValueError (a programming error); bad values
    (e.g. a non-numeric year from a URL) simply match nothing.
    """
    clauses = []
    for fieldname, values in (filters or {}).items():
        if fieldname not in FILTERABLE_FIELDS:
            raise ValueError(f"unknown search filter: {fieldname!r}")
        if values is None or values == "" or values == []:
            continue
        if not isinstance(values, (list, tuple, set, frozenset)):
            values = [values]
        clauses.append(wq.Or([_value_query(fieldname, value) for value in values]))
    if not clauses:
        return None
    return wq.And(clauses)


def _value_query(fieldname, value):
    if fieldname == "year":
        try:
            year = int(value)
        except (TypeError, ValueError):
            return wq.NullQuery
        if not MIN_YEAR <= year <= MAX_YEAR:  # the field holds 32 bits; no asset is dated outside
            return wq.NullQuery
        return wq.NumericRange("year", year, year)
    text = str(value)
    if fieldname in ("tags", "seci_stage"):
        text = text.strip().lower()  # these fields are lowercased at indexing
    return wq.Term(fieldname, text)
