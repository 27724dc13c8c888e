"""``python -m tests.synth OUT --seeds 0-499``: see ``gen``."""

import sys

from .gen import main

sys.exit(main())
