"""Words Tesseract read as Latin letters inside Thai text, read again with the Thai model alone.

With ``tha+eng`` (needed for codes such as E1 and EIT) the English model sometimes wins a
faint Thai word the Thai model was unsure of: "USMS" for "บริหาร", "OU" for "งาน", "fu" for
"ณ", "mA." for "ทต.". Such a word, low in confidence, on a page of Thai text and holding no
digit (codes have digits), is cut out of the page image and read again as one line
(``--psm 7``), or as one word (``--psm 8``) where the line reading finds no Thai, with ``-l tha``. The Thai reading replaces the Latin one only when Tesseract is surer of it, so
a real Latin word ("IT", "Facebook"), which the Thai model reads badly, stays.
"""

from __future__ import annotations

import re
from dataclasses import replace
from statistics import fmean

from PIL import Image

from .settings import DEFAULT, OcrSettings
from .tesseract import OcrLine, OcrWord, parse_hocr, run_tesseract

LATIN_ONLY = re.compile(r"[A-Za-z][A-Za-z.:;,'\-]*")
THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
# A code whose Thai digits the English model read as small letters ("Ea" for "E๓"), and the tool
# names: left to the code mending that follows (lines.mend_codes), which reads their digits by shape.
CODE_LIKE = re.compile(r"[EIO][a-z]{0,2}|[EIO]IT|ITA|IT")


def suspects(lines: list[OcrLine], s: OcrSettings = DEFAULT) -> list[tuple[int, int]]:
    """(line, word) indices of Latin words Tesseract was unsure of, on a page of Thai text.

    The page, not the word's neighbours, says the text is Thai: a word wrapped alone onto
    its line in a narrow column ("บริหาร" under "รายงานผู้") has no neighbour.
    """
    words = [w for line in lines for w in line.words]
    thai = sum(1 for w in words if THAI_LETTER.search(w.text))
    if not words or thai < s.reread_thai_share * len(words):
        return []
    found = [
        (i, k)
        for i, line in enumerate(lines)
        for k, word in enumerate(line.words)
        if LATIN_ONLY.fullmatch(word.text) and not CODE_LIKE.fullmatch(word.text) and word.conf < _doubt(word, s)
    ]
    return found[: s.reread_max_words]


def _doubt(word: OcrWord, s: OcrSettings) -> float:
    """The confidence below which a Latin word on a Thai page is read again: higher for one ending
    in a full stop, the mark of a Thai abbreviation the English model took (``U.A.`` for ม.ค.,
    ``W.A.`` for พ.ศ., ``OUG.`` for อบต., read at 73-87), which Latin text in a Thai report rarely is."""
    return s.reread_below_dotted if word.text.endswith(".") else s.reread_below


def reread_latin(lines: list[OcrLine], image: Image.Image, dpi: int, s: OcrSettings = DEFAULT) -> list[OcrLine]:
    """``lines`` with each suspect Latin word replaced by its Thai reading where that is surer."""
    thai = replace(s, lang="tha")
    out = list(lines)
    for i, k in suspects(lines, s):
        word = out[i].words[k]
        better = _read_thai(word, image, dpi, thai)
        if better is not None:
            words = (*out[i].words[:k], better, *out[i].words[k + 1:])
            out[i] = replace(out[i], words=words)
    return out


def _read_thai(word: OcrWord, image: Image.Image, dpi: int, s: OcrSettings) -> OcrWord | None:
    """The word's box read as Thai, as one line and then, where that finds nothing Thai, as one
    word (``reread_psms``): a word of Thai letters surer than the Latin reading, or None.
    A crop of two or three letters ("mA." for ทต.) often gives nothing as a line."""
    pad = s.reread_pad * (word.bottom - word.top)
    box = (word.x0 - pad, word.top - 2 * pad, word.x1 + pad, word.bottom + pad)
    crop = image.crop(tuple(round(v) for v in box))
    for psm in s.reread_psms:
        glyphs = [w for line in parse_hocr(run_tesseract(crop, dpi, s, psm=psm)) for w in line.words]
        # a bar is the crop's edge cutting the next glyph, or a rule's remnant: Thai text has none
        text = "".join(w.text for w in glyphs).replace("|", "")
        if glyphs and THAI_LETTER.search(text) and not LATIN_ONLY.search(text):
            conf = fmean(w.conf for w in glyphs)
            return replace(word, text=text, conf=conf) if conf > word.conf else None
    return None
