"""Main-menu entries contributed by each area, so the layout need not know every blueprint."""
from dataclasses import dataclass
from typing import Callable

from flask import url_for


@dataclass(frozen=True)
class NavItem:
    label: object  # a lazy translated string
    endpoint: str
    visible: Callable[[object], bool]
    order: int


_items: list[NavItem] = []


def register_nav(label, endpoint: str, visible: Callable[[object], bool] = lambda user: True,
                 order: int = 50) -> None:
    """Add a menu entry; `visible(user)` decides who sees it. Registering twice is a no-op."""
    if any(item.endpoint == endpoint for item in _items):
        return
    _items.append(NavItem(label, endpoint, visible, order))
    _items.sort(key=lambda item: item.order)


@dataclass(frozen=True)
class NavLink:
    label: object
    url: str


def nav_extra(user) -> list[NavLink]:
    return [NavLink(item.label, url_for(item.endpoint)) for item in _items if item.visible(user)]
