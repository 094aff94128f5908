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
# a text with a line longer than this is not cut at a fixed column (normalise._WRAP_MAX)
_WRAP_MAX = 100
# between two words, only these (or a lone full stop, as in 'u.s') keep them one phrase: the neighbour's vote counts
_PHRASE_GAP = frozenset(" -'\u2019")
# an acronym in brackets after the name it abbreviates ('the red harbor front (rhf)')
_BRACKETED = re.compile(r"\(([^\W\d_]{2,8})\)")
# the words and numbers of a name ('revolutionary organization 17 november')
_TOKEN = re.compile(r"[^\W_]+")
# what divides a title line into parts that may each be a name ('... 2013 - foreign terrorist organizations: ...')
_TITLE_SPLIT = re.compile(r"\s[-\u2013\u2014|]\s|[:=(),;|\[\]]")
# a part of the title of fewer or more words than these is no name (a lone word is the table's to case)
_TITLE_MIN_WORDS, _TITLE_MAX_WORDS = 2, 8
# a title name of this many words or more is found again told in other words ('_retold'), by this share of its words
_RETOLD_MIN_WORDS, _RETOLD_SHARE = 4, 0.75
# a word the table does not know, of up to this many letters, listed with an acronym is one ('farc and eln')
_COORDINATED_MAX = 5
_LISTED = re.compile(r"\s+(?:and|or|&)\s+|\s*[,/]\s*")
# American word endings and their British forms: the table learnt mostly from British news
_SPELLING_ENDINGS = (("or", "our"), ("ter", "tre"), ("og", "ogue"), ("ense", "ence"))
# the shortest name read as glued to a word before it ('bygreece'): shorter ends are too often a word's own letters
# ('cordoba' is no 'cor' + 'Doba')
_GLUED_NAME_MIN = 5

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
    names: dict[tuple[str, ...], str] = {}
    stretches: list[tuple[int, int]] = []
    lowered: list[tuple[int, int]] = []  # the stretches in lower case, where the writer's own capitals stay
    # a text with lines too long for a fixed-column wrap writes a paragraph, a field or a list item a line
    lines = any(len(line) > _WRAP_MAX for line in text.split("\n"))
    for start, end in bounds:
        part = text[start:end]
        own = mode(part, PARAGRAPH_MIN_WORDS) if len(WORD.findall(part)) >= PARAGRAPH_MIN_WORDS else whole
        if own is None:
            continue
        if chars is None:
            chars = list(text)
        chars[start:end] = case_stretch(part, own, names, lines=lines)
        stretches.append((start, end))
        if own == "lower":
            lowered.append((start, end))
    if chars is None:
        return text
    titles = _title_names(chars, stretches, names)
    _coordinated(chars, names)
    _spread(chars, stretches, names)
    _short_names(text, chars, lowered, names)
    _retold(chars, stretches, titles)
    return "".join(chars)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the blank-line separated paragraphs of `text`, covering it."""
    out, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        out.append((start, m.start()))
        start = m.start()
    out.append((start, len(text)))
    return out


def case_stretch(
    text: str, how: str, names: dict[tuple[str, ...], str] | None = None, *, lines: bool = False
) -> str:
    """One stretch in one case ('lower' or 'upper') given the casing of cased text; the same length.

    With `lines` (the text is not hard-wrapped) every line opens a sentence, a field or an item.

    The names the stretch shows to be names (the words an acronym in brackets spells, and the acronym) are added to
    `names` (lower-case words -> cased text) for the rest of the document.
    """
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
            known = usual.get(low) or _glued(low, usual)
            form = known or _unknown(low, usual)
            if known is None and form.isupper() and _before_name(base, words, k, usual):
                form = low[0].upper() + low[1:]  # 'aum shinrikyo': a short word of a name, not an acronym
                if names is not None:
                    names[(low,)] = form  # ... in the whole text ('aum is a sanskrit word')
        if len(form) != len(low):
            form = low
        if sentence_start(base, start) or (lines and _line_start(base, start)):
            form = _swap(form[0], form[0].upper()) + form[1:]
        for i, (old, new) in enumerate(zip(low, form, strict=True)):
            if old != new:
                chars[start + i] = _swap(old, new)
    _spell_out(base, chars, words, names if names is not None else {})
    return "".join(chars)


def _spell_out(
    base: str, chars: list[str], words: list[tuple[str, int]], names: dict[tuple[str, ...], str]
) -> None:
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
            if not _particle(base, start):
                chars[start] = _swap(chars[start], chars[start].upper())
        spelt = "".join(chars[picked[-1] : m.start()]).rstrip()
        names[_key(spelt)] = spelt
        names[(letters,)] = "".join(chars[m.start(1) : m.end(1)])


def _glued(word: str, usual: dict[str, str]) -> str | None:
    """A known word glued to a name the table knows ('countrygreece', 'bygreece'), cased as its two parts, else None.

    Text copied from an infobox or a table loses the break between a field's label and its value; in cased text
    the value's capital still shows where one ends, and the table knows both parts.
    """
    for cut in range(2, len(word) - _GLUED_NAME_MIN + 1):
        head, tail = usual.get(word[:cut]), usual.get(word[cut:])
        if head is not None and head.islower() and tail is not None and tail[0].isupper() and tail[1:].islower():
            return head + tail
    return None


def _unknown(word: str, usual: dict[str, str]) -> str:
    """The casing of a word cased text never showed: most likely a name (foreign names, places) or an acronym."""
    if len(word) < 2:
        return word
    for ending in lexicon.word_list("truecase_endings"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 2 and any(usual.get(s, "A").islower() for s in (stem, stem + "e")):
            return word
        if len(word) > ACRONYM_MAX_LENGTH + 1 and usual.get(word + ending, "A").islower():
            return word  # 'invoke' beside 'invoked': the table saw the word inflected
    if len(word) > ACRONYM_MAX_LENGTH + 1 and any(usual.get(v, "A").islower() for v in _spellings(word)):
        return word  # 'emphasize' beside 'emphasise', 'honor' beside 'honour'
    if len(word) <= ACRONYM_MAX_LENGTH or (len(word) <= 5 and _unspeakable(word)):
        return word.upper()
    return word[0].upper() + word[1:]


def _spellings(word: str) -> list[str]:
    """The British spellings of an American-spelt word ('organize', 'analyze', 'honor', 'theater', 'catalog')."""
    out = [word.replace("iz", "is"), word.replace("yz", "ys")]
    for us, uk in _SPELLING_ENDINGS:
        if word.endswith(us):
            out.append(word[: -len(us)] + uk)
    return [v for v in out if v != word]


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


def _key(text: str) -> tuple[str, ...]:
    """The lower-case words and numbers of a name: what finds it again elsewhere in the text."""
    return tuple(t.lower() for t in _TOKEN.findall(text))


def _title_names(
    chars: list[str], stretches: list[tuple[int, int]], names: dict[tuple[str, ...], str]
) -> list[tuple[str, ...]]:
    """Add the parts of the document's title line that its body says again: a title that recurs names the subject.

    A reference article or report opens with its subject's name ('revolutionary organization 17 november', '= camp
    liberty =', 'country reports on terrorism 2013 - foreign terrorist organizations: ...'); told again in the body,
    the same words are that name. A news headline is a sentence, which the body does not repeat word for word.
    Returns the names found.
    """
    found: list[tuple[str, ...]] = []
    text = "".join(chars)
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    if not any(a <= start and end <= b for a, b in stretches) or not line:
        return found
    if line[-1] in _SENTENCE_END or len(_key(line)) > _TITLE_MAX_WORDS * 2:
        return found  # a sentence, not a title
    body = " " + " ".join(_key(text[end:])) + " "
    skips = lexicon.words("truecase_acronym_skips")
    for part in _TITLE_SPLIT.split(line):
        words = list(_TOKEN.finditer(part))
        while words and words[0].group().lower() in skips:
            words.pop(0)  # 'the national council of ...': the article is no part of the name
        if not words:
            continue
        piece = part[words[0].start() : words[-1].end()]
        key = _key(piece)
        if not _TITLE_MIN_WORDS <= len(key) <= _TITLE_MAX_WORDS or key in names:
            continue
        if " " + " ".join(key) + " " not in body or all(k in skips or k.isdigit() for k in key):
            continue
        cased = list(piece)
        for m in _TOKEN.finditer(piece):
            # a letter hyphened to a word is a particle ('mujahedin-e khalq'), a skip word a link ('army of the ...')
            if m.start() == 0 or not (_particle(piece, m.start()) or m.group().lower() in skips):
                cased[m.start()] = _swap(cased[m.start()], cased[m.start()].upper())
        names[key] = "".join(cased)
        found.append(key)
    return found


def _phrase_in_stretches(text: str, run: list[tuple[str, int]], stretches: list[tuple[int, int]]) -> bool:
    """True when a run of words lies inside one truecased stretch and reads as one phrase (see `_one_phrase`)."""
    first, last = run[0][1], run[-1][1] + len(run[-1][0])
    if not any(a <= first and last <= b for a, b in stretches):
        return False  # cased text and sentence starts outside the stretches keep the writer's case
    return all(_one_phrase(text, left, right[1]) for left, right in zip(run, run[1:]))


def _retold(chars: list[str], stretches: list[tuple[int, int]], titles: list[tuple[str, ...]]) -> None:
    """Capitalise the body's mentions of a title name told with a word changed, added or dropped.

    A subject's name is often told in another wording once ('united self-defense forces of ...' in the title,
    'the united self-defenders of ...' in the text, a translation): a run of words that opens and closes as the
    title name does, within a word of its length, most of its words the name's, is the same name.
    """
    text = "".join(chars)
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    low = [t.lower() for t, _ in tokens]
    skips = lexicon.words("truecase_acronym_skips")
    for key in titles:
        if len(key) < _RETOLD_MIN_WORDS:
            continue
        for k, token in enumerate(low):
            if token != key[0]:
                continue
            for n in (len(key) - 1, len(key) + 1):
                run = low[k : k + n]
                if len(run) != n or run[-1] != key[-1] or sum(1 for t in run if t in key) < _RETOLD_SHARE * n:
                    continue
                if not _phrase_in_stretches(text, tokens[k : k + n], stretches):
                    continue
                for word, at in tokens[k : k + n]:
                    if word.lower() not in skips and not _particle(text, at) and chars[at].islower():
                        chars[at] = _swap(chars[at], chars[at].upper())


def _spread(chars: list[str], stretches: list[tuple[int, int]], names: dict[tuple[str, ...], str]) -> None:
    """Give every other mention of a name the document has shown (`names`) the name's capitals.

    Only capitals are added, and only inside the truecased stretches: a sentence start stays, cased text stays.
    """
    if not names:
        return
    text = "".join(chars)
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    low = [t.lower() for t, _ in tokens]
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in names:
        if key:
            by_first.setdefault(key[0], []).append(key)
    for k, token in enumerate(low):
        for key in by_first.get(token, ()):
            n = len(key)
            if tuple(low[k : k + n]) != key:
                continue
            if not _phrase_in_stretches(text, tokens[k : k + n], stretches):
                continue
            forms = _TOKEN.findall(names[key])
            if len(forms) != n:
                continue
            for (word, at), form in zip(tokens[k : k + n], forms, strict=True):
                for i, ch in enumerate(form[: len(word)]):
                    if ch.isupper() and chars[at + i].islower():
                        chars[at + i] = _swap(chars[at + i], ch)


def _particle(text: str, start: int) -> bool:
    """True for a one-letter word hyphened to the word before it ('mujahedin-e'): a particle, not a name's word."""
    return start > 0 and text[start - 1] == "-" and not text[start + 1 : start + 2].isalpha()


