"""Name forms for cross-document matching: name words, spelling skeletons, acronyms, name cores and 'of X' tails.

Pure functions of names, no store: transliteration skeletons (Saeed/Saeid, Mojahedin/Mujahedin), acronyms
(MKO from Mojahedin-e Khalq Organization), name cores (long and short forms), and the checks that keep two
names apart (different 'of ...' tails, people whose full names disagree, descriptions that are no name).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from claimgraph.geo.translit import DIGRAPHS
from claimgraph.linking.schema import load_schema
from claimgraph.resolve.names import is_acronym, norm_name

# one transliteration table for names and places alike (core/lexicons/geo_translit_digraphs.tsv)
_DIGRAPHS = DIGRAPHS
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLE = re.compile(r"(\w)\1+")
_DESCRIPTIVE_LEAD = {"this", "that", "these", "those", "its", "their", "his", "her", "our", "said"}


def tokens(name: str) -> list[str]:
    """Normalised name words without particles (the, of, -e, al-)."""
    stop = load_schema().name_stopwords
    return [t for t in norm_name(name).replace(".", "").split() if t not in stop]


@lru_cache(maxsize=65536)
def token_skeleton(token: str) -> str:
    """A word's consonant skeleton: romanisation variants of one name meet (Mohammed, Mohammad → mhmd)."""
    if len(token) <= 3 or not token.isalpha():
        return token
    s = token
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    # doubled letters are spelling (Massoud, Masoud); consonants that meet once vowels go are not
    s = _DOUBLE.sub(r"\1", s)
    head = "a" if s[0] in "aeiouy" else s[0]
    return head + _VOWELS.sub("", s[1:])


def skeleton(name: str) -> str:
    """Skeleton of a whole name (word order kept)."""
    return " ".join(token_skeleton(t) for t in tokens(name))


def acronyms_of(name: str) -> set[str]:
    """Acronyms a long name may go by: all initials, without particles, without designators."""
    words = [w for w in norm_name(name).replace(".", "").split() if w != "the"]
    if len(words) < 2:
        return set()
    schema = load_schema()
    content = [w for w in words if w not in schema.name_stopwords]
    bare = [w for w in content if w not in schema.org_designators]
    out = {"".join(w[0] for w in v) for v in (words, content, bare) if len(v) >= 2}
    return {a for a in out if len(a) >= 3}


def bare(name: str) -> str | None:
    """Skeleton without designator words (Organization, Group, Party): the same name with or without them."""
    schema = load_schema()
    words = [w for w in tokens(name) if w not in schema.org_designators]
    key = " ".join(token_skeleton(w) for w in words)
    return key if len(words) >= 2 and len(key.replace(" ", "")) >= 5 else None


def core(name: str) -> str | None:
    """The distinctive part of an organization's name: designators and a trailing 'of X' dropped
    (two names whose 'of X' parts differ are kept apart by `of_tail`)."""
    words = norm_name(name).replace(".", "").split()
    if "of" in words and words.index("of") >= 2:
        words = words[: len(words) - 1 - words[::-1].index("of")]
    schema = load_schema()
    kept = [token_skeleton(w) for w in words if w not in schema.name_stopwords and w not in schema.org_designators]
    key = " ".join(kept)
    return key if len(key.replace(" ", "")) >= 4 else None


def of_tail(name: str) -> str | None:
    """Skeleton of what follows a name's last 'of' ("US Department of State" -> "stt"), None without one."""
    words = norm_name(name).replace(".", "").split()
    if "of" not in words or words.index("of") < 1 or words[-1] == "of":
        return None
    last = len(words) - 1 - words[::-1].index("of")
    return " ".join(token_skeleton(w) for w in words[last + 1:] if w not in load_schema().name_stopwords) or None


def tails_disagree(names: set[str], group_names: set[str]) -> bool:
    """True when both sides name an 'of X' and no X is shared: Department of State is not Department of Defense."""
    own = {t for t in map(of_tail, names) if t}
    theirs = {t for t in map(of_tail, group_names) if t}
    return bool(own and theirs and not own & theirs)


def _acronym_words(name: str) -> list[str]:
    """The words of a long name whose initials an acronym may take (hyphenated parts count: Mojahedin-e Khalq)."""
    return [w for w in re.split(r"[\s\-/]+", norm_name(name).replace(".", "")) if w]


def acronym_fits(acronym: str, name: str) -> bool:
    """True when the acronym's letters fit the name: word initials in order, particles skippable, a word
    giving more than its first letter (BIAP: Baghdad International AirPort), or the initials of the
    content words in another order (a name translated from another language: FARC).
    """
    letters = [c for c in acronym.lower() if c.isalnum()]
    words = _acronym_words(name)
    if not letters or len(words) < 2:
        return False

    @cache
    def fit(i: int, j: int) -> bool:
        # letters[i:] from words[j:]: each used word gives its initial, then maybe later letters of itself
        if i == len(letters):
            return True
        for k in range(j, len(words)):
            word = words[k]
            if word[0] != letters[i]:
                continue
            pos, n = 1, i + 1
            if fit(n, k + 1):
                return True
            while n < len(letters):
                pos = word.find(letters[n], pos) + 1
                if pos == 0:
                    break
                n += 1
                if fit(n, k + 1):
                    return True
        return False

    if fit(0, 0):
        return True
    stop = load_schema().name_stopwords
    return sorted(letters) == sorted(w[0] for w in words if w not in stop)


def is_matchable(name: str) -> bool:
    """False for descriptions ("the group", "this organization") that must never join entities."""
    key = norm_name(name)
    if not key:
        return False
    words = key.split()
    generic = load_schema().generic_names
    if words[0] in _DESCRIPTIVE_LEAD or key in generic:
        return False
    if name == name.lower() and any(w in generic for w in words):  # "the organization's leaders"
        return False
    return len(key) > 1 or is_acronym(name)


def persons_compatible(names_a: set[str], names_b: set[str]) -> bool:
    """False when two people's full names disagree (Massoud Rajavi vs Massoud Banisadr, Maryam vs Massoud Rajavi)."""
    full_a = [tokens(n) for n in names_a if len(tokens(n)) >= 2 and not is_acronym(n)]
    full_b = [tokens(n) for n in names_b if len(tokens(n)) >= 2 and not is_acronym(n)]
    for a in full_a:
        for b in full_b:
            if token_skeleton(a[-1]) != token_skeleton(b[-1]):
                return False
            first_a, first_b = a[0], b[0]
            if len(first_a) == 1 or len(first_b) == 1:  # an initial: G. Bush
                if first_a[0] != first_b[0]:
                    return False
            elif token_skeleton(first_a) != token_skeleton(first_b):
                return False
    return True

