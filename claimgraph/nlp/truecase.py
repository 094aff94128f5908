"""Truecasing for text written all in lower case or all in capitals, character for character the same length.

The small spaCy model finds names by their capitals; a chat log, a transcript or a telex in one case gives it none.
Where a document (or a long paragraph of it) is mostly lower case or mostly capitals, each word gets the casing it
usually has in cased news and reference text (the table `data/truecase.tsv`, made by `scripts/train_truecase.py`,
with the word before or after deciding for words written both ways), a sentence's first word gets a capital, and
'i' is 'I'. Only letters whose other case is one character change, so every offset still indexes the stored text.
Normal text is never touched: a headline in capitals is too short to switch the body on.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from claimgraph.core import lexicon

TABLE = Path(__file__).with_name("data") / "truecase.tsv"
WORD = re.compile(r"[^\W\d_]+")
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
# a text of fewer words is left as it is (too little to tell its case from chance)
MIN_WORDS = 15
# a paragraph of fewer words takes the document's mode (a headline, a signature, a date line, a quoted line)
PARAGRAPH_MIN_WORDS = 60
# in cased English a tenth of the words or more begin with a capital (sentence starts, names); below this share the
# text is lower-cased
LOWER_SHARE = 0.03
# words of two letters or more all in capitals, as a share of all such words, above which the text is in capitals
UPPER_SHARE = 0.7
# ... with lower-case words under this share (a table of names in capitals under a cased caption is not in capitals)
LOWER_IN_UPPER = 0.1
# a word the table does not know (it lists every word cased text showed) is taken for a name, or for an acronym when
# it is this short ('mko', 'pkk')
ACRONYM_MAX_LENGTH = 3
# a short unknown word without a vowel, or opening with two consonants no word opens with (lexicon
# truecase_onsets), is an acronym; one that is a known word plus an ending (truecase_endings) is a word
_VOWELS = frozenset("aeiouy")
_SENTENCE_END = ".!?"
_OPENERS = " \t\"'([\u201c\u2018\u00ab*\u2022\u2012\u2013\u2014-"
# a line shorter than this that ends without punctuation is a heading: the next line starts a sentence
_HEADING_MAX = 40
# between two words, only these (or a lone full stop, as in 'u.s') keep them one phrase: the neighbour's vote counts
_PHRASE_GAP = frozenset(" -'\u2019")
# an acronym in brackets after the name it abbreviates ('the red harbor front (rhf)')
_BRACKETED = re.compile(r"\(([^\W\d_]{2,8})\)")

Table = tuple[dict[str, str], dict[tuple[str, str], str]]


@lru_cache(maxsize=1)
def table() -> Table:
    """(word -> usual form, (context, word) -> form), context '<w' after word w, '>w' before it."""
    usual: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    with TABLE.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            context, _, form = line.rstrip("\n").rpartition("\t")
            if context:
                pairs[(context, form.lower())] = form
            else:
                usual[form.lower()] = form
    return usual, pairs


def mode(text: str, min_words: int = MIN_WORDS) -> str | None:
    """'lower' when `text` is mostly lower case, 'upper' when mostly capitals, None when cased (or too short)."""
    words = [(m.group(), m.start()) for m in WORD.finditer(text)]
    if len(words) < min_words:
        return None
    long_words = [w for w, _ in words if len(w) > 1]
    capitals = sum(1 for w in long_words if w.isupper())
    lower = sum(1 for w in long_words if w.islower())
    if long_words and capitals >= UPPER_SHARE * len(long_words) and lower < LOWER_IN_UPPER * len(long_words):
        return "upper"
    if sum(1 for w, _ in words if w[0].isupper()) >= LOWER_SHARE * len(words):
        return None
    # cased text that happens to hold few names still opens its sentences with capitals
    starts = [w for w, at in words if sentence_start(text, at)]
    return "lower" if sum(1 for w in starts if w.islower()) > len(starts) / 2 else None


def truecase(text: str) -> str:
    """`text` with its lower-case or all-capitals stretches truecased; the same length, cased text unchanged."""
    if not any(ch.isalpha() for ch in text):
        return text
    whole = mode(text)
    bounds = _paragraphs(text)
    chars: list[str] | None = None
    for start, end in bounds:
        part = text[start:end]
        own = mode(part, PARAGRAPH_MIN_WORDS) if len(WORD.findall(part)) >= PARAGRAPH_MIN_WORDS else whole
        if own is None:
            continue
        if chars is None:
            chars = list(text)
        chars[start:end] = case_stretch(part, own)
    return text if chars is None else "".join(chars)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the blank-line separated paragraphs of `text`, covering it."""
    out, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        out.append((start, m.start()))
        start = m.start()
    out.append((start, len(text)))
    return out


