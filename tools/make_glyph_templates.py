#!/usr/bin/env python3
"""Build ``extract/page/ocr/glyph_templates.npz``: glyph features of Thai digits and their look-alikes.

    python tools/make_glyph_templates.py [--faces DIR] [FONT_DIR_OR_FILE ...]

Renders every label below in every upright face found (default: the TLWG Thai fonts,
Debian's ``fonts-thai-tlwg``: Laksaman is TH Sarabun PSK, the government's font; Kinnari,
Norasi and Garuda stand in for Angsana, Browallia and Tahoma-like faces), at a large size
and at a scan's size with blur, and stores each glyph as ``glyphs.describe`` does for a
scanned one. A label a face has no glyph for is skipped (a face without Latin letters
must not give its .notdef box as an "A"). The shipped file is built from the TLWG faces alone
(the command with no argument). Other designs were tried in issue 16's session 11 and left out:
Arundina's templates lifted scans set in Arundina (judge set 7: scores F1 0.43 → 0.84) but cost
scans in five SIPA faces none of them knows (development set devth: overall 0.722 → 0.717) and a
TLWG scan a score ("๗๖.๐๘" read "๗ ๖ ๐๕", devsc syn00093); Noto Sans/Serif Thai's round ๐ took a
Latin o ("Policy" read "P๐", devs7n syn00018). Nearest-neighbour over one pool lets a foreign face's
glyph win on a page of another face; a face is worth adding only where its documents are common.

So other faces are kept apart, each family its own set (``--faces DIR``: every .ttf there, a family
being the file name without ``-Bold``), never pooled: a page is read with the pool unless its glyphs
are clearly nearer to one family's (``faces.page_face``). Issue 16's session 13 added 22 families
this way, the faces development and retired judge sets were set in: SIPA's TH Sarabun New, TH
Sarabun, TH Niramit AS, TH K2D July8, TH Chakra Petch, TH Baijam, TH KoHo, TH Kodchasal, TH
Fahkwang, TH Srisakdi, TH Krub, TH Mali Grade 6 (``odoo-addon-l10n-th-fonts`` and SIPA's
releases), Google's Sarabun, Kanit, Prompt, Taviraj, Trirong, Maitree and IBM Plex Sans Thai
Looped (npm ``@fontsource/*`` 5.3.0, Thai and Latin subsets merged with fontTools; PyPI
``fontpkg-*``), and Arundina Sans, Serif and Sans Mono.

The labels besides the digits are what a digit may be mistaken for (Thai letters, Latin
letters, Arabic digits, punctuation): a glyph is called a digit only when no template of
those is nearer. Needed once, when the label set or the features change;
the file is committed (about 1 MB) so that users need no fonts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFilter, ImageFont

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO.parent))

from ita_extract.extract.page.ocr.glyphs import POOL, SIDE, TEMPLATES, describe  # noqa: E402

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
LABELS = (
    THAI_DIGITS
    + "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
    + "ะาเแโใไๆฯ"
    + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    + "()./-:%@,;"
)
SKIP = ("Oblique", "Italic")  # slanted faces: reports set their digits upright
SIZES = ((64, 0.0), (30, 0.7))  # (pixels per em, blur radius): a clean glyph and a scan's


def render(font: ImageFont.FreeTypeFont, text: str, blur: float) -> tuple[np.ndarray, float]:
    """Ink of ``text`` drawn on its baseline, and the baseline's row."""
    size = font.size
    canvas = Image.new("L", (size * 4, size * 4), 255)
    base = size * 2.5
    ImageDraw.Draw(canvas).text((size, base), text, font=font, fill=0, anchor="ls")
    if blur:
        canvas = canvas.filter(ImageFilter.GaussianBlur(blur))
    return np.asarray(canvas) < 128, base


def font_files(args: list[str]) -> list[Path]:
    """The upright .ttf faces named or found in the named folders, in order."""
    out = []
    for arg in args or ["/usr/share/fonts/truetype/tlwg"]:
        path = Path(arg)
        found = sorted(path.glob("*.ttf")) if path.is_dir() else [path]
        if not found or not all(p.is_file() for p in found):
            sys.exit(f"no fonts at {path} (apt-get install fonts-thai-tlwg)")
        out += [p for p in found if not any(s in p.stem for s in SKIP)]
    return out


def family(path: Path) -> str:
    """A face file's family: its name without the weight (``Maitree-Bold.ttf`` → ``Maitree``)."""
    return path.stem.removesuffix("-Bold")


def arguments(args: list[str]) -> tuple[list[Path], list[Path]]:
    """The pool's font files and the separately kept faces' (``--faces DIR``)."""
    faces: list[Path] = []
    while "--faces" in args:
        k = args.index("--faces")
        faces += font_files(args[k + 1 : k + 2])
        args = args[:k] + args[k + 2 :]
    return font_files(args), faces


def main() -> None:
    pool, separate = arguments(sys.argv[1:])
    fonts = pool + separate
    labels, shapes, aspects, heights, feet, faces = [], [], [], [], [], []
    for path in fonts:
        face = POOL if path in pool else family(path)
        cmap = TTFont(str(path)).getBestCmap()  # the characters the face has a glyph for
        for size, blur in SIZES:
            font = ImageFont.truetype(str(path), size)
            ink, base = render(font, "ก", blur)
            rows = np.flatnonzero(ink.any(axis=1))
            letter_height = float(rows[-1] + 1 - rows[0])
            for label in LABELS:
                if ord(label) not in cmap:
                    continue
                ink, base = render(font, label, blur)
                glyph = describe(ink, base, letter_height)
                if glyph is None:
                    continue
                labels.append(label)
                shapes.append(np.round(glyph.shape * 127).astype(np.int8))
                aspects.append(glyph.aspect)
                heights.append(glyph.height)
                feet.append(glyph.foot)
                faces.append(face)
    out = Path(os.environ.get("GLYPH_TEMPLATES_OUT", REPO / "extract" / "page" / "ocr" / TEMPLATES))
    np.savez_compressed(out, labels=np.array(labels), shapes=np.stack(shapes), aspects=np.array(aspects, np.float32),
                        heights=np.array(heights, np.float32), feet=np.array(feet, np.float32),
                        faces=np.array(faces))  # fmt: skip
    print(f"{out}: {len(labels)} glyphs of {len(set(labels))} labels from {len(fonts)} fonts "
          f"({len(set(faces) - {POOL})} families apart), "
          f"{SIDE}x{SIDE}, {out.stat().st_size // 1024} KiB")  # fmt: skip


if __name__ == "__main__":
    main()
