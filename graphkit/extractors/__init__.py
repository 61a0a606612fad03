"""Extractors: one interface, a registry by name.

An extractor turns articles into relations. Adding one means writing a class with `name`,
`extract` and `pipe`, and registering it; nothing else changes.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, runtime_checkable

from ..errors import GraphkitError
from ..model import Article, Extraction


@runtime_checkable
class Extractor(Protocol):
    """What every extractor provides."""

    name: str

    def extract(self, article: Article) -> Extraction: ...

    def pipe(self, articles: Iterable[Article]) -> Iterator[Extraction]: ...


_REGISTRY: dict[str, Callable[..., Extractor]] = {}


def register(name: str) -> Callable[[Callable[..., Extractor]], Callable[..., Extractor]]:
    """Class decorator: make an extractor available by `name`."""
    def deco(factory: Callable[..., Extractor]) -> Callable[..., Extractor]:
        _REGISTRY[name] = factory
        return factory
    return deco


def available() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def get_extractor(name: "str | Extractor" = "rules", **options: object) -> Extractor:
    """An extractor instance by registered name (`rules`, `dependency`, `auto`); an instance
    passes through unchanged, so every API that takes a name also takes a ready extractor."""
    if not isinstance(name, str):
        return name
    _load_builtins(name)
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise GraphkitError(f"unknown extractor {name!r} (available: {', '.join(sorted(_REGISTRY))})") from None
    return factory(**options)


def make_extractor(name: str = "rules", **options: object) -> tuple[Extractor, str | None]:
    """(extractor, note): for `auto` the note says which extractor runs and why, else None."""
    if name == "auto":
        from .dependency import select_auto

        return select_auto(**options)
    return get_extractor(name, **options), None


# The module that registers each built-in extractor: only the one asked for is imported, so
# `graphkit extract` (rules) does not pay for importing the dependency extractor's module.
_BUILTINS = {"rules": "rules", "dependency": "dependency", "auto": "dependency"}


def _load_builtins(name: str | None = None) -> None:
    """Import the built-in extractors' modules: the one registering `name`, or all of them
    (no name, or one no built-in module registers)."""
    if name is not None and name in _REGISTRY:
        return
    module = _BUILTINS.get(name) if name is not None else None
    if module in (None, "rules"):
        from . import rules  # noqa: F401  (registers "rules")
    if module in (None, "dependency"):
        try:
            from . import dependency  # noqa: F401  (registers "dependency" and "auto"; spaCy loads lazily)
        except ImportError:
            pass
