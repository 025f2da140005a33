"""Notifications: what changed that a person cares about, in the portal and optionally by e-mail."""
from flask import Blueprint

bp = Blueprint("notifications", __name__)

from . import routes  # noqa: E402,F401
