"""Finding relative-location phrases in text: '100 km north of Baghdad', 'near the city of Kut'."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from claimgraph.core.lexicon import alternation, rows, words
from claimgraph.geo.gazetteer import DEMONYMS

_NUMBER_WORDS = {r["word"]: int(r["value"]) for r in rows("geo_number_words")}
_MILES = 1.609344

NUM = (r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
       + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True)) + r")")
_APPROX_WORDS = alternation("geo_approx_words")
APPROX = rf"(?:(?:{_APPROX_WORDS})\s+)?"
UNIT = r"\s*-?\s*(?P<unit>kilomet(?:er|re)s?|kms?|miles?|mi)\b\.?"
# "100 km (62 miles) north of": the bracketed conversion repeats the distance, it is no new fact
CONVERSION = r"(?:\s*[(\[]\s*(?:about\s+|some\s+|around\s+|roughly\s+)?[\d.,]+\s*-?\s*(?:kilomet(?:er|re)s?|kms?|miles?|mi)\.?\s*[)\]])?"
_DIR_CORE = r"north(?:[- ]?(?:east|west))?|south(?:[- ]?(?:east|west))?|east|west"
DIR = rf"(?P<dir>{_DIR_CORE})"
SIDE = rf"(?P<side>(?:{_DIR_CORE})(?:ern)?)"
_ANCHOR_ADJECTIVES = alternation("geo_anchor_adjectives")
_ANCHOR_NOUNS = alternation("geo_anchor_nouns")
CITY_OF = (rf"(?:the\s+(?:(?:{_ANCHOR_ADJECTIVES})\s+)?(?:{_ANCHOR_NOUNS})"
           r"\s+(?:of\s+)?)?")
# an anchor is a capitalised name: up to four words, Arabic particles allowed inside (Qasr-e Shirin, Tal al-Za'tar)
_NAME = (r"(?-i:(?:(?:al|el|ol|ul|as|ash|ad|ar|an)-)?(?:[A-Z][\w'\u2019\u2018`\-]*)(?:\s+(?:(?:" + alternation("geo_anchor_particles") + r")"
         r"[\s\-]+)?[A-Z][\w'\u2019\u2018`\-]*){0,3})")
ANCHOR = rf"(?P<anchor>{_NAME})"
ANCHOR2 = rf"(?P<anchor2>{_NAME})"
DEMONYM = r"(?P<dem>" + "|".join(sorted(DEMONYMS, key=len, reverse=True)) + r")"
BORDER = r"borders?|frontiers?|border\s+(?:area|region|line)"
FROM = r"(?:away\s+)?from\s+(?:the\s+)?"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 100 km north of Baghdad
    ("distance_dir", re.compile(rf"\b{APPROX}{NUM}{UNIT}{CONVERSION}\s+(?:to\s+the\s+|due\s+)?{DIR}\s+of\s+{CITY_OF}{ANCHOR}", re.I)),
    # 40 km from Iranian borders / 100 km from western borders of Iran / 10 km from the border with Iran
    ("distance_border", re.compile(
        rf"\b{APPROX}{NUM}{UNIT}{CONVERSION}\s+{FROM}(?:{SIDE}\s+)?(?:{DEMONYM}\s+)?(?:{BORDER})"
        rf"(?:\s+(?:of|with)\s+(?:the\s+)?{ANCHOR})?", re.I)),
    # 120 km from Baghdad
    ("distance", re.compile(rf"\b{APPROX}{NUM}{UNIT}{CONVERSION}\s+{FROM}{CITY_OF}{ANCHOR}", re.I)),
    # between Baghdad and Kut / on the road from Baghdad to Kut / halfway between ...
    ("between", re.compile(
        rf"\b(?:on\s+the\s+(?:main\s+)?(?:road|highway|route)\s+(?:from|between)\s+{CITY_OF}{ANCHOR}\s+(?:to|and)\s+"
        rf"{CITY_OF}{ANCHOR2})", re.I)),
    ("between", re.compile(
        rf"\b(?:(?:halfway|midway|somewhere)\s+)?between\s+{CITY_OF}{ANCHOR}\s+and\s+{CITY_OF}{ANCHOR2}", re.I)),
    # on the border with Iran / near the Iranian border
    ("on_border", re.compile(
        rf"\b(?P<rel>on|along|at|near|close\s+to|by)\s+the\s+(?:{DEMONYM}\s+)?(?:{BORDER})"
        rf"(?:\s+(?:with|of)\s+(?:the\s+)?{ANCHOR})?", re.I)),
    # near the city of Kut / on the outskirts of Mosul
    ("near", re.compile(
        rf"\b(?:near|nearby|close\s+to|outside|just\s+outside|not\s+far\s+from|on\s+the\s+outskirts\s+of|"
        rf"in\s+the\s+vicinity\s+of|next\s+to)\s+{CITY_OF}{ANCHOR}", re.I)),
    # east of Baghdad (no distance given); "the north of Iraq" is a part of Iraq, not a place beside it
    ("direction", re.compile(rf"(?<!the\s)(?<!north\s)(?<!south\s)(?<!north-)(?<!south-)\b(?:(?:just|due|directly|far)\s+)?{DIR}\s+of\s+{CITY_OF}{ANCHOR}",
                             re.I)),
]

_DIRECTIONS = {"north": "N", "south": "S", "east": "E", "west": "W", "northeast": "NE", "northwest": "NW",
               "southeast": "SE", "southwest": "SW"}
SITE_NOUNS = alternation("geo_unnamed_site_nouns")
_SITE_ADJECTIVES = alternation("geo_site_adjectives")
# "A camp near the city of Meqdadieh": an unnamed site introduced by an indefinite article
UNNAMED_SITE = re.compile(
    rf"\b(?:a|an|another|one|a\s+second|a\s+third)\s+(?:(?:{_SITE_ADJECTIVES})\s+)?"
    rf"(?P<noun>{SITE_NOUNS})\s+(?:(?:located|situated|lying|based)\s+)?$",
    re.I)
# "– Camp Ashraf: ..." list items that name the place they describe before a colon
LIST_HEAD = re.compile(r"^\s*(?:[-\u2013\u2014\u2022*\u00b7]|\d{1,2}[.)])?\s*(?P<head>[^:\n]{2,60}?)\s*:\s")
_NAME_PARTICLES = words("geo_name_particles")


@dataclass
class Phrase:
    """One relative-location phrase found in the text, with its anchor's span."""

    kind: str  # distance_dir | distance | distance_border | on_border | near | direction
    start: int
    end: int
    anchor_start: int | None
    anchor_end: int | None
    anchor_text: str | None
    distance_km: float | None
    direction: str | None  # 8-wind: N, NE, ...
    border_of: str | None  # ISO code from a demonym ("Iranian borders")
    side: str | None  # "western borders" -> W
    near_border: bool = False  # "near the border" (vs "on the border")
    anchor2_start: int | None = None  # "between X and Y": the second reference place
    anchor2_end: int | None = None
    anchor2_text: str | None = None


