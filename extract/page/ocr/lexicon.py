"""OCR'd text checked against text whose right form is known, and replaced only when close.

Much of a measures report is not free text: the issue column prints the official ITA
question of the row's code (``lexicon.tsv``, from the domain catalogue, per code and
year), the responsible column names units (สำนักปลัด, กองคลัง, งานพัสดุ …), and the
measures and monitoring columns repeat set phrases, often the same one in many rows
(รายงานผู้บริหาร). One wrong Thai letter fails a field, so a cell whose letters are close
to such a form takes the form, and says so. Never a cell that is not close: similarity
is over the letters with spaces ignored, and a cell that has or lacks a run of letters
the form has not (``ปฏิบัติ/`` against ``ปฏิบัติงาน/``) is a rewording the agency chose,
not a misread, whatever the similarity.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib.resources import files

from rapidfuzz.distance import Levenshtein

from ...thai.dictionary import cut_words, known_words
from ...thai.letters import is_thai_letter
from .settings import DEFAULT, OcrSettings

LEXICON = "lexicon.tsv"
MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Form:
    """A known text: its kind (question, unit, phrase), indicator code and years (BE)."""

    kind: str
    code: str
    first_year: int
    last_year: int
    text: str


@dataclass(frozen=True, slots=True)
class Match:
    """The known form a text was matched to, and how alike the two are (0–1)."""

    text: str
    similarity: float


@lru_cache(maxsize=1)
def lexicon() -> tuple[Form, ...]:
    """The shipped known forms (``lexicon.tsv``, made by ``tools/make_ocr_lexicon.py``)."""
    rows = files(__package__).joinpath(LEXICON).read_text(encoding="utf-8").splitlines()
    out = []
    for row in rows:
        if row and not row.startswith("#"):
            kind, code, first, last, text = row.split("\t")
            out.append(Form(kind, code, int(first), int(last), text))
    return tuple(out)


def key(text: str) -> str:
    """Text as compared: NFC, no whitespace, Thai digits as Arabic.
    ``key("รายงาน ผู้บริหาร ๑")`` → ``"รายงานผู้บริหาร1"``."""
    return SPACE.sub("", unicodedata.normalize("NFC", text)).translate(TO_ARABIC)


def similarity(a: str, b: str) -> float:
    """1 − normalised edit distance of two keys (as the scorer measures text)."""
    return Levenshtein.normalized_similarity(a, b)


def reworded(read: str, form: str, s: OcrSettings = DEFAULT) -> bool:
    """True when one key has a run of ``reworded_run`` letters (marks not counted) that the
    other lacks: ``ปฏิบัติ/`` → ``ปฏิบัติงาน/`` adds งาน, a word, where OCR drops a mark or
    misreads a letter. ``reworded("ทท่าน", "ที่ท่าน")`` → False."""
    run, last = 0, None
    for op in Levenshtein.editops(read, form):
        if op.tag not in ("insert", "delete"):
            run, last = 0, None
            continue
        pos = op.src_pos if op.tag == "delete" else op.dest_pos
        ch = read[op.src_pos] if op.tag == "delete" else form[op.dest_pos]
        same_run = last is not None and last[0] == op.tag and pos == last[1] + 1
        run = (run if same_run else 0) + (ch not in MARKS)
        last = (op.tag, pos)
        if run >= s.reworded_run:
            return True
    return False


def reworded_in_words(text: str, form: str) -> bool:
    """True when ``text`` reads as dictionary words (``looks_misread`` is False) and differs from
    ``form`` only by whole words or punctuation one has and the other lacks: the agency retyped
    the wording its own way, which OCR read right. OCR misreads letters and marks inside words; it
    does not add a word, nor drop one and leave clean words around the gap.
    ``reworded_in_words("ให้ความโปร่งใส", "ให้มีความโปร่งใส")`` → True;
    ``reworded_in_words("ให้ความโปร่งไส", "ให้ความโปร่งใส")`` → False (a letter misread).
    """
    if looks_misread(text):
        return False
    read, wording = _word_list(text), _word_list(form)
    if read == wording:
        return False
    ops = SequenceMatcher(None, read, wording, autojunk=False).get_opcodes()
    return all(tag != "replace" for tag, *_ in ops)


def _word_list(text: str) -> list[str]:
    """The dictionary words and punctuation of a text, spaces ignored (OCR judges them by gaps)."""
    return cut_words(key(text), keep_whitespace=False)


LATIN_ON_THAI = re.compile(r"[A-Za-z][\u0e01-\u0e4e]|[\u0e01-\u0e4e][A-Za-z]")
LONE_OK = frozenset("ณฯๆ")  # one-letter words: ณ วันที่


def looks_misread(text: str) -> bool:
    """True when the text shows a misread: a Latin letter run into Thai, a lone consonant
    that is no abbreviation, or a stretch no dictionary word covers. A text made wholly of
    words is taken as the agency's own wording: ``ให้ความโปร่งใส`` stays, though the
    official form says ``ให้มีความโปร่งใส``; ``ผู้บังคับบัญชีว`` → True."""
    if LATIN_ON_THAI.search(text):
        return True
    tokens = cut_words(text, keep_whitespace=False)
    for k, token in enumerate(tokens):
        if not any(is_thai_letter(ch) for ch in token) or token in LONE_OK:
            continue
        dotted = (k + 1 < len(tokens) and tokens[k + 1].startswith(".")) or (
            k and tokens[k - 1].endswith(".")
        )
        if len(token.rstrip(".")) == 1 and not dotted:
            return True
        if len(token) > 1 and token not in known_words():
            return True
    return False


def closest(
    text: str, forms: Iterable[str], least: float, s: OcrSettings = DEFAULT, misread_only: bool = False
) -> Match | None:
    """The known form nearest to ``text`` if it is at least ``least`` alike and no
    rewording of it (a run of letters, or whole words read clean: ``reworded_in_words``); None otherwise. ``misread_only``: and only when ``text`` looks misread
    (``looks_misread``) or differs from the form in spaces alone (OCR judges spaces by gaps,
    the form has them as typed): for set phrases, which an agency may well have reworded.
    Question wording is taken whenever close: over the held-out scans, gating it on
    ``looks_misread`` kept more misreads (issue strict 0.30) than it saved rewordings (0.41 without)."""
    read = key(text)
    if not read:
        return None
    scored = sorted(((similarity(read, key(f)), f) for f in forms), reverse=True)
    for score, form in scored:
        if score < least:
            return None
        if not reworded(read, key(form), s) and not reworded_in_words(text, form):
            if form == text or (misread_only and key(form) != read and not looks_misread(text)):
                return None
            return Match(form, score)
    return None


def questions(code: str | None, fiscal_year: int | None, s: OcrSettings = DEFAULT) -> list[str]:
    """The official wordings of an indicator code (``E1`` or ``E๑``), for the assessment
    years near the report's fiscal year when it is known, else for every year."""
    if not code:
        return []
    wanted = key(code).upper()
    found = [f for f in lexicon() if f.kind == "question" and f.code == wanted]
    if fiscal_year is not None:
        near = [
            f for f in found if f.first_year - s.year_window <= fiscal_year <= f.last_year + s.year_window
        ]
        found = near or found
    return [f.text for f in found]


