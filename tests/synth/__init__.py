"""A generator of widely varied synthetic ITA reports with their truth JSON (issue 15).

``python -m tests.synth OUT --seeds 0-499`` writes PDFs, truth and MANIFEST.tsv; see ``gen``.
Modules: ``plan`` (knobs per seed), ``content`` (agencies, questions, cells' wording),
``compose``/``fy2567`` (the printed document and its truth), ``render_rl`` (reportlab),
``render_docx`` (python-docx → LibreOffice), ``truth`` (the contract JSON), ``long_run``.
"""
