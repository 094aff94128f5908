"""Attribution scopes: who says a stretch of text (speech and cognition verbs, 'according to', claims of
responsibility, accusations, denials), as ConText-style rules whose scope is read off the dependency tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from claimgraph.core.lexicon import words
from claimgraph.extract.context import DocContext
from claimgraph.extract.event_lexicon import CHARGE_PREPOSITIONS
from claimgraph.extract.nominal import ArgResolver
from claimgraph.extract.scope_speakers import BODY_NOUNS, MEDIA_NOUNS, SPEAKER_TYPES, Speakers, lemma_of

CONTENT_DEPS = ("ccomp", "xcomp")
SELF_CLAIM = ""  # speaker of a claim of responsibility whose claimant has no name: the claim's own subject
# speech verbs that report only what they tag ('"...," X continued.'): 'continued to conduct attacks' says nothing
TAG_ONLY = frozenset({"continue"})


@dataclass
class Speech:
    """Words reported as someone's: the speaker, the character offsets of the tokens they cover, the content."""

    speaker: str
    cue: Token
    offset: int  # document offset of the cue's parse
    chars: frozenset[int]  # document offsets of the starts of the tokens in scope
    start: int  # character span of the reported content (the `said` claim's object)
    end: int
    text: str
    via: str | None = None
    denied: bool = False
    target: str | None = None  # accusations: the accused, the true actor of what is reported
    kind: str = "speech"
    extra: dict[str, str] = field(default_factory=dict)

    def covers(self, char: int) -> bool:
        """True when a token starting at this document offset lies in the scope (quotes: in the quoted span)."""
        return char in self.chars if self.chars else self.start <= char < self.end


# the speech verbs whose past and third-person forms are not lemma + (e)s / (e)d
_IRREGULAR_FORMS = {"say": ("said", "says"), "tell": ("told", "tells"), "write": ("wrote", "writes", "written")}


@cache
def speech_verb_forms() -> frozenset[str]:
    """Every written form of the speech verbs (the one home of the family is the lexicon scope_speech_verbs):
    for rules that match words rather than lemmas ('said', 'claims', 'announced')."""
    out: set[str] = set()
    for lemma in words("scope_speech_verbs"):
        out.add(lemma)
        if lemma in _IRREGULAR_FORMS:
            out.update(_IRREGULAR_FORMS[lemma])
            continue
        if lemma.endswith("y") and lemma[-2] not in "aeiou":  # deny -> denied, denies
            out.update((lemma[:-1] + "ied", lemma[:-1] + "ies"))
            continue
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        out.update((lemma + ("es" if lemma.endswith(("s", "sh", "ch")) else "s"), stem + "ed"))
        if lemma[-1] in "dt" and len(lemma) > 3 and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
            out.add(lemma + lemma[-1] + "ed")  # admit -> admitted
    return frozenset(out)


def subtree_chars(tok: Token, offset: int, without: tuple[Token, ...] = ()) -> frozenset[int]:
    """Document offsets of the tokens under `tok`, leaving out the subtrees of `without`."""
    skip = {t.i for w in without for t in w.subtree}
    return frozenset(offset + t.idx for t in tok.subtree if t.i not in skip)


