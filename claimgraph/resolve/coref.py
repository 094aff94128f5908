"""In-document resolution: short names, then descriptions and pronouns, linked to their entity.

'This group', 'the organization' and (conservatively) 'it', 'its', 'they' become mentions of
the entity they stand for (source "coref"), so claim extractors find the entity when they look
up the span. Those mentions are used during analysis only: before the document is stored
they move to ctx.coref_mentions, since mentions.jsonl lists names.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimgraph.core.lexicon import words
from claimgraph.extract.context import DocContext
from claimgraph.extract.entities import ARTICLE_SURNAME, has_capitals
from claimgraph.model import Mention
from claimgraph.plugins import hookimpl
from claimgraph.resolve.aka import AliasStatements
from claimgraph.resolve.aliases import ResolveAliases
from claimgraph.resolve.names import DOCUMENT_LOCAL, LOCAL_MARK, norm_name

# head nouns of descriptions that stand for an organization or group named earlier
GROUP_NOUNS = words("entity_group_nouns")
# 'the same group' takes up the group named before as surely as 'the group' does
DESCRIPTION = re.compile(r"\b(?:[Tt]his|[Tt]he|[Tt]hat)\s+(?:same\s+)?(" + "|".join(sorted(GROUP_NOUNS)) + r")\b(?!\s+of\b)")
# head nouns of a state body's name ('Health Ministry'): 'the group' or 'the movement' never stands for one
BODY_HEADS = words("entity_state_body_heads")
# description nouns a state's own forces are told by too ('the army'): they stand only for a body so named
STATE_WORDS = GROUP_NOUNS & words("entity_state_heads")
# description nouns for those who fight a state: never its own forces ('the rebels' are not 'the Marovian Army')
INSURGENT_WORDS = {"rebels", "guerrillas"}
ACTOR_TYPES = {"Organization", "Group"}
SINGULAR_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "their", "them"}
PERSON_PRONOUNS = {"he", "she"}
WINDOW_SENTENCES = 4
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


class ShortNames:
    """'Saddam' after 'Saddam Hussein', 'Abedin' after 'Mahan Abedin': one person."""

    name = "resolve.short_names"
    requires = ("entities",)
    provides = ("aliases",)

    def run(self, ctx: DocContext) -> None:
        """Merge single-word person names into the one multi-word name that contains them."""
        people = [k for k, e in ctx.analysis.entities.items() if ctx.find(k) == k and e.type == "Person"]
        owners_of: dict[str, list[str]] = {}
        for key in people:
            words = norm_name(ctx.entity(key).name).split()
            if len(words) > 1 and not _article_surname(ctx.entity(key).name):
                for word in set(words):
                    owners_of.setdefault(word, []).append(key)
        for key in people:
            name = ctx.entity(key).name
            words = norm_name(name).split()
            if _article_surname(name):
                words = words[-1:]  # 'al-Mansouri' after 'Tariq al-Mansouri': the surname after its article
            elif len(words) != 1 and "-" in name:
                words = ["".join(words)]  # 'Mohammad-Zadeh' is the 'Mohammadzadeh' of a full name, hyphened
            if len(words) != 1:
                continue
            owners = [k for k in owners_of.get(words[0], []) if k != key]
            if len(owners) == 1:  # an ambiguous name (two Massouds) stays apart
                ctx.merge(owners[0], key)


def _article_surname(name: str) -> bool:
    """'al-Mansouri', 'el-Sayed': one surname opened by a lower-case article."""
    return bool(ARTICLE_SURNAME.match(name))


class Descriptions:
    """'This group', 'the organization', 'it' → the most salient recent organization or group."""

    name = "resolve.descriptions"
    requires = ("entities", "aliases")
    provides = ("coref",)

    def run(self, ctx: DocContext) -> None:
        """Add a coref mention for every description or pronoun whose entity is clear."""
        doc = ctx.doc
        if not ctx.analysis.mentions:
            return
        _named_heads(ctx)
        by_token: dict[int, Mention] = {}
        for m in ctx.analysis.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                current = by_token.get(tok.i)
                if current is None or (current.end - current.start) < (m.end - m.start):
                    by_token[tok.i] = m
        sent_of = {s.start: n for n, s in enumerate(doc.sents)}
        sent_index = [0] * len(doc)
        n = -1
        for tok in doc:
            if tok.i in sent_of:
                n = sent_of[tok.i]
            sent_index[tok.i] = max(n, 0)
        counts: dict[str, int] = {}
        # mentions as a clause's subject, which count twice for salience: 'linked with X' or 'X-linked' in a
        # headline names X without making X the topic a later 'the group' takes up
        as_subject: dict[str, int] = {}
        last_seen: dict[str, int] = {}  # entity → sentence of its latest mention
        seen_in: dict[int, set[str]] = {}  # sentence → entities mentioned in it (bounded look-back)
        subjects: list[tuple[int, int, str]] = []  # (sentence, token, entity) of actor subjects so far
        people: list[tuple[int, str]] = []  # (sentence, entity) of the people named so far
        added: list[Mention] = []
        descriptions = {m.start(): m for m in DESCRIPTION.finditer(ctx.text)}
        for tok in doc:
            sent = sent_index[tok.i]
            mention = by_token.get(tok.i)
            if mention is not None:
                key = ctx.find(mention.entity_key)
                if tok.i == 0 or by_token.get(tok.i - 1) is not mention:
                    counts[key] = counts.get(key, 0) + 1
                    if _is_subject(tok):
                        as_subject[key] = as_subject.get(key, 0) + 1
                last_seen[key] = sent
                seen_in.setdefault(sent, set()).add(key)
                if ctx.entity(key).type == "Person":
                    people.append((sent, key))
                if _is_subject(tok) and ctx.entity(key).type in ACTOR_TYPES | {"Country"} \
                        and not ctx.entity(key).attrs.get("nationality") and not _inner_tag_speaker(tok):
                    subjects.append((sent, tok.i, key))
                continue
            desc = descriptions.get(tok.idx)
            if desc is not None and not _new_referent(ctx.text, desc.start(), desc.group(1)):
                recent = set().union(*(seen_in.get(k, set()) for k in range(sent - WINDOW_SENTENCES, sent + 1)))
                # none named lately (after a list, a quotation, a stretch about people): the topic organization
                weight = {k: n + as_subject.get(k, 0) for k, n in counts.items()}
                noun = desc.group(1).lower()
                target = self._salient(ctx, weight, recent, last_seen, noun) \
                    or self._salient(ctx, weight, set(counts), last_seen, noun, topic_only=True)
                if target is not None:
                    m = self._add(ctx, added, desc.start(), desc.end(), target)
                    counts[target] = counts.get(target, 0) + 1
                    last_seen[target] = sent
                    seen_in.setdefault(sent, set()).add(target)
                    end_tok = doc.char_span(desc.start(), desc.end(), alignment_mode="expand")
                    for t in end_tok or []:
                        by_token[t.i] = m
                        if _is_subject(t):
                            subjects.append((sent, t.i, target))
                continue
            # a speaker's 'he said' is the speech scopes' to read; a quote's 'he' is whom the speaker means
            if tok.lower_ in PERSON_PRONOUNS and tok.dep_ in SUBJECT_DEPS \
                    and tok.head.lemma_.lower() not in words("scope_speech_verbs") and not _quoted(ctx.text, tok.idx):
                person = self._person(people, sent)
                if person is not None:
                    by_token[tok.i] = self._add(ctx, added, tok.idx, tok.idx + len(tok.text), person)
                continue
            if tok.lower_ in SINGULAR_PRONOUNS | PLURAL_PRONOUNS and not _expletive(ctx.text, tok):
                antecedent = self._pronoun(ctx, tok, subjects, sent)
                if antecedent is not None:
                    m = self._add(ctx, added, tok.idx, tok.idx + len(tok.text), antecedent)
                    by_token[tok.i] = m
                    if _is_subject(tok):
                        subjects.append((sent, tok.i, antecedent))
        ctx.analysis.mentions.extend(added)

    @staticmethod
    def _add(ctx: DocContext, added: list[Mention], start: int, end: int, key: str) -> Mention:
        # built directly: 'the group' and 'it' must not become aliases of the entity
        m = Mention(start, end, ctx.text[start:end], key, ctx.entity(key).type, source="coref")
        added.append(m)
        return m

    @staticmethod
    def _salient(ctx: DocContext, counts: dict[str, int], seen: set[str], last_seen: dict[str, int],
                 noun: str = "group", topic_only: bool = False) -> str | None:
        """The organization or group mentioned most (a subject mention counting twice), among those mentioned in
        the last few sentences and that `noun` may describe (`topic_only`: the organization named most so far,
        when it was named at least twice)."""
        recent = [k for k in sorted(seen) if ctx.entity(k).type in ACTOR_TYPES
                  and not ctx.entity(k).attrs.get("nationality") and _describable(ctx.entity(k).name, noun)]
        if topic_only:
            recent = [k for k in recent if ctx.entity(k).type == "Organization" and counts.get(k, 0) >= 2]
        if not recent:
            return None
        return max(recent, key=lambda k: (ctx.entity(k).type == "Organization", counts.get(k, 0), last_seen[k]))

    @staticmethod
    def _person(people: list[tuple[int, str]], sent: int) -> str | None:
        """'Tarhan headed the party. He had received threats.': the one person named in this sentence before the
        pronoun and the one before it; with two or more people there, whom 'he' means is left open."""
        near = {key for s_sent, key in people if sent - s_sent <= 1}
        return next(iter(near)) if len(near) == 1 else None

    @staticmethod
    def _pronoun(ctx: DocContext, tok: Token, subjects: list[tuple[int, int, str]], sent: int) -> str | None:
        """A pronoun's antecedent: the latest actor subject of this or the previous sentence, where
        the pronoun may take it. An object pronoun is never its own clause's subject; a possessive
        one ('its hostility') takes only its own clause's earlier subject."""
        plural = tok.lower_ in PLURAL_PRONOUNS
        possessive = tok.dep_ == "poss"
        own_subject = _clause_subjects(tok)
        for s_sent, s_tok, key in reversed(subjects):
            if sent - s_sent > 1 or s_tok > tok.i:
                return None
            if possessive and s_tok not in own_subject and not (tok.i in own_subject and tok.lower_ == "its"):
                # "its hostility" takes only its own clause's subject; "Its leader, X, lives in Y" opens the clause
                # and is the subject's owner: like 'it', the latest subject before it
                return None
            # 'they consider it': 'it' is not 'they'; nor in 'X considers it a terrorist group', where 'it' is the
            # subject of a small clause (a noun, not a verb, above it)
            if s_tok in own_subject and not possessive and (
                    tok.dep_ not in SUBJECT_DEPS or tok.head.pos_ not in ("VERB", "AUX")):
                return None
            entity = ctx.entity(key)
            if entity.type == "Country" and plural:
                continue
            if _head_noun(ctx.doc[s_tok]).tag_ in ("NNS", "NNPS") and not plural:
                return None  # 'French officials ... its leaders': not theirs
            if entity.type in ACTOR_TYPES or (entity.type == "Country" and not plural):
                return key
            return None
        return None


