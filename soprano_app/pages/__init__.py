"""Every page of the app: each module declares its pages with ``registry.page``; importing them all
here registers them (a new module is picked up without being listed)."""

from __future__ import annotations

import importlib
import pkgutil

from .registry import REGISTERED, Page, add_pages, navigation

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "registry":
        importlib.import_module(f"{__name__}.{_module.name}")

ALL_PAGES: tuple[Page, ...] = tuple(REGISTERED)

__all__ = ["ALL_PAGES", "Page", "add_pages", "navigation"]
