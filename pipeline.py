"""Entry points: ``extract(path) -> Report`` and the ``ita-extract`` command line.

The extraction itself lives in ``extract/``; this module only wires it to users.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .extract.errors import ExtractError
from .extract.report import build_report
from .schema import Report


def extract(path: str | Path) -> Report:
    """Extract one ITA report PDF into a validated :class:`Report`.

    Raises :class:`ExtractError` (with a stable ``code``) for any input it cannot read.
    """
    return build_report(Path(path))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ita-extract")
def cli() -> None:
    """Turn Thai ITA report PDFs into clean, typed data (JSON, CSV).

    \b
    Example:
      ita-extract extract report.pdf            # JSON on stdout
      ita-extract extract samples/ -o out/      # one JSON per report in out/
    """


@cli.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output folder.")
@click.option("-f", "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
def extract_cmd(inputs: tuple[Path, ...], output: Path | None, fmt: str) -> None:
    """Extract INPUT... (PDF files or folders)."""
    files: list[Path] = []
    for item in inputs:
        files.extend(sorted(item.rglob("*.pdf")) if item.is_dir() else [item])
    failed = 0
    for path in files:
        try:
            report = extract(path)
        except ExtractError as err:
            click.echo(err.one_line(), err=True)
            failed += 1
            continue
        if output is None:
            click.echo(report.to_json())
        else:
            output.mkdir(parents=True, exist_ok=True)
            (output / f"{path.stem}.json").write_text(report.to_json(), encoding="utf-8")
    sys.exit(1 if failed else 0)


@cli.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of one report (the output contract)."""
    import json

    click.echo(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    """Console-script entry point."""
    cli()