def speech_subject(verb: Token) -> Token | None:
    """The subject of a speech verb, inherited along participles and coordination ('..., adding that')."""
    cur = verb
    for _ in range(3):
        subjects = [c for c in cur.children if c.dep_ == "nsubj"]
        if subjects:  # "KAMPALA (Reuters) - Somali Islamists said": the subject nearest the verb
            before = [c for c in subjects if c.i < cur.i]
            # "X, a spokesman for al-Y said": the parser may give the verb the name too; the title is the subject
            titled = [c for c in before if c.lemma_.lower() in words("scope_speaker_nouns") and c.pos_ == "NOUN"]
            if len(before) > 1 and titled:
                return titled[-1]
            cut = _title_cut(before)
            if cut is not None:
                return cut
            cut = _title_before(before[0]) if len(before) > 1 else None
            if cut is not None:
                return cut  # the parser hung the name on the title and the body's name pieces on the verb
            return before[-1] if before else subjects[0]
        if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head  # "a man who said ..."
        if cur.dep_ == "acl" and cur.head.lemma_.lower() in MEDIA_NOUNS:
            return cur.head  # "posted a video claiming responsibility for ...": the video speaks for its poster
        if cur.dep_ in ("attr", "acomp") and cur.head.lemma_ == "be" and cur.i != verb.i:
            cur = cur.head  # "X is the most violent group and claims to ...": the copula's subject speaks
            continue
        if cur.dep_ not in ("advcl", "conj", "xcomp") or cur.head.i == cur.i:
            return None
        if cur.dep_ == "advcl" and cur.tag_ in ("VBD", "VBZ", "VBP"):
            return None  # a finite clause without a subject is misparsed ("as the X Monitor reported"), not "adding"
        cur = cur.head
    return None


def _title_before(first: Token) -> Token | None:
    """The title noun ('a spokesman for al-') whose prepositional object the first of several subjects directly
    follows: the subjects are the rest of the body's name, and the title speaks."""
    if first.i == 0:
        return None
    prev = first.doc[first.i - 1]
    if prev.dep_ != "pobj" or prev.head.dep_ != "prep" or prev.head.lower_ not in ("for", "of"):
        return None
    title = prev.head.head
    return title if title.pos_ == "NOUN" and title.lemma_.lower() in words("scope_speaker_nouns") else None


def _title_cut(subjects: list[Token]) -> Token | None:
    """'X, a spokesman for al-Emarah said': the parser cut the body's name at its hyphen and made the tail the
    verb's subject; the title whose 'for' phrase the name opens speaks (for the person before it)."""
    if not subjects:
        return None
    first = max(subjects, key=lambda t: t.i)
    for t in sorted(subjects, key=lambda t: t.i, reverse=True)[1:]:
        if t.i != first.i - 1:
            break  # the run of subjects glued to the verb's nearest one ("-" "Emarah" of "al-Emarah")
        first = t
    if first.i == 0:
        return None
    prev = first.doc[first.i - 1]
    glued = prev.whitespace_ == "" or first.text == "-"
    title = prev.head.head if prev.dep_ == "pobj" and prev.head.lower_ in ("for", "of") else None
    if not glued or title is None or title.pos_ != "NOUN" or title.lemma_.lower() not in words("scope_speaker_nouns"):
        return None
    return title


def verb_speeches(verb: Token, offset: int, speakers: Speakers, text: str) -> list[Speech]:
    """The scopes one speech or cognition verb opens, one for each speaker it names."""
    lemma = verb.lemma_.lower()
    if lemma in words("scope_responsibility_verbs") and any(c.dep_ == "neg" or c.lower_ == "never"
                                                            for c in verb.children):
        return []  # "X has not claimed (responsibility for) the bombing": X said nothing, and denied nothing
    if lemma in TAG_ONLY and any(c.dep_ in ("dobj", "xcomp", "attr", "acomp") for c in verb.children):
        return []  # "the group continued its attacks" goes on doing; only '"...," he continued' goes on speaking
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
    if lemma == "quote":  # "X was quoted as saying ...": the one quoted speaks
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    elif passive:
        subj = agent  # "they have been accused by authorities of ...": the agent speaks
    else:
        subj = _inverted_speaker(verb, speakers) or speech_subject(verb)
    if subj is None:
        return _glued_tag(verb, offset, speakers, text)
    keys: list[str] = speakers.resolve_all(subj)
    if not keys and claims_responsibility(verb):
        keys = [SELF_CLAIM]  # "a small group claimed responsibility for the attack": the attack's actor says so
    out: list[Speech] = []
    for speaker in keys:
        sp = _verb_scope(verb, lemma, subj, speaker, offset, speakers, text, passive)
        if sp is not None:
            out.append(sp)
            if speaker and speakers.ctx.entity(speaker).type == "Person":
                speakers.recent.append((offset + verb.idx, speaker))
    return out


