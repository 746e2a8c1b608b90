"""Feature command-line verbs (camera test, registrations import, fines publish, patrol import…).

Each module listed here exposes ``register(commands, common)`` to add its sub-parsers and
``HANDLERS``, a dict from (command, action) to ``handler(args, cfg) -> exit status``. Keeping the
verbs beside their feature lets the command line grow without one file every feature edits.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Protocol

from console.config import Config

Handler = Callable[[argparse.Namespace, Config], int]

COMMAND_MODULES: tuple[str, ...] = (
    "patrol", "camera", "fines", "dispatch", "analytics", "sync", "intake", "driving", "feeds",
)  # fmt: skip


class CommandModule(Protocol):
    HANDLERS: dict[tuple[str, str], Handler]

    def register(
        self, commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
    ) -> None: ...


def load() -> list[CommandModule]:
    return [importlib.import_module(f"console.commands.{name}") for name in COMMAND_MODULES]
