"""Organization names told by the noun after them ('Fars news agency', 'the Haqqani network')."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from claimgraph.core.lexicon import words
from claimgraph.extract.entity_gazetteer import country_of, demonym_country
from claimgraph.extract.entity_rules import (
    COMMUNITY_WORDS,
    ORG_NOUNS,
    PERSON_TITLES,
    Candidate,
    _mostly_capitals,
    in_capitals_run,
)

_NAME_ARTICLES = words("entity_foreign_articles")
# the model's labels for numbers, times and amounts: a word it reads so opens a count, not a name
_COUNTS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "DATE", "TIME", "PERCENT", "MONEY"})


def _name_part(tok: Token) -> bool:
    """A token that may sit inside a capitalised name: a capitalised word, an inner hyphen, a lower-case article
    joined to the next word ('Ahfad al-Sahaba')."""
    if "\n" in tok.whitespace_:
        return False
    if tok.text[:1].isupper() and (tok.is_alpha or tok.text.isalnum()):
        return True
    if tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_:
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ in _NAME_ARTICLES and tok.is_lower and nxt is not None and (nxt.text == "-" or nxt.text[:1].isupper())


def org_noun_candidates(doc: Doc) -> list[Candidate]:
    """'Fars news agency', 'the Haqqani network', 'the Fatah al-Islam organization': a capitalised name the text
    follows with an organization noun (and at most one modifier) names an organization; a nationality, community,
    country or title before the noun only describes it ('the Lebanese army', 'Islamist group')."""
    out = []
    for tok in doc:
        if tok.lower_ not in ORG_NOUNS or not tok.is_lower or tok.i == 0:
            continue
        end = tok.i
        before = doc[end - 1]
        if before.is_lower and before.is_alpha and before.lower_ not in STOP_WORDS | _NAME_ARTICLES \
                and not before.whitespace_.count("\n"):
            end -= 1  # 'news agency', 'militant group'
        start = end
        while start > 0 and _name_part(doc[start - 1]) and "\n" not in doc[start - 1].whitespace_:
            start -= 1
        while start < end and (doc[start].lower_ in STOP_WORDS or doc[start].text == "-"
                               or doc[start].lower_ in _NAME_ARTICLES and doc[start].is_lower and start == end - 1):
            start += 1  # 'The Haqqani network': the article is the sentence's
        if start >= end or not doc[start].text[:1].isupper() or doc[end - 1].text == "-":
            continue
        span = doc[start:end]
        words_ = span.text.replace("-", " ").split()
        if any(country_of(w) or demonym_country(w) or w in COMMUNITY_WORDS or w.lower() in PERSON_TITLES
               for w in words_ if w[:1].isupper()) or country_of(span.text) or demonym_country(span.text):
            continue
        if in_capitals_run(doc, span.start, span.end) or _mostly_capitals(span.sent):
            continue  # a headline in capitals
        if all(t.like_num or t.ent_type_ in _COUNTS for t in span):
            continue  # 'Seven guerrillas', 'Two militias': a count of the people, no body's name
        if all(t.ent_type_ == "NORP" for t in span) or (len(words_) == 1 and re.search(r"ists?$", words_[0])):
            continue  # 'Islamist group', 'Maoist faction': a creed or a people describes the group, it is no name
        out.append(Candidate(span.start_char, span.end_char, "Organization", "rule", 2.5))
    return out


def modifies_a_body_noun(doc: Doc, start: int, end: int) -> bool:
    """'the X rebel group', 'the X movement': a name that qualifies an organisation noun after it names that body
    (read on the tree: in 'X said the group ...' the noun is no head of the name)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    last = span[-1]
    head = last.head
    if last.dep_ not in ("compound", "amod", "nmod") or not 0 < head.i - last.i <= 3 \
            or head.lower_ not in ORG_NOUNS:
        return False
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
        return False  # 'a Sunni Salafi militant organization': a kind of body, the words before it describe it
    between = doc[last.i + 1: head.i]
    return all(t.is_lower and t.dep_ in ("compound", "amod") for t in between)