def _glued_tag(verb: Token, offset: int, speakers: Speakers, text: str) -> list[Speech]:
    """'X did Y, shortly after Z landed in the north, Lebanon's military said', 'Police arrested four men, a source
    and media said': a trailing tag whose speaker the parser glued onto the clause before it (a noun of that clause,
    its object) leaves the verb with no subject; the words between the last comma and the verb speak, and the
    clause before that comma is what they say."""
    doc = verb.doc
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "mark", "nsubjpass") and c.i > verb.i for c in verb.children):
        return []  # a bare tag after its clause only
    if verb.dep_ == "ROOT":
        head = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i), None)
    else:
        head = verb.head if verb.dep_ in ("ccomp", "parataxis", "conj") and verb.head.i < verb.i else None
    start = verb.i
    while start > 0 and verb.i - start < 8 and doc[start - 1].lower_ != "," and (
            doc[start - 1].pos_ not in ("VERB", "AUX", "PUNCT") or doc[start - 1].text == "-"):
        start -= 1  # the speaker's own words ("Lebanon 's military", "an anti - terrorist source and media")
    noun = doc[verb.i - 1]
    if head is None or start == verb.i or start < 2 or doc[start - 1].lower_ != "," or head.i >= start \
            or noun.pos_ not in ("NOUN", "PROPN"):
        return []
    while noun.dep_ == "conj" and start <= noun.head.i < noun.i:
        noun = noun.head  # "a source and media": the first conjunct names them all
    chars = frozenset(offset + t.idx for t in head.subtree if t.i < start - 1)
    # the glued phrase's subtree holds words before the comma too ("in the Israel, Lebanon's military"): a body
    # read by its owner written inside the speaker's own words ("Lebanon's"), else the noun
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.i >= start), None)
    owned = speakers.resolve(owner) if owner is not None and lemma_of(noun) in BODY_NOUNS else None
    # each conjunct inside the tag speaks (the last one, just before the verb, reads to the parser as a subject)
    names = [noun] + [t for t in doc[start:verb.i] if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN")
                      and start <= t.head.i < verb.i]
    keys = [owned] if owned else list(dict.fromkeys(k for t in names if (k := speakers.resolve(t)) is not None))
    return [_speech(key, verb, offset, chars, head, text, False, speakers, span=(0, start - 1)) for key in keys]


