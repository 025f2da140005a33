"""Following a CoP or a tag beyond one's own CoPs."""
from sqlalchemy import delete, select

from ..extensions import db
from ..models import Watch


def is_watching(user_id: int, target: str, target_id: int) -> bool:
    return db.session.get(Watch, (user_id, target, target_id)) is not None


def toggle(user_id: int, target: str, target_id: int) -> bool:
    """Follow, or stop following; returns whether `user_id` follows it now (the caller commits)."""
    if is_watching(user_id, target, target_id):
        db.session.execute(delete(Watch).where(Watch.user_id == user_id, Watch.target == target,
                                               Watch.target_id == target_id))
        return False
    db.session.add(Watch(user_id=user_id, target=target, target_id=target_id))
    return True


def watched_ids(user_id: int, target: str, target_ids: list[int]) -> set[int]:
    """Which of `target_ids` `user_id` follows (one query for a page's tags)."""
    if not target_ids:
        return set()
    return set(db.session.scalars(select(Watch.target_id).where(
        Watch.user_id == user_id, Watch.target == target, Watch.target_id.in_(target_ids))))
