"""What a score table's row label and score cell say: "ตัวชี้วัดที่ ๒ การใช้งบประมาณ", "i7 ท่านรู้…", "๙๒.๑๑".

A row of an ITA score table starts with one of four labels: an indicator (ตัวชี้วัดที่ N), a
question code (i1, E๑๒, o8, "(E1)"), a tool (IIT, "เครื่องมือ EIT") or the total (คะแนนรวม).
Anything else in the label column continues the row above. Codes and digits may be Thai or
Arabic and codes any case; positions in the text are kept so names are cut from the text
as printed.

>>> read_label("ตัวชี้วัดที่ ๒ การใช้งบประมาณ")
Label(level='indicator', code='2', rest='การใช้งบประมาณ')
>>> read_label("i7 ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณ")
Label(level='question', code='I7', rest='ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณ')
>>> read_score("๙๒.๑๑")
92.11
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ...thai.catalogue import catalogue
from ...thai.codes import split_indicator, tool_in_text
from ...thai.repair import to_arabic_digits

LabelLevel = Literal["tool", "indicator", "question", "total"]

# "ตัวชี้วัดที่ 9" but not the sub-indicator "ตัวชี้วัดที่ 9.1" (older OIT), which has no score code of its own.
_INDICATOR = re.compile(r"\s*ตัวชี้วัด\s*(?:ที่)?\s*(\d{1,2})(?!\s*\.\s*\d)\s*[.:)\-–]?\s*")
_TOOL = re.compile(r"\s*(?:เครื่องมือ(?:การประเมิน)?\s*)?[(\[]?\s*(IIT|EIT|OIT)(?![A-Za-z0-9])[)\]]?\s*[.:\-–]?\s*")
_THAI_TOOL_NAME = re.compile(r"\s*(?:เครื่องมือ(?:การประเมิน)?\s*)?แบบ(?:วัด|ตรวจ)")
_TOTAL = re.compile(r"\s*(?:ผล)?(?:คะแนน)?\s*(?:รวม|เฉลี่ย)\s*(?:รวม|ทั้งหมด)?\s*(?:\(?\s*ITA\s*\)?)?\s*")
_SCORE = re.compile(r"\s*(\d{1,3}(?:\.\d{1,3})?)\s*")
_NUMBERED = re.compile(r"\s*(\d{1,2})\s*[.)]\s*(?!\d)")  # "1. การปฏิบัติหน้าที่", "๒) การใช้งบประมาณ"
MIN_NAME_PREFIX = 6  # characters: a wrapped first line names an indicator only if this long and unambiguous


@dataclass(frozen=True, slots=True)
class Label:
    """A row label: its level, its code as the contract writes it, and the text after the code."""

    level: LabelLevel
    code: str
    rest: str


def read_label(text: str, indicator_column: bool = False) -> Label | None:
    """The label a row starts with, or None for text that continues the row above.

    "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต" → indicator "10"; "o8 Q&A" → question "O8";
    "เครื่องมือ EIT" → tool "EIT"; "คะแนนรวม" → total; "ราชการ" → None. In a column headed
    ตัวชี้วัด (``indicator_column``) an indicator may also be a number ("1. การปฏิบัติหน้าที่")
    or its name alone ("การใช้งบประมาณ").
    """
    arabic = to_arabic_digits(text)  # one character for one: positions stay valid in ``text``
    m = _INDICATOR.match(arabic)
    if m:
        return Label("indicator", str(int(m[1])), text[m.end():].strip())
    code, rest = split_indicator(text)
    if code is not None:
        return Label("question", code, rest.strip())
    m = _TOOL.match(arabic)
    if m:
        return Label("tool", m[1], text[m.end():].strip())
    if _THAI_TOOL_NAME.match(arabic):
        tool = tool_in_text(text)
        if tool is not None:
            return Label("tool", tool, "")
    if _TOTAL.fullmatch(arabic):
        return Label("total", "", "")
    return _listed_indicator(text, arabic) if indicator_column else None


def _listed_indicator(text: str, arabic: str) -> Label | None:
    """An indicator in a ตัวชี้วัด column by its number or, failing that, its catalogue name."""
    m = _NUMBERED.match(arabic)
    if m:
        return Label("indicator", str(int(m[1])), text[m.end():].strip())
    squeezed = "".join(text.split())
    if len(squeezed) < MIN_NAME_PREFIX:
        return None
    found = [n for n, name in catalogue().indicator_names().items() if squeezed.startswith(name) or name.startswith(squeezed)]
    return Label("indicator", str(found[0]), text.strip()) if len(found) == 1 else None


def read_score(text: str) -> float | None:
    """A cell that holds one number and nothing else: "๑๐๐" → 100.0, "86.67" → 86.67, "ดีมาก" → None.

    Up to three integer digits, so a misread "9211" (dot lost) is no score here, while a
    misread "921.1" is, and is caught by the 0–100 check instead of vanishing.
    """
    m = _SCORE.fullmatch(to_arabic_digits(text))
    return float(m[1]) if m else None