def _quoted(text: str, at: int) -> bool:
    """Whether the offset lies inside quotation marks opened earlier on its line."""
    line = text[text.rfind("\n", 0, at) + 1:at]
    return line.count("\u201c") > line.count("\u201d") or line.count('"') % 2 == 1


def _describable(name: str, noun: str) -> bool:
    """False where a description's noun cannot stand for the named body: 'the group' for the 'Interior Ministry'
    (a body is described by its own head noun: 'the agency' may be the 'Border Agency')."""
    words_ = name.split()
    for i, word in enumerate(words_[1:], start=1):
        if word.lower() in ("for", "of", "on"):
            words_ = words_[:i]
            break
    head = words_[-1].lower() if words_ else ""
    if noun in STATE_WORDS and noun not in (w.lower() for w in name.split()):
        return False  # "the army stormed the camp" in a text on a rebel front: the state's army
    if noun in INSURGENT_WORDS and head in words("entity_state_heads"):
        return False  # "the army said the rebels ...": the rebels are not the army
    return head not in BODY_HEADS or head == noun


def _is_subject(tok: Token) -> bool:
    """A token heading (or inside) the subject of its clause."""
    while tok.dep_ in ("compound", "amod", "det", "case") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in SUBJECT_DEPS


def _inner_tag_speaker(tok: Token) -> bool:
    """True for the speaker of a tag set inside the clause it reports ('After the war, the ministry said, it
    attacked ...'): the clause's pronoun is about what the text follows, not the one who tells it."""
    head = _head_noun(tok)
    verb = head.head
    return verb.dep_ == "parataxis" and verb.head.i > verb.i and verb.lemma_.lower() in words("scope_speech_verbs")


