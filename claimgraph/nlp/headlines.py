"""Headlines in title case read in sentence case: 'Rebels Claim Deadly Strike on Port' as 'Rebels claim deadly
strike on Port', character for character the same length.

The small model reads every capitalised word of a title-case headline as part of a name ('Claim Deadly Strike'),
so the one line that states a text's main claim gives none. In a cased text, a line whose words are nearly all
capitalised has each capital that the truecase table (claimgraph/nlp/truecase.py) says is usually small written
small, unless the text's own body writes the word with a capital too (a name: 'the Liberation Front'). Only a
line that tells a deed or a statement is a headline (one of its words is a form of an event or speech verb of the
lexicons): a title that is a name, 'Popular Front for the Liberation of Palestine', is left as written.
"""

from __future__ import annotations

from functools import cache

from claimgraph.core.lexicon import mapping, words
from claimgraph.nlp.truecase import WORD, mode, sentence_start, table

# a headline has this many words at least (a shorter line is a name, a date, a signature) and at most
MIN_WORDS, MAX_WORDS = 5, 24
# of its words of four letters or more, at least this share begin with a capital
CAPITAL_SHARE = 0.8


# past forms the endings below do not make ('struck' from 'strike')
_IRREGULAR = {"say": "said", "strike": "struck", "shoot": "shot", "blow": "blew", "tell": "told", "hold": "held"}


@cache
def _verb_forms() -> frozenset[str]:
    """The written forms of the event and speech verbs: what makes a title-case line a headline."""
    out: set[str] = set()
    for lemma in set(mapping("claims_events_verb_triggers")) | words("scope_speech_verbs"):
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        out.update((lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", _IRREGULAR.get(lemma, lemma)))
        if lemma.endswith("y"):
            out.update((lemma[:-1] + "ied", lemma[:-1] + "ies"))
    return frozenset(out)


def _title_line(line: str) -> bool:
    words = WORD.findall(line)
    long_words = [w for w in words if len(w) >= 4]
    if not MIN_WORDS <= len(words) <= MAX_WORDS or len(long_words) < 3 or line.rstrip().endswith("."):
        return False
    if sum(w.isupper() for w in long_words) > len(long_words) / 2:
        return False  # a line in capitals is the truecaser's
    if sum(w[0].isupper() for w in long_words) < CAPITAL_SHARE * len(long_words):
        return False
    return any(w.lower() in _verb_forms() for w in words)


def sentence_case_headlines(text: str) -> tuple[str, list[int]]:
    """`text` with its title-case lines in sentence case, where the rest of the text is cased (else unchanged), and
    the offsets where those lines end: a headline in small letters still ends its sentence there."""
    if "\n" not in text.strip() or mode(text) is not None:
        return text, []
    lines: list[tuple[int, str]] = []
    at = 0
    for line in text.split("\n"):
        lines.append((at, line))
        at += len(line) + 1
    titles = [(start, line) for start, line in lines if _title_line(line)]
    if not titles:
        return text, []
    title_starts = {start for start, _ in titles}
    body = "\n".join(line for start, line in lines if start not in title_starts)
    named = {m.group() for m in WORD.finditer(body) if m.group()[0].isupper() and not sentence_start(body, m.start())}
    usual, _ = table()
    chars = list(text)
    for start, line in titles:
        for k, m in enumerate(WORD.finditer(line)):
            word = m.group()
            if k == 0 or not word[0].isupper() or word.isupper() or word in named:
                continue
            form = usual.get(word.lower())
            if form is not None and form.islower() and len(word[0].lower()) == 1:
                chars[start + m.start()] = word[0].lower()
    return "".join(chars), [start + len(line) for start, line in titles]