def _line_start(text: str, start: int) -> bool:
    """True when only openers stand between the word at `start` and the line's beginning."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i >= 0 and text[i] == "\n"


def _before_name(text: str, words: list[tuple[str, int]], k: int, usual: dict[str, str]) -> bool:
    """True when the short speakable word `words[k]` stands before a longer word the table does not know (a name)."""
    word, start = words[k]
    if _unspeakable(word) or k + 1 >= len(words):
        return False
    following, at = words[k + 1]
    return (
        text[start + len(word) : at] == " "
        and len(following) > ACRONYM_MAX_LENGTH
        and following.lower() not in usual
        and _glued(following.lower(), usual) is None
    )


def _coordinated(chars: list[str], names: dict[tuple[str, ...], str]) -> None:
    """Take a short unknown word read as a name for an acronym where it is listed with one ('farc and eln').

    Both are then names of the same kind; the acronym is added to `names`, so its every mention is in capitals.
    """
    usual, _ = table()
    text = "".join(chars)
    words = [(m.group(), m.start()) for m in WORD.finditer(text)]
    for k, (word, _) in enumerate(words):
        low = word.lower()
        if not (ACRONYM_MAX_LENGTH < len(word) <= _COORDINATED_MAX and word[0].isupper() and word[1:].islower()):
            continue
        if low in usual or _glued(low, usual) is not None or (low,) in names:
            continue
        for j in (k - 2, k - 1, k + 1, k + 2):  # 'farc, eln', 'farc and eln' ('and' is a word between)
            if not 0 <= j < len(words) or len(words[j][0]) < 2 or not words[j][0].isupper():
                continue
            left, right = (words[j], words[k]) if j < k else (words[k], words[j])
            if _LISTED.fullmatch(text[left[1] + len(left[0]) : right[1]]):
                names[(low,)] = word.upper()
                break


def _short_names(
    text: str, chars: list[str], lowered: list[tuple[int, int]], names: dict[tuple[str, ...], str]
) -> None:
    """Write every mention of a short word the text showed to be a name's ('Aum') as the name has it, not as an
    acronym; a mention the writer put in capitals in lower-case text stays."""
    short = {key[0]: form for key, form in names.items() if len(key) == 1 and form[0].isupper() and form[1:].islower()}
    if not short:
        return
    for m in WORD.finditer("".join(chars)):
        form = short.get(m.group().lower())
        if form is None or not m.group().isupper() or len(form) != len(m.group()):
            continue
        if any(a <= m.start() < b for a, b in lowered) and not text[m.start() : m.end()].islower():
            continue
        for i, ch in enumerate(form[1:], start=m.start() + 1):
            chars[i] = _swap(chars[i], ch)