def known(kind: str) -> list[str]:
    """Every known form of one kind (``unit``, ``phrase``)."""
    return [f.text for f in lexicon() if f.kind == kind]


def match_units(text: str, s: OcrSettings = DEFAULT) -> Match | None:
    """A responsible cell with each unit name read close to a known one replaced by it:
    ``สำนักปลัดเทศบาล/ทุกกอง``; parts are split at ``/``, ``,`` and a spaced ``และ`` ("สำนักปลัด อบต.
    และทุกกอง": unit names hold และ unspaced, กองสาธารณสุขและสิ่งแวดล้อม) and kept in order."""
    units = known("unit")
    parts = re.split(r"(\s*[/,]\s*|\s+และ\s*)", text)
    out, scores = [], []
    for k, part in enumerate(parts):
        match = _unit(part, units, s) if k % 2 == 0 else None
        out.append(match.text if match else part)
        if match:
            scores.append(match.similarity)
    joined = "".join(out)
    return Match(joined, min(scores)) if scores and joined != text else None


def _unit(part: str, units: list[str], s: OcrSettings) -> Match | None:
    """The unit name a part of a responsible cell was meant to be, when one stands out."""
    read = key(part)
    if not read:
        return None
    scored = sorted(((similarity(read, key(u)), u) for u in units), reverse=True)
    best = scored[0]
    # the margin is over another unit: "สำนักปลัด อบจ." is สำนักปลัด too, and one letter from "… อบต."
    runner_up = next(((v, u) for v, u in scored[1:] if _stem(u) != _stem(best[1])), (0.0, ""))
    near = best[0] >= s.match_unit and best[0] - runner_up[0] >= s.match_unit_margin
    # … or two letters off a name no other unit name comes near ("งานกรการ" for งานธุรการ: 0.78, and 0.60
    # from the next, งานนิติการ)
    alone = best[0] >= s.match_unit_alone and best[0] - runner_up[0] >= s.match_unit_alone_margin
    if not (near or alone) or reworded(read, key(best[1]), s):
        return None
    return None if best[1] == part.strip() else Match(best[1], best[0])


AGENCY_SUFFIX = re.compile(r"(?:อบต|อบจ|ทต|ทม|ทน|เทศบาล)\.?$")


