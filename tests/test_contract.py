"""docs/CONTRACT.md against the code: every field, every warning code, every error code, every column.

Codes are added to ``extract.errors.NOTICES`` by whoever teaches the extractor a new way to
warn; these tests fail until the user's documentation says what the code means and what to do
(``tools/contract_doc.py`` writes that part), and until every code the source can emit is in
the registry (a scan of the package's source, below).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import sys
from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner
from ita_extract.cli import cli
from ita_extract.extract import errors
from ita_extract.extract.batch.manifest import ManifestLine
from ita_extract.extract.batch.writers import COLUMNS
from ita_extract.extract.errors import NOTICES, ExtractError

REPO = Path(__file__).resolve().parents[1]
CONTRACT = REPO / "docs" / "CONTRACT.md"
NOT_PACKAGE = {".venv", "venv", "build", "tests", "tools", "samples", "bench", ".git"}
CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")


def _contract_doc() -> object:
    spec = importlib.util.spec_from_file_location("contract_doc", REPO / "tools" / "contract_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("contract_doc", module)
    spec.loader.exec_module(module)
    return module


def _doc() -> str:
    return CONTRACT.read_text(encoding="utf-8")


def _in_doc(code: str) -> bool:
    return f"`{code}`" in _doc()


# ---------------------------------------------------------------- the source scan


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _receiver(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        value = func.value
        return value.id if isinstance(value, ast.Name) else value.attr if isinstance(value, ast.Attribute) else ""
    return ""


def _code_params(tree: ast.AST) -> dict[str, int]:
    """Functions that take a parameter named ``code`` → its position in a call (``self`` not counted)."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names = [a.arg for a in node.args.posonlyargs + node.args.args]
            if names and names[0] in ("self", "cls"):
                names = names[1:]
            if "code" in names:
                found[node.name] = names.index("code")
    return found


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
        return node.value
    return None


def codes_in_source(source: str, code_params: dict[str, int]) -> set[str]:
    """Code strings a piece of source passes on as warnings.

    - ``Notice("code", …)`` and ``Notice(code="code", …)``;
    - a literal at the ``code`` parameter of any function that has one (``_blank(page, "code", …)``,
      ``resolver.warn("code", …)``), and the first argument of any call named ``*warn*``;
    - ``warnings.add("code")`` / ``warnings.append("code")`` onto a collection named ``*warning*``;
    - keys of a dict assigned to a name containing ``WARNING`` (``WARNING_MESSAGES = {"code": …}``);
    - warning tuples: ``("code", "a message …")`` or ``("code", f"… {x}")``.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name, args = _callee(node), list(node.args)
            keyword = next((k.value for k in node.keywords if k.arg == "code"), None)
            candidates = [keyword]
            if name == "Notice" or "warn" in name.lower():
                candidates.append(args[0] if args else None)
            if name in code_params and len(args) > code_params[name]:
                candidates.append(args[code_params[name]])
            if name in ("add", "append") and "warning" in _receiver(node).lower():
                candidates.append(args[0] if args else None)
            found |= {c for c in map(_literal, candidates) if c}
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if any("WARNING" in t for t in targets):
                found |= {c for c in map(_literal, node.value.keys) if c}
        elif isinstance(node, ast.Tuple) and len(node.elts) in (2, 3) and _literal(node.elts[0]):
            message = node.elts[1]
            is_message = isinstance(message, ast.JoinedStr) or (
                isinstance(message, ast.Constant) and isinstance(message.value, str) and " " in message.value
            )
            if is_message:
                found.add(node.elts[0].value)  # type: ignore[attr-defined]
    return found


def package_sources() -> list[Path]:
    """Every .py file of the package (tests, tools and generators left out; no walk into the venv)."""
    found = []
    for folder, subfolders, files in os.walk(REPO):
        subfolders[:] = [d for d in subfolders if d not in NOT_PACKAGE and not d.endswith(".egg-info")]
        found += [Path(folder) / f for f in files if f.endswith(".py")]
    return sorted(found)


def emitted_codes() -> dict[str, list[str]]:
    """code → the files that emit it, over the whole package (errors.py's registry itself left out)."""
    sources = {p: p.read_text(encoding="utf-8") for p in package_sources()}
    params: dict[str, int] = {}
    for text in sources.values():
        params.update(_code_params(ast.parse(text)))
    where: dict[str, list[str]] = {}
    for path, text in sources.items():
        if path.resolve() == Path(errors.__file__).resolve():
            continue
        for code in codes_in_source(text, params):
            where.setdefault(code, []).append(str(path.relative_to(REPO)))
    return where


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('Notice("made_up_code", "x")', {"made_up_code"}),
        ('Notice(code="made_up_code", message="x")', {"made_up_code"}),
        ('self.warn("made_up_code", f"{a} → {b}")', {"made_up_code"}),
        ('_blank(page, "made_up_code", "reason")', {"made_up_code"}),
        ('warnings.add("made_up_code")', {"made_up_code"}),
        ('WARNING_MESSAGES = {"made_up_code": "what it is"}', {"made_up_code"}),
        ('checks = [("made_up_code", "a message with words"), ("other_code", f"page {n}")]', {"made_up_code", "other_code"}),
        ('STATUSES = ("ok", "warning")', set()),  # no underscore: not a code
        ('FORMATS = ("json", "csv_file")', set()),  # a second element with no space is no message
        ('print("made_up_code")', set()),  # any string is not a code
    ],
)
def test_the_source_scan_finds_codes_in_every_shape_they_are_emitted(source: str, expected: set[str]) -> None:
    assert codes_in_source(source, {"_blank": 1}) == expected


