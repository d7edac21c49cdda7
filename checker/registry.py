"""Named catalogues: every reader, rule kind and renderer is registered once.

Modelled on spaCy's ``registry``: a duplicate name is an error, an unknown
name is a ``UsageError`` listing the known names, sorted. Built-ins register
on import of their modules (``checker.registrations``), the same way plugins do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from checker.errors import UsageError

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        def deco(obj: T) -> T:
            self.add(name, obj)
            return obj

        return deco

    def add(self, name: str, obj: T) -> None:
        if name in self._items and self._items[name] is not obj:
            raise ValueError(f"{self.kind} {name!r} is already registered")
        self._items[name] = obj

    def get(self, name: str) -> T:
        _load_builtins()
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items))
            raise UsageError(f"unknown {self.kind} {name!r} (known: {known})") from None

    def __contains__(self, name: object) -> bool:
        _load_builtins()
        return name in self._items

    def names(self) -> list[str]:
        _load_builtins()
        return sorted(self._items)

    def items(self) -> Iterator[tuple[str, T]]:
        _load_builtins()
        yield from sorted(self._items.items())


rule_kinds: Registry[type] = Registry("rule kind")
renderers: Registry[tuple[Callable[..., None], str]] = Registry("format")  # (render, file name)
readers: Registry[Callable[..., object]] = Registry("reader")

_loaded = False


def _load_builtins() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    import checker.registrations  # noqa: F401  (fills the registries)