def _stem(unit: str) -> str:
    """A unit name without the agency it belongs to: ``"สำนักปลัด อบต."`` → ``"สำนักปลัด"``."""
    return AGENCY_SUFFIX.sub("", key(unit))


def repeated_forms(items: list[str], s: OcrSettings = DEFAULT) -> dict[str, Match]:
    """Items the report repeats, each misread copy mapped to the copy it was meant to be.

    OCR misreads a phrase differently each time it is printed, so where several items are
    close (``match_repeat``) and none is a rewording of another, the reading that looks
    right (``looks_misread``), then the commonest, then the one nearest to all the others,
    stands for the copies that look misread. Items holding digits or
    month names are left alone: ``๒๒ มกราคม`` and ``๒๕ มีนาคม`` are close and different.
    """
    texts = [t for t in dict.fromkeys(items) if _repeatable(t, s)]
    counts = Counter(t for t in items if t in set(texts))
    keys = {t: key(t) for t in texts}
    out: dict[str, Match] = {}
    for text in texts:
        group = [u for u in texts if similarity(keys[text], keys[u]) >= s.match_repeat]
        group = [u for u in group if not reworded(keys[text], keys[u], s)]
        if len(group) < 2:
            continue
        clean = {u: not looks_misread(u) for u in group}
        best = max(
            group, key=lambda u: (clean[u], counts[u], sum(similarity(keys[u], keys[v]) for v in group))
        )
        if keys[best] != keys[text] and not clean[text]:
            out[text] = Match(best, similarity(keys[text], keys[best]))
    return out


MONTH_WORDS = re.compile(r"มกรา|กุมภา|มีนา|เมษา|พฤษภา|มิถุนา|กรกฎา|สิงหา|กันยา|ตุลา|พฤศจิกา|ธันวา|\.ค\.|\.ย\.|\.พ\.")


def _repeatable(text: str, s: OcrSettings) -> bool:
    """Long enough to be a phrase, and without the digits or months that tell copies apart."""
    letters = sum(1 for ch in text if "\u0e01" <= ch <= "\u0e2e")
    return (
        letters >= s.repeat_min_letters and not re.search(r"[0-9๐-๙]", text) and not MONTH_WORDS.search(text)
    )


def respaced(form: str, read: str, reach: int = 3) -> str:
    """``form`` without the spaces between Thai letters that the scan showed the author did not type.

    Agencies retype an official question with their own spaces ("…ในหน่วยงานหรือไม่" where the
    catalogue has "ในหน่วยงาน หรือไม่"), and a scan shows them: OCR's gaps between words, and at
    a wrap the spacing ``cells.restore_wrap_spaces`` took from the same wording. A junction of
    the form loses its space where the read has none and ``reach`` letters on each side were
    read as the form has them; beside a misread ("ติดต่อมการ" for ติดต่อ มีการ: the gap may have
    gone with the lost mark), or next to a bracket or slash (OCR's gaps there are unreliable), the
    form keeps its own. Spaces are never added: a gap OCR widened ("พัสดุ และ การตรวจรับ")
    would put in one the author did not type. Held-out scans, strict text: 0.556 → 0.567
    (reach 1: 0.556); FY2567 scans 0.611 → 0.604, against 0.590 when the read's spaces were also
    added and its spaces at brackets and slashes taken (a box OCR stretched over a gap costs one
    field: "การดำเนินการดังต่อไปนี้").

    ``respaced("ในหน่วยงาน หรือไม่", "ในหนวยงานหรือไม่")`` → ``"ในหน่วยงานหรือไม่"``
    """
    form_letters, form_spaces = _letters_and_spaces(form)
    read_letters, read_spaces = _letters_and_spaces(read)
    to_read: dict[int, int] = {}
    for tag, f0, f1, r0, _ in Levenshtein.opcodes(form_letters.translate(TO_ARABIC), read_letters.translate(TO_ARABIC)):
        if tag == "equal":
            to_read.update((f0 + k, r0 + k) for k in range(f1 - f0))
    out = ""
    for i, ch in enumerate(form_letters):
        j = to_read.get(i)
        window = range(max(-reach, -i), min(reach, len(form_letters) - i))  # the letters either side, within the text
        same = i > 0 and j is not None and all(to_read.get(i + k) == j + k for k in window)
        thai = is_thai_letter(form_letters[i - 1]) and is_thai_letter(ch) if i else False
        if i in form_spaces and (j in read_spaces or not (same and thai)):
            out += " "
        out += ch
    return out


def _letters_and_spaces(text: str) -> tuple[str, set[int]]:
    """The text without whitespace, and the indices of the letters a space stood before."""
    letters, spaces = "", set()
    for ch in SPACE.sub(" ", unicodedata.normalize("NFC", text.strip())):
        if ch == " ":
            spaces.add(len(letters))
        else:
            letters += ch
    return letters, spaces
