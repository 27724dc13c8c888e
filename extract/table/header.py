"""The table header: where it starts and ends, and which role each column's header cell names.

Body cells use the same words as headers ("เจ้าหน้าที่ผู้รับผิดชอบรายงานผลการดำเนินการ"), so a
header cell must open with its role's wording (a body cell names it anywhere), a line that
starts a body row is never a header line, and the words stacked under a header stop at the
first such line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..thai.repair import repair_thai_text
from .columns import Column, split_by_columns
from .lines import TextLine
from .settings import TableSettings
from .vocabulary import TableVocabulary


def squeeze(text: str) -> str:
    """Header text as matched: repaired Thai, no spaces (``"ผู้รับผิด ชอบ"`` → ``"ผู้รับผิดชอบ"``)."""
    return re.sub(r"\s+", "", repair_thai_text(text))


def find_header(lines: list[TextLine], vocab: TableVocabulary, settings: TableSettings,
                within: int | None = None, gap_em: float | None = None) -> int | None:
    """Index of the first line of the table header: a multi-column line naming roles.

    ``within``: letters from a cell's start its role's wording must begin (default the
    settings'; 0 for a header that must be unmistakable). ``gap_em``: the cell gap.
    """
    within = settings.header_role_within if within is None else within
    gap_em = settings.cell_gap_em if gap_em is None else gap_em
    for i, line in enumerate(lines):
        if len(line.segments(gap_em)) < 2 or not vocab.roles_in(line.squeezed) or line.starts_body:
            continue
        found: set[str] = set()
        for text in _stacked_cells(_header_window(lines, i, settings), gap_em):
            found |= vocab.roles_in(squeeze(text), within=within)
        if len(found) >= settings.header_min_roles:
            while i > 0 and _tucked_above(lines[i - 1], lines[i], settings):
                i -= 1
            return i
    return None


def _header_window(lines: list[TextLine], i: int, settings: TableSettings) -> list[TextLine]:
    """The lines a header starting at ``lines[i]`` may span: close below it, up to the first body line."""
    first = lines[i]
    window: list[TextLine] = []
    for ln in lines[i : i + settings.header_window_lines]:
        if ln.top - first.top >= settings.header_window_em * first.size:
            break
        if window and (ln.starts_body or ln.is_section):
            break
        window.append(ln)
    return window


def _tucked_above(above: TextLine, line: TextLine, settings: TableSettings) -> bool:
    """A taller header cell's first line, set just above the others' (cells centred vertically).

    It sits within a line's height above and only over the gaps between the line's cells.
    """
    if line.top - above.bottom > settings.tucked_above_em * line.size:
        return False
    cells = line.cells
    return all(not (s.x0 < c.x1 and s.x1 > c.x0) for s in above.cells for c in cells)


def _stacked_cells(window: list[TextLine], gap_em: float) -> list[str]:
    """Header words wrap inside their cell ("ผู้รับผิด" / "ชอบ"): join pieces stacked at the same x."""
    stacks: list[tuple[float, float, list[str]]] = []
    for ln in window:
        for seg in ln.segments(gap_em):
            for k, (x0, x1, texts) in enumerate(stacks):
                if seg.x0 < x1 and seg.x1 > x0:
                    texts.append(seg.text)
                    stacks[k] = (min(x0, seg.x0), max(x1, seg.x1), texts)
                    break
            else:
                stacks.append((seg.x0, seg.x1, [seg.text]))
    return ["".join(texts) for _, _, texts in stacks]


def header_end(lines: list[TextLine], start: int, hs: list[float], settings: TableSettings,
               repeats: float = 0.0) -> int:
    """Index just past the header: at the first rule below it. Without one, at the first
    body-looking line, at a line spaced much wider than the header's own lines, or, when
    the header repeats one from an earlier page (``repeats``: its height), below that height:
    a row continued at the top of a page carries no marker to stop at.
    """
    first = lines[start]
    rule_below = next((h for h in hs if h > first.bottom - 1), None)
    end = start + 1
    steps: list[float] = []
    while end < len(lines):
        ln = lines[end]
        step = ln.top - lines[end - 1].top
        if rule_below is not None:
            if ln.mid_y > rule_below:
                break
        elif ln.looks_like_body or _past_header(ln, first, repeats, step, steps, settings):
            break
        steps.append(step)
        end += 1
    return end


def _past_header(line: TextLine, first: TextLine, repeats: float, step: float, steps: list[float],
                 settings: TableSettings) -> bool:
    if repeats:
        return line.bottom - first.top > repeats + settings.repeat_slack_em * line.size
    return bool(steps) and step > settings.header_step * max(steps)


def named_columns(columns: tuple[Column, ...], header_lines: list[TextLine], vocab: TableVocabulary,
                  settings: TableSettings) -> tuple[Column, ...]:
    """The columns named by the wording of their header cells (not by their position)."""
    texts: dict[int, list[str]] = {}
    for line in header_lines:
        for i, part in split_by_columns(line, columns, settings.edge_slack_pt).items():
            texts.setdefault(i, []).append(part.text)
    seen: set[str] = set()
    named = []
    for i, col in enumerate(columns):
        header = " ".join(texts.get(i, []))
        role = vocab.role_of(squeeze(header))
        if role in vocab.unique and role in seen:
            role = None
        if role:
            seen.add(role)
        named.append(replace(col, role=role, header=header))
    return tuple(named)


def repeats_header(window: list[TextLine], columns: tuple[Column, ...], settings: TableSettings) -> bool:
    """Do these lines open with the last header's wording, column by column?"""
    texts: dict[int, str] = {}
    for ln in window:
        for i, part in split_by_columns(ln, columns, settings.edge_slack_pt).items():
            texts[i] = texts.get(i, "") + part.squeezed
    n = settings.repeat_prefix_letters
    headed = [(i, squeeze(c.header)) for i, c in enumerate(columns) if c.role and c.header.strip()]
    same = sum(1 for i, h in headed if texts.get(i, "").startswith(h[:n]))
    return bool(headed) and 2 * same >= len(headed)