@dataclass
class Sentence:
    """A sentence clipped to one line (evidence never crosses a newline)."""

    start: int
    end: int
    text: str


def sentences(text: str, doc: Doc) -> Iterator[Sentence]:
    """spaCy's sentences of the text, each cut at line breaks (evidence never crosses a newline).

    A pipeline that sets no sentence boundaries (a blank one) gives one sentence a line."""
    if doc.has_annotation("SENT_START"):
        spans = [(s.start_char, s.end_char) for s in doc.sents]
    else:
        spans = [(0, len(text))]
    for start, end in spans:
        pos = start
        for piece in text[start:end].split("\n"):
            s, e = pos, pos + len(piece)
            pos = e + 1
            s += len(piece) - len(piece.lstrip())
            e -= len(piece) - len(piece.rstrip())
            if e > s:
                yield Sentence(s, e, text[s:e])


def direction_code(word: str) -> str:
    """'north-east', 'northern', 'NE' -> 'NE'."""
    w = re.sub(r"[^a-z]", "", word.lower())
    w = w[:-3] if w.endswith("ern") else w
    return _DIRECTIONS.get(w, w.upper())


def parse_number(text: str) -> float | None:
    """'1,200' -> 1200.0, 'forty' -> 40.0."""
    t = text.lower().strip()
    if t in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[t])
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