def _verb_scope(verb: Token, lemma: str, subj: Token, speaker: str, offset: int, speakers: Speakers, text: str,
                passive: bool) -> Speech | None:
    if lemma == "call" and any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") for c in verb.children):
        return None  # "called on the government to expel X", "called for talks": a request, not a report
    if any(c.dep_ == "mark" and c.lower_ in words("scope_condition_marks") for c in verb.children):
        return None  # "whether it calls itself X or Y": a condition, nobody's statement
    denied = lemma in words("scope_denial_verbs")
    tags = _tags_before(verb)  # a clause another speech tag follows is that tag's
    content = [c for c in verb.children if c.dep_ in CONTENT_DEPS and c.i != subj.i
               and not any(c.i <= t < verb.i for t in tags)] or _taken_up(verb)
    if lemma == "quote":  # "was quoted as saying that ...": the clause under 'saying', else what follows
        saying = [c for t in verb.subtree if t.lemma_.lower() == "say" and t.i > verb.i
                  for c in t.children if c.dep_ == "ccomp"]
        content = saying or [c for c in verb.children if c.dep_ in ("prep", "advcl", "ccomp") and c.i > verb.i]
    if lemma in TAG_ONLY:
        content = [c for c in content if c.dep_ != "xcomp"]  # "has continued to conduct attacks" reports nothing
    # "declaring them terrorist organizations": a verbless noun clause names its subject, it reports nothing
    # ("holds Hamas responsible" still does)
    content = [c for c in content if c.pos_ not in ("NOUN", "PROPN", "PRON")
               or any(t.pos_ in ("VERB", "AUX") for t in c.subtree)]
    if not content and not passive and lemma not in TAG_ONLY:
        content = _that_clause(verb)
    if content and not (lemma in words("scope_forecast_verbs") and content[0].dep_ == "xcomp"):
        clause = content[0]
        # "X, the sources said, while Y, a reporter said" read with the first tag inside the clause: the second
        # speaker says only what follows the first tag
        inner = [t.i for t in clause.children if t.i in _tags_before(clause, after=True)]
        lo = max((x.i for x in clause.doc[inner[-1]].subtree), default=-1) + 1 if inner else 0
        chars = frozenset(offset + t.idx for t in clause.subtree if t.i >= lo)
        if not lo:
            chars |= frozenset(offset + t.idx for c in _fronted_adverbials(verb, clause) for t in c.subtree)
        return _speech(speaker, verb, offset, chars, clause, text, denied, speakers, span=(lo, len(clause.doc)))
    inverted = subj.dep_ == "dobj" and subj.head.i == verb.i  # "..., reported the group's website"
    # a clause introduced by "that"/"if" is what its head says, never a speech tag trailing it
    # ("one can say that X will continue": 'continue' reports nothing of 'say')
    # and so is a free relative ("condemned what he called cowardly attacks": 'called' names, it does not tag)
    subordinate = any(c.dep_ == "mark" or c.tag_ in ("WP", "WDT") and c.dep_ in ("dobj", "nsubj", "attr", "oprd")
                      for c in verb.children)
    # "officials said in 1994 the group announced a new cabinet": a verb with an object of its own after it tells
    # what its subject did; a tag trailing a clause ends it ("..., the group announced on its website")
    acts = any(c.dep_ == "dobj" and c.i > verb.i and c.i != subj.i for c in verb.children)
    trailing = (verb.dep_ in ("parataxis", "ccomp") or inverted) and verb.head.i < verb.i \
        and verb.head.pos_ in ("VERB", "AUX") and not subordinate and not acts
    root = verb.dep_ == "ROOT" or verb.head.i == verb.i  # a unit read alone keeps the label of a cut head
    # "X did Y, the sources said, while Z, a journalist reported": the first tag hung under the second one
    hung = verb.dep_ in ("parataxis", "ccomp") and verb.head.i > verb.i and verb.i in _tags_before(verb.head) \
        and not subordinate
    sibling = _fronted_clause(verb.head, before=verb.i) if hung and not passive else None
    if sibling is not None:
        return _speech(speaker, verb, offset, subtree_chars(sibling, offset), sibling, text, denied, speakers)
    if hung and not passive and verb.head.pos_ in ("VERB", "AUX"):
        # "After the revolution, officials said, it conducted ...": a tag set inside the clause it reports
        return _speech(speaker, verb, offset, subtree_chars(verb.head, offset, (verb,)), verb.head, text, denied,
                       speakers, without=verb)
    if not passive and (trailing or (root and _fronted_clause(verb) is not None)):
        # "X did Y, officials said" read as parataxis, or with the speech verb hung under the clause it reports
        head = verb.head if trailing else _fronted_clause(verb)
        assert head is not None
        chars = subtree_chars(head, offset, (verb,) if trailing else (subj,))
        # a trailing tag ends what it reports ("X, the sources said, while Y ..."): Y is another speaker's
        end = verb.i if trailing else len(verb.doc)
        chars = frozenset(c for c in chars if c < offset + verb.idx) if trailing else chars
        return _speech(speaker, verb, offset, chars, head, text, denied, speakers, without=verb if trailing else None,
                       span=(0, end))
    if _holds_responsible(verb):
        lemma = "blame"  # "Israel holds Hamas responsible for the rocket fire" is an accusation
    elif lemma not in words("scope_object_speech_verbs") and not answers_for(verb):
        return None
    objs = [c for c in verb.children if c.dep_ in ("dobj", "prep", "oprd", "nsubjpass") and c.dep_ != "agent"]
    accused_tok = next((c for c in objs if c.dep_ in ("dobj", "nsubjpass")), None)
    if accused_tok is None or accused_tok.tag_ in ("WP", "WDT"):
        return None  # "to avenge what it called the violence": a free relative names, it reports nothing
    chars = subtree_chars(verb, offset, (subj,) if subj.i in {t.i for t in verb.subtree} else ())
    # "X was accused by the government of bombing Y": the parser hangs the charge on the accuser
    chars |= frozenset(offset + t.idx for c in subj.children if c.dep_ == "prep"
                       and c.lower_ == CHARGE_PREPOSITIONS.get(lemma) for t in c.subtree)
    target = None
    if lemma in words("scope_accusation_verbs"):
        accused = [k for k in speakers.args.resolve(accused_tok, "agent", nominal_ok=False)
                   if speakers.args.etype(k) in SPEAKER_TYPES]
        target = accused[0] if accused else None
    sp = _speech(speaker, verb, offset, chars, verb, text, denied, speakers,
                 without=subj if subj.dep_ != "pobj" else subj.head, from_verb=not passive)
    sp.target = target
    sp.kind = "object"
    return sp


