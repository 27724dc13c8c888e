"""Entry points: ``extract(path) -> Report`` is the library's; this package is the ``ita-extract``
command line. The extraction itself lives in ``extract/`` (one file: ``pipeline``; many files:
``extract/batch``); these modules only wire it to users: options, usage errors, one-line messages
on stderr, the summary and the exit code (:class:`ExitCode`).

``app`` holds the group and what the commands share, ``extracting`` the ``extract`` command,
``others`` the rest; importing them registers the commands on the group.
"""

from __future__ import annotations

from . import extracting, others  # noqa: F401 - registers the commands on the group
from .app import ExitCode, cli, main

__all__ = ["ExitCode", "cli", "main"]
