"""What a person's dashboard shows, contributed by the apps from their `ready()`.

Each entry is `name -> callable(*, user)`; its result is given to the dashboard
template under `name`. So accounts, the bottom of the domain apps, shows
memberships without importing the organisations app.
"""

from kennisbrug.core.registry import Registry

sections: Registry = Registry("account dashboard sections")


def context_for(user) -> dict:
    return {name: section(user=user) for name, section in sections.items()}
