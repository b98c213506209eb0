"""Named extension points that apps fill from their `AppConfig.ready()`.

A lower layer (core, matching) declares a `Registry` and reads it; a higher app
registers its entries. So the lower layer never names the apps that plug into it:

    providers = Registry("matching document providers")

    @providers.register("question")
    def question_documents(ids=None): ...

Entries are iterated in registration order, or, when entries declare `after`
(names of entries that must come first), in a stable dependency order: an entry
comes after everything it depends on and otherwise keeps its registration place.
Registering a name twice is an error unless it is the same object again (so a
`ready()` that runs twice in tests is harmless).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class RegistryError(Exception):
    pass


class Registry(Generic[T]):
    def __init__(self, description: str) -> None:
        self.description = description
        self._entries: dict[str, T] = {}
        self._after: dict[str, tuple[str, ...]] = {}

    def __repr__(self) -> str:
        return f"<Registry {self.description}: {', '.join(self._entries)}>"

    def register(self, name: str, obj: T | None = None, *, after: Iterable[str] = ()) -> Any:
        """Register `obj` under `name`; without `obj`, a decorator that registers its target."""

        def add(target: T) -> T:
            current = self._entries.get(name)
            if current is not None and current is not target:
                raise RegistryError(f"{self.description}: {name!r} is already registered")
            self._entries[name] = target
            self._after[name] = tuple(after)
            return target

        if obj is None:
            return add
        return add(obj)

    def unregister(self, name: str) -> None:
        self._entries.pop(name, None)
        self._after.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __getitem__(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            raise RegistryError(f"{self.description}: nothing registered as {name!r}") from None

    def get(self, name: str, default: T | None = None) -> T | None:
        return self._entries.get(name, default)

    def __len__(self) -> int:
        return len(self._entries)

    def names(self) -> list[str]:
        """The registered names in order (dependencies first)."""
        return self._ordered()

    def items(self) -> list[tuple[str, T]]:
        return [(name, self._entries[name]) for name in self._ordered()]

    def __iter__(self) -> Iterator[T]:
        return iter([self._entries[name] for name in self._ordered()])

    def _ordered(self) -> list[str]:
        order: list[str] = []
        state: dict[str, str] = {}

        def visit(name: str, path: tuple[str, ...]) -> None:
            if state.get(name) == "done":
                return
            if state.get(name) == "visiting":
                cycle = " -> ".join((*path, name))
                raise RegistryError(f"{self.description}: dependency cycle {cycle}")
            state[name] = "visiting"
            for dependency in self._after.get(name, ()):
                # An entry may depend on one that is not installed: it then just runs.
                if dependency in self._entries:
                    visit(dependency, (*path, name))
            state[name] = "done"
            order.append(name)

        for name in self._entries:
            visit(name, ())
        return order
