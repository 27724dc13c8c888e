"""Analysis across agencies: the SQLite database (``-f sqlite``) and the summary page (``ita-extract summary``).

Reads only what a batch wrote (report JSON and manifest) and imports only ``extract.batch`` and
``schema``: sqlite (database), runs (inputs), facts (queries), charts/svg/fonts (matplotlib),
page/sections (HTML), summary (the command's one call).
"""