def _taken_up(verb: Token) -> list[Token]:
    """'denied reports that it had bombed X', 'dismissed claims that ...': the clause a report noun takes up is what
    the verb's subject says (or denies), not the noun itself."""
    nouns = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in words("scope_report_nouns")]
    clauses = [g for c in nouns for g in c.children if g.dep_ in ("acl", "ccomp") and g.pos_ in ("VERB", "AUX")
               and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)]
    # "rejects the accusations of the regime that it works with X": the parser reads the clause as a relative one
    # on the accuser, its 'that' as an object beside a subject of the clause's own
    clauses += [g for c in nouns for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj" for g in o.children if g.dep_ == "relcl"
                and any(t.lower_ == "that" and t.dep_ != "nsubj" for t in g.children)
                and any(t.dep_ == "nsubj" for t in g.children)]
    return clauses


def _fronted_adverbials(verb: Token, clause: Token) -> list[Token]:
    """'Officials said after the fall of the regime, X retreated to Y': the phrases between the speech verb and a
    reported clause set off by a comma open that clause, though the parser hangs them on the verb."""
    doc = verb.doc
    edge = clause.left_edge.i
    if not (doc[edge].is_punct and doc[edge].lower_ == "," or edge > 0 and doc[edge - 1].lower_ == ","):
        return []
    return [c for c in verb.children if c.dep_ in ("prep", "advcl", "npadvmod", "advmod") and verb.i < c.i < clause.i
            and c.right_edge.i < edge + (0 if doc[edge].is_punct else -1) + 1]


def _that_clause(verb: Token) -> list[Token]:
    """'X said at the end of his visit that ...' misparsed: the verb of the first 'that' clause after it."""
    for t in verb.subtree:
        if t.i > verb.i and t.dep_ == "mark" and t.lower_ == "that" and t.head.pos_ in ("VERB", "AUX") \
                and t.head.i != verb.i and not _other_speaker_between(t.head, verb):
            return [t.head]
    return []


def _other_speaker_between(clause: Token, verb: Token) -> bool:
    """'accused X of Y, adding that Z': the 'that' clause hangs on a speech verb of its own below `verb`."""
    cur = clause.head
    while cur.i != verb.i and cur.head.i != cur.i:
        if cur.lemma_.lower() in words("scope_speech_verbs"):
            return True
        cur = cur.head
    return False


