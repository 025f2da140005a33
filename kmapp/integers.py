"""Whole numbers from outside (URL parts, query strings, form fields), bounded to the database.

Ids, years and page numbers end up compared with INTEGER columns. PostgreSQL's INTEGER holds
at most 2^31-1 and SQLite refuses a parameter from 2^63 on; either refusal used to surface as
a 500 for a hand-made URL. A number outside 1..MAX_DB_INT cannot name a stored row, so it
means "not there": no route matches (404), a query-string value falls back to its default,
a form field counts as nothing chosen.
"""
from werkzeug.routing import IntegerConverter, ValidationError

MAX_DB_INT = 2**31 - 1
# Enough for any number in range with leading zeros or spaces; longer text is not parsed at all.
_MAX_TEXT = 32


def db_int(value) -> int:
    """`value` as an int in 1..MAX_DB_INT, else ValueError.

    Usable as `request.args.get(name, default, type=db_int)`, which then falls back to `default`.
    """
    text = str(value).strip()
    if len(text) > _MAX_TEXT:
        raise ValueError("number too long")
    number = int(text)
    if not 1 <= number <= MAX_DB_INT:
        raise ValueError(f"{number} is outside 1..{MAX_DB_INT}")
    return number


def optional_db_int(value) -> int | None:
    """`value` as an int in 1..MAX_DB_INT, or None when blank or unusable (a form's "nothing chosen")."""
    if value is None:
        return None
    try:
        return db_int(value)
    except (TypeError, ValueError):
        return None


class DatabaseIntConverter(IntegerConverter):
    """`<int:...>` in every route: only 1..MAX_DB_INT match, anything else is a 404."""

    def __init__(self, map, fixed_digits=0, min=1, max=MAX_DB_INT, signed=False):  # noqa: A002 (werkzeug's names)
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str):
        if len(value) > _MAX_TEXT:  # do not parse a thousand digits just to refuse them
            raise ValidationError()
        return super().to_python(value)