def case_stretch(text: str, how: str) -> str:
    """One stretch in one case ('lower' or 'upper') given the casing of cased text; the same length."""
    usual, pairs = table()
    base = "".join(_swap(ch, ch.lower()) for ch in text) if how == "upper" else text
    chars = list(base)
    words = [(m.group(), m.start()) for m in WORD.finditer(base)]
    for k, (word, start) in enumerate(words):
        if how == "lower" and not word.islower():
            continue  # the writer's own capitals stay
        low = word
        form = None
        if k > 0 and _one_phrase(base, words[k - 1], start):
            form = pairs.get(("<" + words[k - 1][0].lower(), low))
        if form is None and k + 1 < len(words) and _one_phrase(base, (word, start), words[k + 1][1]):
            form = pairs.get((">" + words[k + 1][0].lower(), low))
        if form is None and len(low) == 1 and start > 1 and base[start - 1] == "." and base[start - 2].isalpha():
            # a letter of an abbreviation ('u.s', 'a.k.a') takes the case of the letter before it
            form = low.upper() if chars[start - 2].isupper() else low
        if form is None:
            form = usual.get(low) or _unknown(low, usual)
        if len(form) != len(low):
            form = low
        if sentence_start(base, start):
            form = _swap(form[0], form[0].upper()) + form[1:]
        for i, (old, new) in enumerate(zip(low, form, strict=True)):
            if old != new:
                chars[start + i] = _swap(old, new)
    _spell_out(base, chars, words)
    return "".join(chars)


def _spell_out(base: str, chars: list[str], words: list[tuple[str, int]]) -> None:
    """Capitalise the words before a bracketed acronym whose initials spell it, and the acronym: a name, in any case.

    The table knows 'red' and 'front' as common words; only the acronym after them says they form a name. Letters in
    brackets that spell nothing before them stay as written when short: a guessed acronym would make a body of them.
    """
    skips = lexicon.words("truecase_acronym_skips")
    for m in _BRACKETED.finditer(base):
        letters = m.group(1).lower()
        need, picked = len(letters) - 1, []
        for word, start in reversed([w for w in words if w[1] + len(w[0]) <= m.start()]):
            if need < 0 or base[start + len(word) : m.start()].count("\n") > 1:
                break
            if word.lower()[0] == letters[need]:
                picked.append(start)
                need -= 1
            elif word.lower() not in skips:
                break
        if need >= 0:
            if len(letters) <= ACRONYM_MAX_LENGTH + 1:
                for i in range(m.start(1), m.end(1)):
                    chars[i] = base[i]
            continue
        for start in [*picked, *range(m.start(1), m.end(1))]:
            chars[start] = _swap(chars[start], chars[start].upper())


def _unknown(word: str, usual: dict[str, str]) -> str:
    """The casing of a word cased text never showed: most likely a name (foreign names, places) or an acronym."""
    if len(word) < 2:
        return word
    for ending in lexicon.word_list("truecase_endings"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 2 and any(usual.get(s, "A").islower() for s in (stem, stem + "e")):
            return word
    if len(word) <= ACRONYM_MAX_LENGTH or (len(word) <= 5 and _unspeakable(word)):
        return word.upper()
    return word[0].upper() + word[1:]


def _unspeakable(word: str) -> bool:
    """True for a short word no English or transliterated name begins so ('ltte', 'pflp'): letters of an acronym."""
    if not any(ch in _VOWELS for ch in word):
        return True
    return word[0] not in _VOWELS and word[1] not in _VOWELS and word[:2] not in lexicon.words("truecase_onsets")


def _swap(old: str, new: str) -> str:
    """`new` where it is one character (a change of case that keeps the length), else `old`."""
    return new if len(new) == 1 else old


def _one_phrase(text: str, left: tuple[str, int], right_start: int) -> bool:
    """True when only spaces, hyphens and apostrophes, or a lone full stop, stand between two words."""
    gap = text[left[1] + len(left[0]) : right_start]
    return gap == "." or (bool(gap) and all(ch in _PHRASE_GAP for ch in gap))


def sentence_start(text: str, start: int) -> bool:
    """True when the word at `start` opens the text, a sentence, a paragraph or the line after a heading."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0:
        return True
    if text[i] in _SENTENCE_END:
        # a letter glued to a full stop glued to a letter is inside an abbreviation ('u.s', 'a.k.a'); after one
        # ('u.s. aggression') a sentence goes on more often than it ends
        return not (text[i] == "." and i > 1 and text[i - 1].isalpha() and not text[i - 2].isalnum())
    if text[i] not in "\r\n":
        return False
    line_end = i
    while i >= 0 and text[i] in "\r\n \t":
        i -= 1
    if i < 0 or text[i] in _SENTENCE_END + ":;" or text.count("\n", i, line_end + 1) > 1:
        return True
    line_start = text.rfind("\n", 0, i) + 1
    return i - line_start + 1 < _HEADING_MAX
