"""``python -m ita_extract``: the ``ita-extract`` command line."""

from .cli import main

main()