def _head_noun(tok: Token) -> Token:
    """The noun a modifier belongs to ('French' → 'officials')."""
    while tok.dep_ in ("compound", "amod") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _clause_subjects(tok: Token) -> set[int]:
    """Token indices of the subject of the clause a token sits in (coordinated verbs share theirs)."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    while True:
        subjects = {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
        if subjects or verb.dep_ != "conj" or verb.head.i == verb.i:
            return subjects
        verb = verb.head


def _name_head(name: str) -> str | None:
    """The capitalised head noun of an organisation's name: the word before its first 'for'/'of' phrase, else its
    last word ('Varnian Observatory for Human Rights' -> 'Observatory'); None for a one-word name or an acronym."""
    words = name.split()
    for i, word in enumerate(words[1:], start=1):
        if word in ("for", "of", "on"):
            words = words[:i]
            break
    if len(words) < 2 or not re.fullmatch(r"[A-Z][a-z]{3,}", words[-1]):
        return None
    return words[-1]


def _named_heads(ctx: DocContext) -> None:
    """'The Varnian Observatory for Human Rights ... the London-based Observatory said': a definite description of the
    capitalised head noun of one (and only one) organisation named before it is a mention of that organisation."""
    first: dict[str, int] = {}
    owners: dict[str, set[str]] = {}
    for m in ctx.analysis.mentions:
        key = ctx.find(m.entity_key)
        ent = ctx.entity(key)
        if ent.type not in ACTOR_TYPES or m.source in ("coref", "nominal", "norp", "demonym"):
            continue
        head = _name_head(m.text)
        if head is not None:
            owners.setdefault(head, set()).add(key)
            first[key] = min(first.get(key, m.end), m.end)
    added: list[Mention] = []
    for head, keys in owners.items():
        if len(keys) != 1:
            continue  # two fronts named: 'the Front' is either
        key = next(iter(keys))
        for hit in re.finditer(rf"\b[Tt]he\s+(?:[a-z][\w-]*\s+|[A-Z][a-z]+-based\s+)?({head})\b(?!\s+(?:of|for)\b|\s+[A-Z])", ctx.text):
            if hit.start() < first[key]:
                continue
            there = ctx.mention_at(hit.start(1), hit.end(1))
            if there is not None:
                other = ctx.find(there.entity_key)
                if (there.start, there.end) == hit.span(1) and other != key \
                        and ctx.entity(other).type in ACTOR_TYPES and ctx.entity(other).name == head:
                    ctx.merge(key, other)  # the model read the head alone as a name: it is the named body's
                continue  # otherwise part of another name the text gives
            added.append(Mention(hit.start(), hit.end(), hit.group(0), key, ctx.entity(key).type, source="coref"))
    ctx.analysis.mentions.extend(added)


def _expletive(text: str, tok: Token) -> bool:
    """'It should be noted that', 'it is said to': an 'it' that stands for nothing."""
    if tok.lower_ != "it":
        return False
    return bool(re.match(r"\s+(?:is|was|has been|seems|seemed|appears|should|would|will|may|might|must|can|"
                         r"could)\b[^.;]{0,40}?\b(?:that|to)\b", text[tok.idx + 2: tok.idx + 80]))


def _new_referent(text: str, start: int, noun: str) -> bool:
    """'An espionage network ... this network': the description takes up a thing just introduced
    with 'a'/'an', not a named entity ('X is an armed group' describes X and introduces nothing)."""
    base = max(0, start - 400)
    window = text[base:start]
    for m in re.finditer(rf"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w\-]+\s+){{0,2}}{noun}\b(?!\s+of\b)", window):
        before = window[max(0, m.start() - 12): m.start()]
        if not re.search(r"(?:\b(?:is|was|are|were|as|remains|became|being)|,)\s*$", before):
            return True
    return False


class StoreNamesOnly:
    """Before storing: coref mentions leave the mention list, every mention takes its entity's type."""

    name = "resolve.store_names_only"
    requires = ("coref", "claims", "scopes", "times", "errata", "places")
    provides = ("stored_names",)

    def run(self, ctx: DocContext) -> None:
        """Move coref mentions to ctx.coref_mentions and align mention types with their (merged) entities."""
        kept: list[Mention] = []
        coref: list[Mention] = []
        cased = has_capitals(ctx.text)
        for m in ctx.analysis.mentions:
            # descriptions and common-noun phrases ('the group', 'officials') are not names
            not_a_name = m.source in ("coref", "nominal") or (cased and not any(ch.isupper() for ch in m.text))
            (coref if not_a_name else kept).append(m)
            if m.source not in ("norp", "demonym"):
                m.type = ctx.entity(m.entity_key).type
        ctx.analysis.mentions = kept
        ctx.coref_mentions = coref
        _mark_descriptions(ctx, kept, cased)


