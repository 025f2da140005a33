"""Writing the audit trail. Call inside the transaction that makes the change."""
import json
from datetime import date, datetime

from flask import has_request_context, request
from flask_login import current_user

from .extensions import db
from .models import AuditLog


def _jsonable(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return value


def snapshot(obj, fields: list[str]) -> dict:
    """The named attributes of `obj` as a JSON-ready dict (for before/after)."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


def record_change(action: str, entity, before: dict | None, after: dict | None, actor=None) -> AuditLog:
    """Add an audit row for `entity` (any model with an `id`, or a (type, id) pair)."""
    entity = getattr(entity, "_get_current_object", lambda: entity)()  # unwrap current_user
    if isinstance(entity, tuple):
        entity_type, entity_id = entity
    else:
        entity_type, entity_id = type(entity).__tablename__, entity.id
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    row = AuditLog(
        action=action, entity_type=entity_type, entity_id=str(entity_id),
        actor_id=actor.id if actor is not None else None,
        before=json.dumps(before, ensure_ascii=False, default=str) if before is not None else None,
        after=json.dumps(after, ensure_ascii=False, default=str) if after is not None else None,
        address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(row)
    return row
