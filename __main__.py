"""``python -m ita_extract``: the ``ita-extract`` command line."""

from .cli import main

if __name__ == "__main__":  # not when multiprocessing's spawn re-imports it (Dask workers)
    main()
