"""What a terminal gives a command it runs in the foreground, for tests that press Ctrl-C on one."""

from __future__ import annotations

import signal


def ctrl_c_on() -> None:
    """SIGINT at its default in the child (a ``preexec_fn``): a test run started in the background (``cmd &``
    in a script, as CI may start it) inherits SIGINT ignored, an ignored signal survives exec, and Python
    keeps it so; the command under test would then never see the Ctrl-C the test sends it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