def _inverted_speaker(verb: Token, speakers: Speakers) -> Token | None:
    """'... killed 23 members, reported the group's website': the speaker parsed as the object of a trailing verb."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].lower_ != "," or verb.head.i >= verb.i or \
            verb.dep_ not in ("conj", "parataxis", "ccomp", "advcl"):
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "oprd") for c in verb.children):
        return None  # "..., calling it a terrorist attack": the object is what is named, not who speaks
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON" and (
        c.lemma_.lower() in MEDIA_NOUNS or c.lemma_.lower() in words("scope_speaker_nouns")
        or speakers.args.entity_at(c) is not None)]
    return objs[0] if objs else None


def claims_responsibility(verb: Token) -> bool:
    """'claimed responsibility for', 'claimed credit for', 'took responsibility for'."""
    return verb.lemma_.lower() in words("scope_responsibility_verbs") and _owns_to(verb)


def answers_for(verb: Token) -> bool:
    """'claimed responsibility for', 'denied any involvement in', 'rejected responsibility for': the speaker says
    it did, or did not do, the act its object names."""
    lemma = verb.lemma_.lower()
    return (lemma in words("scope_responsibility_verbs") or lemma in words("scope_denial_verbs")) and _owns_to(verb)


def bare_denial(verb: Token) -> bool:
    """'the group denies any involvement', 'X denied responsibility': a denial of a share in an act it does not
    name, so the act is the one told of the denier just before."""
    if verb.lemma_.lower() not in words("scope_denial_verbs"):
        return False
    shares = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in words("scope_responsibility_nouns")]
    return bool(shares) and not any(c.dep_ == "prep" for t in shares for c in t.children) \
        and not any(c.dep_ == "prep" and c.lower_ in ("in", "for") for c in verb.children)


def _owns_to(verb: Token) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() in words("scope_responsibility_nouns") for c in verb.children)


def _tags_before(verb: Token, after: bool = False) -> list[int]:
    """Token indices of the speech tags hung under a verb before it ('X, the sources said, while Y, ... reported'),
    or with `after`, after it (the tag parsed as a child of the clause it reports)."""
    speech = words("scope_speech_verbs")
    return [c.i for c in verb.children if (c.i > verb.i if after else c.i < verb.i)
            and c.dep_ in ("parataxis", "ccomp") and c.lemma_.lower() in speech
            and any(g.dep_ == "nsubj" for g in c.children)
            and not any(g.dep_ in ("dobj", "ccomp", "xcomp", "mark") for g in c.children)]  # a bare tag only


def _fronted_clause(verb: Token, before: int | None = None) -> Token | None:
    """'Police arrested four men, an official said': the clause before a sentence-final speech verb (or, with
    `before`, the nearest one before that word).

    A verb with an object of its own reports no clause before it ('..., Hamas denounced the strikes'); a clause
    opened by a subordinator of time or cause ('As aircraft circled, Hamas said ...') is when it spoke, not what
    it said; and a clause another speech tag follows ('X, the sources said, while Y, an AFP journalist
    reported') is that tag's."""
    if before is None and any(c.dep_ == "dobj" for c in verb.children):
        return None
    end = verb.i if before is None else before
    speech = words("scope_speech_verbs")
    tags = _tags_before(verb)
    # 'dep': a reported clause the parser could not read as one ("X and Y train Z members ..., officials claimed")
    found = [c for c in verb.children if c.i < end and c.dep_ in ("ccomp", "parataxis", "advcl", "dep")
             and c.lemma_.lower() not in speech and not any(c.i < t < end for t in tags)
             and not any(g.dep_ == "mark" and g.lower_ in words("scope_circumstance_marks") for g in c.children)]
    return (found[0] if before is None else found[-1]) if found else None


def _speech(speaker: str, verb: Token, offset: int, chars: frozenset[int], clause: Token, text: str,
            denied: bool, speakers: Speakers, without: Token | None = None, from_verb: bool = False,
            span: tuple[int, int] | None = None) -> Speech:
    doc = verb.doc
    lo, hi = span or (0, len(doc))  # the token indices the content may take
    toks = [t for t in clause.subtree if (without is None or t not in set(without.subtree)) and lo <= t.i < hi]
    if from_verb:  # "denied any involvement": the verb and its object are what was said
        toks = [t for t in toks if t.i >= verb.i]
    while toks and (toks[0].dep_ in ("mark", "punct") or toks[0].is_punct or toks[0].is_space
                    or toks[0].dep_ == "aux" and toks[0].lower_ == "to"):  # "claims to promote X": promote X
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    if not toks:
        return Speech(speaker, verb, offset, chars, offset + verb.idx, offset + verb.idx, "", denied=denied)
    start, end = offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1])
    words_ = text[start:end].strip(" \"'\u201c\u201d\u2018\u2019,")
    del doc
    return Speech(speaker, verb, offset, chars, start, end, words_, via=outlet(verb, speakers.args, speakers.ctx),
                  denied=denied)


def according_speeches(tok: Token, offset: int, speakers: Speakers, text: str) -> list[Speech]:
    """'According to X, ...' and '..., according to X': the clause it modifies is X's word."""
    doc = tok.doc
    if tok.lower_ != "according" or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return []
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) or doc[tok.i + 2]
    # "according to a police officer and members of the group": each conjunct says it
    found = [k for k in (speakers.resolve(cand) for cand in ArgResolver.conjuncts(pobj)) if k is not None]
    if not found:
        return []
    head = tok.head if tok.head.i != tok.i else tok
    while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis") and head.head.i != head.i:
        head = head.head
    while head.dep_ == "conj" and head.head.i != head.i:  # "X attacked A, but B was spared, according to Y"
        head = head.head
    phrase = tok if tok.head.i != tok.i else to
    inside = {p.i for p in phrase.subtree}
    comma = next((t.i for t in phrase.subtree if t.i > to.i and t.lower_ == ","), None)
    if comma is not None and tok.i < head.i:
        # "According to a statement by X, the council was included ...": the parser may hang the clause's
        # subject under the phrase; the phrase ends at its comma
        inside = {i for i in inside if i < comma}
    chars = frozenset(offset + t.idx for t in head.subtree if t.i not in inside)
    toks = [t for t in head.subtree if t.i not in inside and not t.is_space]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return []
    start, end = offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1])
    return [Speech(speaker, tok, offset, chars, start, end, text[start:end].strip(" ,"), kind="according")
            for speaker in dict.fromkeys(found)]


