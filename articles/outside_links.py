"""Parts of the site outside the articles that link to articles by slug (the symptom
check). An app registers here in its AppConfig.ready, so that the admin can list it under
"What links here" and warn before such an article is renamed, unpublished or deleted,
without the articles app importing it."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class OutsideLinker:
    name: str  # as editors read it: "The symptom check"
    slugs: Callable[[], Collection[str]]
    admin_url_name: str = ""  # a page that shows the links, for editors to follow


_registered: dict[str, OutsideLinker] = {}


def register(linker: OutsideLinker) -> None:
    _registered[linker.name] = linker


def linking_to(slugs: Iterable[str]) -> list[OutsideLinker]:
    """The outside parts that link to any of these slugs (an article's, now or before)."""
    wanted = set(slugs)
    return [linker for linker in _registered.values() if wanted & set(linker.slugs())]