def test_the_source_scan_finds_the_codes_the_extractor_is_known_to_emit() -> None:
    found = emitted_codes()
    known = {"no_table", "ocr_used", "text_source_pypdfium2", "agency_name_corrected", "sara_am_lost",
             "text_layer_unusable", "ocr_unavailable", "fiscal_year_missing"}  # fmt: skip
    assert known <= set(found), known - set(found)


def test_every_code_emitted_in_the_source_is_registered_in_notices() -> None:
    unknown = {code: files for code, files in emitted_codes().items() if code not in NOTICES}
    assert unknown == {}, f"add these to extract/errors.py NOTICES (level, meaning, action): {unknown}"


# ---------------------------------------------------------------- the document


def test_every_registered_code_is_in_contract_md() -> None:
    missing = [code for code in NOTICES if not _in_doc(code)]
    assert missing == [], f"run .venv/bin/python tools/contract_doc.py to document {missing}"


def test_the_generated_parts_of_contract_md_are_up_to_date() -> None:
    doc = _contract_doc()
    assert doc.updated(_doc()) == _doc(), "run .venv/bin/python tools/contract_doc.py"  # type: ignore[attr-defined]


def test_every_code_is_documented_with_its_level_meaning_and_action() -> None:
    doc = _doc()
    for code, notice in NOTICES.items():
        row = next((line for line in doc.splitlines() if line.startswith(f"| `{code}` |")), None)
        assert row is not None, f"{code} has no row in docs/CONTRACT.md: run .venv/bin/python tools/contract_doc.py"
        assert notice.meaning.split()[0] in row and notice.action.split()[0] in row
        section = doc[: doc.index(row)].rsplit("#### ", 1)[-1]
        assert section.startswith("Warnings" if notice.level == "warning" else "Notes")


def _error_codes(cls: type[ExtractError] = ExtractError) -> set[str]:
    return {cls.code}.union(*(_error_codes(sub) for sub in cls.__subclasses__()))


def test_every_error_code_is_in_contract_md() -> None:
    codes = _error_codes()
    assert {"not_pdf", "timeout", "internal_error"} <= codes
    missing = sorted(code for code in codes if f"| `{code}` |" not in _doc())
    assert missing == [], f"describe these failure codes in docs/CONTRACT.md 'Error codes': {missing}"


def test_every_table_column_and_manifest_field_is_in_contract_md() -> None:
    doc = _doc()
    table = doc[doc.index("## The table") : doc.index("## The manifest")]
    manifest = doc[doc.index("## The manifest") : doc.index("## Error codes")]
    assert [c for c in COLUMNS if f"`{c}`" not in table] == []
    assert [f.name for f in fields(ManifestLine) if f"| `{f.name}` |" not in manifest] == []


# ---------------------------------------------------------------- the schema


def _schema_objects() -> dict[str, dict]:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    return {"Report": schema, **schema["$defs"]}


def test_ita_extract_schema_describes_every_field() -> None:
    objects = _schema_objects()
    assert {"Report", "Source", "Document", "Agency", "Record", "Warning"} <= set(objects)
    undescribed = [
        f"{name}.{field}"
        for name, obj in objects.items()
        for field, prop in obj.get("properties", {}).items()
        if not prop.get("description", "").strip()
    ]
    assert undescribed == []


def test_every_schema_field_is_in_contract_md() -> None:
    doc = _doc()
    for name, obj in _schema_objects().items():
        section = doc.split(f"#### {name}", 1)[1].split("####", 1)[0]
        assert [f for f in obj.get("properties", {}) if f"| `{f}` |" not in section] == [], name