def outlet(verb: Token, args: ArgResolver, ctx: DocContext) -> str | None:
    """The outlet of reported speech: 'in an interview with Asia Times', 'told the BBC'."""
    # the object of "blamed X for", "accused X of" is the accused, never an outlet
    accusing = lemma_of(verb) in words("scope_object_speech_verbs")
    # "claimed responsibility for the attack on the X Ministry": what the speaker answers for is no outlet either
    answering = answers_for(verb)
    stack = [c for c in verb.children if (c.dep_ in ("prep", "dative") or c.dep_ == "dobj" and not accusing)
             and not (answering and (c.dep_ == "dobj" or c.lower_ in ("for", "in")))]
    seen = 0
    while stack and seen < 12:
        seen += 1
        cur = stack.pop(0)
        key = args.entity_at(cur)
        if key and args.etype(key) in ("Organization",) and cur.dep_ != "prep":
            return ctx.entity(key).name
        stack += [c for c in cur.children if c.dep_ in ("pobj", "prep", "compound")]
    return None


def unit_speeches(tokens: list[Token], offset: int, speakers: Speakers, text: str) -> list[Speech]:
    """Every attribution scope a sentence unit opens."""
    out: list[Speech] = []
    speech = words("scope_speech_verbs")
    for tok in tokens:
        # ("... and claims links with X", the tagger's noun with an object, is a verb again: nlp/repairs.verb_tags)
        lemma = tok.lemma_.lower()
        holds = _holds_responsible(tok)
        if tok.pos_ in ("VERB", "AUX") and (lemma in speech or holds or claims_responsibility(tok)):
            found = verb_speeches(tok, offset, speakers, text)
            if not found and tok.dep_ == "acl" and tok.tag_ == "VBN" and lemma == "claim":
                found = _claimed_deed(tok, offset, speakers, text)
            out += found or _misparsed_claim(tok, offset, speakers, text)
        elif tok.lemma_.lower() == "claim" and tok.pos_ == "NOUN" and tok.dep_ != "appos":
            out += _claims_to(tok, offset, speakers, text)
        elif tok.dep_ == "appos" and tok.lemma_.lower() in words("scope_allegation_nouns"):
            out += _denied_allegation(tok, offset, speakers, text)
        elif tok.lower_ == "according":
            out += according_speeches(tok, offset, speakers, text)
    return out


