"""Name normalisation used for matching (never applied to the stored text)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# an entity no name of its text stands for ('gunmen', 'the attackers') is kept to its document: the analysis puts
# the document's id under DOCUMENT_LOCAL (a hint, never stored) and LOCAL_MARK (stored) in its attributes
DOCUMENT_LOCAL = "_document"
LOCAL_MARK = "document_local"

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-"})
_LEADING = re.compile(r"^(the|a|an|former|ex)\s+")
_POSSESSIVE = re.compile(r"'s?\b|(?<=s)'(?=\s|$)")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Strip diacritics and unify quotes and dashes; case and words are kept."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.translate(_QUOTES)


@lru_cache(maxsize=200_000)
def norm_name(text: str) -> str:
    """Matching key of a name: folded, lower-cased, no possessive, hyphens and extra spaces removed."""
    s = fold(text).lower()
    s = _POSSESSIVE.sub("", s)
    s = re.sub(r"[-_/]", " ", s)
    s = re.sub(r"[^\w\s&.]", "", s)
    s = re.sub(r"\.(?=\s|$)", "", s) if not re.fullmatch(r"(\w\.)+", s.strip()) else s.replace(".", "")
    s = re.sub(r"\s+", " ", s).strip()
    while True:
        stripped = _LEADING.sub("", s)
        if stripped == s:
            break
        s = stripped
    return s


def is_acronym(text: str) -> bool:
    """True for forms like MKO, PMOI, U.S., A.I.P.A.C."""
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 8 and bare.isupper() and bare.isalpha()
