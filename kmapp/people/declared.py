"""Declared expertise: the person's own word about what he knows, and his choice to hide it."""
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from ..models import DeclaredExpertise, ExpertiseSettings, User

MAX_DECLARED = 20
MAX_NAME = 60


class DeclarationError(ValueError):
    """A declaration refused; the message is for the user."""


def normalised(name: str) -> str:
    return " ".join((name or "").split()).lower()


def declare(person: User, name: str) -> DeclaredExpertise:
    """Add one topic (kept lowercase, spaces folded); refused when empty, too long, a repeat or one too many."""
    name = normalised(name)
    if len(name) < 2:
        raise DeclarationError(_("Tulis topik keahlian, minimal 2 karakter."))
    if len(name) > MAX_NAME:
        raise DeclarationError(_("Topik keahlian paling banyak %(max)s karakter.", max=MAX_NAME))
    existing = db.session.scalar(select(func.count()).select_from(DeclaredExpertise)
                                 .where(DeclaredExpertise.user_id == person.id))
    if db.session.scalar(select(DeclaredExpertise.id).where(DeclaredExpertise.user_id == person.id,
                                                            DeclaredExpertise.name == name)):
        raise DeclarationError(_("Topik \"%(name)s\" sudah ada di daftar Anda.", name=name))
    if existing >= MAX_DECLARED:
        raise DeclarationError(_("Paling banyak %(max)s topik keahlian; hapus satu dulu.", max=MAX_DECLARED))
    declared = DeclaredExpertise(user_id=person.id, name=name)
    db.session.add(declared)
    return declared


def withdraw(person: User, declared_id: int) -> bool:
    """Remove one of the person's own declarations (another person's id changes nothing)."""
    declared = db.session.get(DeclaredExpertise, declared_id)
    if declared is None or declared.user_id != person.id:
        return False
    db.session.delete(declared)
    return True


def set_hidden(person: User, hidden: bool) -> None:
    """Hidden declarations are shown to nobody else and count in no ranking."""
    settings = db.session.get(ExpertiseSettings, person.id)
    if settings is None:
        settings = ExpertiseSettings(user_id=person.id)
        db.session.add(settings)
    settings.hide_declared = hidden