def _distance(m: re.Match[str]) -> float | None:
    value = parse_number(m.group("num"))
    if value is None:
        return None
    unit = (m.group("unit") or "km").lower()
    return round(value * _MILES, 1) if unit.startswith("mi") else value


def _trim_anchor(m: re.Match[str]) -> tuple[int, int, str] | None:
    if "anchor" not in m.re.groupindex or m.group("anchor") is None:
        return None
    start, end = m.span("anchor")
    text = m.group("anchor")
    # a trailing possessive or sentence-initial word after the name is not part of it
    text = re.sub(r"(?:['\u2019]s?|-)$", "", text)
    return start, start + len(text), text


_PHRASE_GATE_WORDS = alternation("geo_phrase_gate_words")
# every pattern needs a distance, a border, a nearness word or a compass direction: sentences
# with none of them (most of a news article) skip the pattern loop
_GATE = re.compile(rf"\d|\b(?:{_PHRASE_GATE_WORDS})", re.I)


# sentences that passed the gate and hold no phrase (the last few hundred): two stages (geo.mentions, geo.resolve) read
# every sentence of a document, and the second need not run the patterns again where the first found nothing
_NO_PHRASE: dict[str, None] = {}
_NO_PHRASE_KEPT = 512


def find_phrases(sentence: str, offset: int = 0) -> list[Phrase]:
    """Every relative-location phrase in one sentence; overlapping weaker readings are dropped."""
    if not _GATE.search(sentence) or sentence in _NO_PHRASE:
        return []
    found = _find_phrases(sentence, offset)
    if not found:
        if len(_NO_PHRASE) >= _NO_PHRASE_KEPT:
            _NO_PHRASE.clear()  # one step, safe beside another thread's reads
        _NO_PHRASE[sentence] = None
    return found


def _find_phrases(sentence: str, offset: int) -> list[Phrase]:
    found: list[Phrase] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(sentence):
            s, e = m.span()
            if any(s < te and e > ts for ts, te in taken):
                continue
            anchor = _trim_anchor(m)
            groups = m.groupdict()
            dem = groups.get("dem")
            border_of = DEMONYMS.get(dem.lower()) if dem else None
            if kind in ("distance_border", "on_border") and not anchor and not border_of:
                continue  # "40 km from the border": whose border is unknown
            direction = direction_code(groups["dir"]) if groups.get("dir") else None
            side = direction_code(groups["side"]) if groups.get("side") else None
            distance = _distance(m) if groups.get("num") else None
            if kind == "on_border":
                rel = (groups.get("rel") or "").lower()
                distance = 0.0
                near_border = rel.startswith(("near", "close", "by"))
            else:
                near_border = False
            if anchor is None and kind not in ("distance_border", "on_border"):
                continue
            a_start, a_end, a_text = anchor if anchor else (None, None, None)
            phrase = Phrase(kind, offset + s, offset + (a_end if a_end is not None else e),
                            offset + a_start if a_start is not None else None,
                            offset + a_end if a_end is not None else None, a_text, distance, direction,
                            border_of, side, near_border)
            if groups.get("anchor2"):
                b_start, b_end = m.span("anchor2")
                b_text = re.sub(r"(?:['\u2019]s?|-)$", "", m.group("anchor2"))
                phrase.anchor2_start, phrase.anchor2_end = offset + b_start, offset + b_start + len(b_text)
                phrase.anchor2_text = b_text
                phrase.end = phrase.anchor2_end
            found.append(phrase)
            taken.append((s, e))
    return sorted(found, key=lambda p: p.start)


def list_head(sentence: str) -> tuple[int, int] | None:
    """Offsets (within the sentence) of the name a 'Name: description' list item begins with."""
    m = LIST_HEAD.match(sentence)
    if not m:
        return None
    head = m.group("head")
    # only a name: capitalised words (particles allowed), few of them, no clause
    words = head.split()
    if not words or len(words) > 6 or not words[0][:1].isupper():
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _NAME_PARTICLES for w in words):
        return None
    return m.span("head")


def unnamed_site(sentence: str, phrase_start: int) -> re.Match[str] | None:
    """'A camp' right before a phrase that starts at `phrase_start` (offset within the sentence)."""
    return UNNAMED_SITE.search(sentence[:phrase_start])
