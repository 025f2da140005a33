"""Changing the handover settings (retirement age per position class, the overdue window); audited."""
from ..audit import record_change
from ..extensions import db
from ..models import HandoverSettings, PositionClass, User
from .departures import handover_settings

SETTING_FIELDS = ("overdue_days", *(f"age_{cls.value}" for cls in PositionClass))


def save_handover_settings(values: dict, actor: User) -> bool:
    """Store the values (already validated by the form); False when nothing changed. The caller commits."""
    row = handover_settings()
    before = {name: getattr(row, name) for name in SETTING_FIELDS}
    after = {name: int(values[name]) for name in SETTING_FIELDS}
    if before == after and db.session.get(HandoverSettings, 1) is not None:
        return False
    for name, value in after.items():
        setattr(row, name, value)
    row.updated_by_id = actor.id
    db.session.add(row)
    record_change("handover_settings.changed", ("handover_settings", 1), before, after, actor=actor)
    return True
