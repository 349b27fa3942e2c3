"""Demo data, from the 2024 interim report.

Each app contributes a loader in its own ``demo`` package by decorating a
function with ``@demo_loader(order=...)``. ``load_demo`` discovers them
(so this module imports no app) and runs them in order. Every loader must
be idempotent: running ``load_demo`` twice leaves the same data.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

DEFAULT_DEMO_PASSWORD = "kiallianz-demo"  # noqa: S105 - documented demo login


@dataclass(frozen=True)
class DemoLoader:
    order: int
    name: str
    run: Callable


_LOADERS: dict[str, DemoLoader] = {}


def demo_loader(*, order: int):
    def register(func: Callable) -> Callable:
        name = f"{func.__module__}.{func.__name__}"
        _LOADERS[name] = DemoLoader(order=order, name=name, run=func)
        return func

    return register


def registered_loaders() -> list[DemoLoader]:
    autodiscover_modules("demo")
    return sorted(_LOADERS.values(), key=lambda loader: (loader.order, loader.name))


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
