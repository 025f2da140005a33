"""Main-menu entries contributed by each area, so the layout need not know every blueprint.

The entry of the page being shown is marked from the request's endpoint: aria-current="page" on
the entry's own page, aria-current="true" on the pages of its section (a CoP page under
"Komunitas"), so that screen readers and the eye both see where one is.
"""
from dataclasses import dataclass
from typing import Callable

from flask import request, url_for


@dataclass(frozen=True)
class NavItem:
    label: object  # a lazy translated string, in sentence case
    endpoint: str
    visible: Callable[[object], bool]
    order: int
    section: tuple[str, ...] = ()  # other endpoints that belong under this entry


_items: list[NavItem] = []


def register_nav(label, endpoint: str, visible: Callable[[object], bool] = lambda user: True,
                 order: int = 50, section: tuple[str, ...] = ()) -> None:
    """Add a menu entry; `visible(user)` decides who sees it. Registering twice is a no-op."""
    if any(item.endpoint == endpoint for item in _items):
        return
    _items.append(NavItem(label, endpoint, visible, order, section))
    _items.sort(key=lambda item: item.order)


@dataclass(frozen=True)
class NavLink:
    label: object
    url: str
    current: str | None = None  # the value of aria-current, if any


def current_marker(item: NavItem, endpoint: str | None) -> str | None:
    """"page" on the entry's own page, "true" inside its section, else None."""
    if endpoint == item.endpoint:
        return "page"
    return "true" if endpoint in item.section else None


def nav_links(user) -> list[NavLink]:
    """The menu as `user` sees it on the current request, the current entry marked."""
    return [NavLink(item.label, url_for(item.endpoint), current_marker(item, request.endpoint))
            for item in _items if item.visible(user)]
