"""Matching keys for place names that survive the many romanisations of Arabic and Persian."""

from __future__ import annotations

import re
import unicodedata

from claimgraph.core.lexicon import alternation, mapping, rows, words
from claimgraph.resolve.names import fold

_TRANSLIT_ARTICLES = alternation("geo_translit_articles")
# Arabic definite article as romanised: al-, el-, and its sun-letter assimilations (as-, ar-, an-, ...)
_ARTICLE = re.compile(rf"^(?:{_TRANSLIT_ARTICLES})[\s-]+(?=\w{{2}})")
_GENERIC_LEAD_NOUNS = alternation("geo_generic_lead_nouns")
# generic words around a place name in running text ("the city of Kut", "Diyala province")
_GENERIC_LEAD = re.compile(rf"^(?:the\s+)?(?:{_GENERIC_LEAD_NOUNS})\s+of\s+|^county\s+(?=\S{{3}})")
_GENERIC_TAIL_NOUNS = alternation("geo_generic_tail_nouns")
# natural features named after their land ("Sulu Archipelago", "Swat Valley", "Jolo island") are that land
_GENERIC_TAIL = re.compile(rf"\s+(?:{_GENERIC_TAIL_NOUNS})$")
_LEAD_THE = re.compile(r"^the\s+")
# apostrophes and the Arabic ayn/hamza marks carry no letter in English spellings
_MARKS = re.compile(r"['`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4]")
_ASCII_QUOTES = str.maketrans({"`": "'"})
_NON_WORD = re.compile(r"[^a-z0-9\s]")
_SPACES = re.compile(r"\s+")

# feminine/adjectival endings -iyah, -iya, -ieh, -iyeh, -ie, -ia, -iyyah all meet at one form
_SUFFIX = re.compile(r"(?:iy+a+h?|iy+e+h?|ie+h?|ia+h?|ije|iyya)$")
# final -ah / -eh / -a / -e: ta marbuta written or not
_FINAL_H = re.compile(r"(?<=[aeiou])h$")

# consonant classes: letters English romanisations use interchangeably
DIGRAPHS: tuple[tuple[str, str], ...] = tuple((r["from"], r["to"]) for r in rows("geo_translit_digraphs"))
_DIGRAPHS = DIGRAPHS
_QU = re.compile(r"qu(?=[aeiou])")  # French-style "qu" for q (Khanaquin)
_VOWEL_MAP = str.maketrans({"e": "i", "o": "u", "y": "i"})
_NO_VOWELS = str.maketrans("", "", "aiu")
# apostrophes and ayn/hamza marks vanish; every other ASCII sign separates words
_PUNCT = str.maketrans({**{ch: " " for ch in "!\"#$%&()*+,-./:;<=>?@[\\]^_{|}~"},
                        **{ch: None for ch in "'`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4"}})
_DOUBLE = re.compile(r"(\w)\1+")
_CONNECTORS = words("geo_name_connectors")


# Latin letters that carry no combining mark, so NFKD leaves them alone
_LETTERS = str.maketrans(mapping("geo_latin_letters"))
# Latin blocks, combining marks, modifier letters (ʿ ʼ) and typographic quotes and dashes
_LATIN = re.compile(r"^[\x00-\u024f\u02b0-\u036f\u1e00-\u1eff\u2010-\u201f]+$")


def ascii_fold(text: str) -> str:
    """Diacritics off, quotes unified, lower-cased; other scripts are kept as they are."""
    if text.isascii():
        return text.translate(_ASCII_QUOTES).lower()
    return unicodedata.normalize("NFC", fold(text.lower().translate(_LETTERS)))


def is_latin(text: str) -> bool:
    """True when the name is written in Latin letters (the only ones English text uses)."""
    return bool(text) and (text.isascii() or _LATIN.match(text) is not None)


def strip_generic(name: str) -> str:
    """'the city of Kut' -> 'Kut', 'Diyala province' -> 'Diyala' (case kept)."""
    s = name.strip()
    low = s.lower()
    for pattern in (_GENERIC_LEAD, _LEAD_THE):
        m = pattern.match(low)
        if m:
            s, low = s[m.end():], low[m.end():]
    m = _GENERIC_TAIL.search(low)
    if m and m.start() > 2:
        s = s[:m.start()]
    return s.strip()


def norm_place(name: str) -> str:
    """Exact-match key: folded, lower-case, punctuation and the Arabic article removed."""
    # str.translate and split do in one pass what a chain of regular expressions would
    s = ascii_fold(name).translate(_PUNCT)
    if not s.isascii():
        s = _NON_WORD.sub(" ", _MARKS.sub("", s))
    s = " ".join(s.split())
    if s[:1] in ("a", "e", "u", "i", "o"):
        s = _ARTICLE.sub("", s)
    return s


def _ending(s: str) -> str:
    """One form for the endings romanisations write differently (-iyah/-ia, -ah/-a, -eh/-e)."""
    if s[-1:] in ("a", "e", "h"):
        s = _SUFFIX.sub("ia", s)
        s = _FINAL_H.sub("", s)
        if s.endswith("e") and len(s) > 3:
            s = s[:-1] + "a"  # ta marbuta as -a, -ah, -eh or -e: one ending (Firuza, Firuzeh)
    return s


def _phonetic_words(s: str) -> str:
    if " " in s:
        # connectors are translated ("va" -> "and") or dropped ("Qasr-e Shirin"): none of them counts;
        # every word keeps its own ending rule ("Qarah Bagh" is "Qara Bagh")
        parts = [_ending(w) for w in s.split(" ") if w not in _CONNECTORS]
        s = "".join(parts) if parts else s.replace(" ", "")
    s = _ending(s)
    if "qu" in s:
        s = _QU.sub("k", s)
    for a, b in _DIGRAPHS:
        if a in s:
            s = s.replace(a, b)
    # w and u alternate as the same sound (Kuwait/Kowait, Hawija/Huwija)
    s = s.replace("w", "u") if len(s) > 3 else s
    s = s.translate(_VOWEL_MAP)
    if s.endswith("h") and len(s) > 3:
        s = s[:-1]  # a final h after a consonant is not written in every spelling
    return _DOUBLE.sub(r"\1", s)


def translit_key(name: str) -> str:
    """Spelling-tolerant key: vowels unified, doubled letters single, q/gh/k and kh/h merged."""
    return _phonetic_words(norm_place(name))


def _skeleton(t: str) -> str:
    if not t:
        return ""
    rest = t[1:].translate(_NO_VOWELS)
    head = t[0] if t[0] not in "aiu" else ""
    # g for q (Qayyarah/Gayara, Qotbabad/Gotbabad) joins the bucket; the edit still costs in the score
    return _DOUBLE.sub(r"\1", (head + rest).replace("g", "k"))


def skeleton_key(name: str) -> str:
    """Consonant skeleton of the transliteration key (vowels dropped after the first letter)."""
    return _skeleton(translit_key(name))


def name_keys(name: str) -> tuple[str, str, str]:
    """(exact, transliteration, skeleton) keys of a name, computed together."""
    n = norm_place(name)
    t = _phonetic_words(n) if n else ""
    return n, t, _skeleton(t)