def _claimed_deed(verb: Token, offset: int, speakers: Speakers, text: str) -> list[Speech]:
    """'An attack claimed by the front killed 12 people': what the clause tells of the claimed deed is the
    claimant's word (its by-agent's)."""
    agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
    noun = verb.head
    clause = noun.head if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX") else noun
    if agent is None:
        return []
    chars = subtree_chars(clause, offset, (agent,))
    return [_speech(key, verb, offset, chars, clause, text, False, speakers, without=verb)
            for key in speakers.resolve_all(agent)]


def _denied_allegation(noun: Token, offset: int, speakers: Speakers, text: str) -> list[Speech]:
    """'Rebels say the army bombed a school, a charge the government denies': the clause the noun takes up is the
    denier's negated word."""
    denial = next((c for c in noun.children if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in
                   words("scope_denial_verbs")), None)
    subj = next((c for c in denial.children if c.dep_ == "nsubj"), None) if denial is not None else None
    clause = noun.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    if denial is None or subj is None or clause.pos_ not in ("VERB", "AUX"):
        return []
    chars = subtree_chars(clause, offset, (noun,))
    out = [_speech(key, denial, offset, chars, clause, text, True, speakers, without=noun)
           for key in speakers.resolve_all(subj)]
    for sp in out:
        sp.kind = "allegation"  # a second voice: the claims keep their own speaker and get the denier's copy
    return out


def _misparsed_claim(tok: Token, offset: int, speakers: Speakers, text: str) -> list[Speech]:
    """'X claims responsibility for Y' parsed with 'claims' as a modifier of the noun ('claims' a compound in a
    heading, 'a video claiming responsibility' an adjective): the subject of the phrase, or of the verb the noun
    hangs under, claims it."""
    doc = tok.doc
    if tok.lemma_.lower() != "claim" or tok.i + 1 >= len(doc) or tok.head.i != tok.i + 1 \
            or doc[tok.i + 1].lemma_.lower() not in words("scope_responsibility_nouns"):
        return []
    noun = doc[tok.i + 1]
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None and noun.head.i != noun.i:
        subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    named = next((c for c in subj.children if c.dep_ == "appos" and speakers.args.entity_at(c) is not None),
                 None) if subj is not None else None
    subj = named or subj  # "an obscure Islamist group, the al-Nusra Front, has posted ...": the name speaks
    keys = speakers.resolve_all(subj) if subj is not None else []
    span = [t for t in noun.subtree if t.i >= tok.i and not t.is_space] + [tok]
    span.sort(key=lambda t: t.i)
    while span and span[-1].is_punct:
        span = span[:-1]
    start, end = offset + span[0].idx, offset + span[-1].idx + len(span[-1])
    chars = frozenset(offset + t.idx for t in span)
    return [Speech(key, tok, offset, chars, start, end, text[start:end], kind="object") for key in keys]


def _claims_to(tok: Token, offset: int, speakers: Speakers, text: str) -> list[Speech]:
    """'X is a group ... and claims to promote Y' parsed with 'claims' as a noun joined to the copula's noun and
    'to promote' hung under the copula: the copula's subject claims what the infinitive says."""
    doc = tok.doc
    if tok.i == 0 or tok.i + 2 >= len(doc) or doc[tok.i - 1].lower_ != "and" or doc[tok.i + 1].lower_ != "to" \
            or tok.tag_ != "NNS":
        return []
    verb = doc[tok.i + 2]
    if verb.pos_ != "VERB" or verb.dep_ != "xcomp" or verb.head.i >= tok.i:
        return []
    subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return []
    chars = subtree_chars(verb, offset)
    to = doc[tok.i + 1]  # the words said start at the verb
    return [_speech(key, tok, offset, chars, verb, text, False, speakers, without=to)
            for key in speakers.resolve_all(subj)]


def _holds_responsible(verb: Token) -> bool:
    """'holds X responsible (for Y)': an accusation, with 'responsible' on the verb or, as the parser often has
    it, on X."""
    return verb.lemma_.lower() == "hold" and any(
        t.lemma_.lower() == "responsible" for c in verb.children
        for t in [c, *(c.children if c.dep_ == "dobj" else ())])