def _mark_descriptions(ctx: DocContext, names: list[Mention], cased: bool) -> None:
    """Entities no name of the text stands for ('the attackers', 'gunmen', 'victims', 'the government'): each is
    its document's own, so two texts' 'gunmen' never become one entity in the store. In a text with capitals a
    description is an entity with no name mention and no capital in its names but a sentence's first letter;
    without capitals, one with no name mention (the recognizer gives every name of such a text a mention)."""
    named = {ctx.find(m.entity_key) for m in names}
    for key, ent in ctx.analysis.entities.items():
        if ctx.find(key) != key or key in named or ent.attrs.get("placeholder"):
            continue
        forms = ent.aliases | {ent.name}
        if cased and not all(form == form.lower() or _capital_of_sentence(ctx.text, form) for form in forms):
            continue  # 'Iran' from 'Iranian', a body a frame named: a name, whatever the mentions
        if not cased and ent.type in ("Country", "Place"):
            continue  # a country a demonym stands for is one across texts
        ent.attrs[DOCUMENT_LOCAL] = ctx.analysis.document.doc_id
        ent.attrs[LOCAL_MARK] = True


_SENTENCE_END = re.compile(r"[.!?:;\n][\s\"'\u201c\u2018(\-\u2013\u2014]*$")
_OPENING = re.compile(r"[\s\"'\u201c\u2018(]*")


def _capital_of_sentence(text: str, form: str) -> bool:
    """True when a form's only capital is its first letter and the text writes it only where a sentence or line
    opens ('Gunmen attacked ...'): the capital is the sentence's, not a name's."""
    if not form or form[1:] != form[1:].lower() or not form[:1].isupper():
        return False
    found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
    return bool(found) and all(_SENTENCE_END.search(text[max(0, at - 12):at]) or _OPENING.fullmatch(text[:at])
                               for at in found)


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module (the alias resolvers too, which have no plugin entry of their own)."""
    return [ShortNames(), ResolveAliases(), AliasStatements(), Descriptions(), StoreNamesOnly()]
