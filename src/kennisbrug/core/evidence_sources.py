"""Where the programme indicators read the platform's activity.

Each domain app registers, from its `AppConfig.ready()`, readers of its own records
(functions in its selectors, using its own states) under a source name; a reader
takes no arguments and returns row tuples whose columns the source name fixes
(see the indicators app's `sources` module). The indicators read only these registered
readers, never the apps' models, so a source that no app registers is simply
missing.
"""

from collections.abc import Callable, Iterable

from .registry import Registry

readers: Registry[Callable[[], Iterable[tuple]]] = Registry("indicator evidence sources")
