"""Comparing names as the labels mean them: canonical entity names, diacritics folded."""

from __future__ import annotations

from summarizer.entities.resolver import EntityResolver, fold


class NameKeys:
    """Turns a holder or person name into a comparison key.

    A name the entity resolver confidently knows ("Britain", "Rute", "Krisjanis Karins")
    becomes its canonical name; any other name stays as written. Both are then folded
    ("Kariņš" and "Karins" compare equal).
    """

    def __init__(self, resolver: EntityResolver | None = None) -> None:
        self._resolver = resolver
        self._keys: dict[str, str] = {}

    def key(self, name: str) -> str:
        """The comparison key of `name`."""
        known = self._keys.get(name)
        if known is None:
            known = fold(" ".join(self.canonical(name).split()))
            self._keys[name] = known
        return known

    def canonical(self, name: str) -> str:
        """The entity data's name for `name`, or `name` itself when no entity is certain."""
        if self._resolver is None:
            return name
        match = self._resolver.resolve_name(name)
        return match.entity.name if match.entity is not None else name
