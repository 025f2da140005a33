"""Reading and changing the programme office's settings (table programme_setting).

A setting without a row has its default, so a fresh database needs no seeding. A stored row
is read once per request (the session's identity map); a missing one costs a primary-key query.
Policy reads these (kmapp/policy.py); only admins change them, and every change is audited.
"""
from .audit import record_change
from .extensions import db
from .models import AttendeeVisibility, MinutesVisibility, ProgrammeSetting, User
from .models.settings import SETTING_VALUES


def setting_value(name: str) -> str:
    """The current value of setting `name` (its default when never set)."""
    values, default = SETTING_VALUES[name]
    row = db.session.get(ProgrammeSetting, name)
    return row.value if row is not None and row.value in {str(v) for v in values} else str(default)


def attendee_visibility() -> AttendeeVisibility:
    return AttendeeVisibility(setting_value("attendee_visibility"))


def minutes_visibility() -> MinutesVisibility:
    return MinutesVisibility(setting_value("minutes_visibility"))


def change_setting(name: str, value: str, actor: User) -> bool:
    """Set `name` to `value` (one of its allowed values, else ValueError); audited.

    Returns False when nothing changed. The caller commits.
    """
    values, _default = SETTING_VALUES[name]
    value = str(values(value))  # raises ValueError for an unknown value
    before = setting_value(name)
    if value == before:
        return False
    row = db.session.get(ProgrammeSetting, name) or ProgrammeSetting(name=name)
    row.value, row.updated_by = value, actor
    db.session.add(row)
    db.session.flush()
    record_change("programme_setting.changed", ("programme_setting", name), {"value": before}, {"value": value},
                  actor=actor)
    return True
