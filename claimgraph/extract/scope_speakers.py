"""Who a speech cue's subject is: a named actor, a pronoun, a title ('the minister'), a body ('the army', 'the
agency') or an unnamed speaker ('officials', 'Tamil Tiger rebels'), read off the dependency tree."""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimgraph.core.lexicon import words
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import demonym_country
from claimgraph.extract.nominal import ArgResolver

# pronouns that stand for the author or for nobody in particular: no speaker to attribute to
AUTHOR_SUBJECTS = frozenset({"one", "i", "we", "you", "this", "that", "which", "what"})
SPEAKER_TYPES = frozenset({"Person", "Organization", "Group", "Country"})
# unnamed speakers that are bodies rather than people
BODY_NOUNS = words("scope_body_nouns")
MEDIA_NOUNS = frozenset(words("scope_media_nouns"))  # "the statement said": its author
# bare nouns for a state's armed forces, one body whichever is written ('Lebanon's military' ... 'the army')
ARMED_FORCES = frozenset({"army", "military"})
# nouns for people who may speak unnamed ("rebels say", "the militants claimed")
PEOPLE_NOUNS = frozenset(words("claims_events_person_nouns")) | frozenset(words("claims_events_perp_nouns"))


def lemma_of(tok: Token) -> str:
    """The lower-cased lemma of a token."""
    return tok.lemma_.lower()


def nobody(tok: Token) -> bool:
    """'no group', 'none of the factions': a phrase that names no one."""
    return tok.lower_ in ("nobody", "none", "no-one") or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


class Speakers:
    """Maps the subject of a speech cue to an entity: named, a pronoun, a title ('the minister') or unnamed."""

    def __init__(self, ctx: DocContext, args: ArgResolver, recent: list[tuple[int, str]] | None = None) -> None:
        self.ctx = ctx
        self.args = args
        # (offset, key) of the people who spoke earlier in this document, shared by the run over its units
        self.recent = recent if recent is not None else []

    def resolve_all(self, tok: Token) -> list[str]:
        """The speakers a noun phrase names, one for each conjunct ('a police officer and members of the group')."""
        out: list[str] = []
        for cand in ArgResolver.conjuncts(tok):
            key = self.resolve(cand)
            if key is not None and key not in out:
                out.append(key)
        return out

    def resolve(self, tok: Token) -> str | None:
        """The speaker entity a noun phrase names, or None."""
        low = tok.lower_
        if low in AUTHOR_SUBJECTS or tok.dep_ == "relcl" or low in ("who", "that") or nobody(tok):
            return None
        if lemma_of(tok) in words("scope_document_nouns"):
            return None  # "according to Executive Order 13224": an instrument, no one's word
        person = self.person_in(tok)
        if person:  # "the group's leader Maryam Rajavi", "the minister, Flores Araoz": the person speaks
            return person
        if self.members_of_named(tok):
            # "Tigris Front commanders claim ...": the commanders speak, as people of the group, not the group
            return self.unnamed(tok, "Group")
        own = self.args.entity_at(tok)
        if own is not None and tok.pos_ in ("NOUN", "PROPN") and lemma_of(tok) not in words("scope_speaker_nouns") \
                and self._demonym_of(tok, own):
            group = lemma_of(tok) in words("scope_group_nouns")
            # "Somali Islamists said", "the main Iranian resistance movement condemned": the people or the
            # body the phrase names speak, not the nation its adjective names
            return self.unnamed(tok, "Organization" if group else self.plural_type(tok))
        if own is not None and tok.pos_ == "NOUN" and lemma_of(tok) in BODY_NOUNS \
                and tok.text.lower() not in self.ctx.entity(own).name.lower() and self.args.etype(own) != "Country":
            # "the army said", read by coreference as the text's topic group: the state whose army was named,
            # or the body last named with this noun ("the agency" after "Iran's Fars news agency")
            owner = self.body_owner(tok) or self.named_before(tok)
            if owner is not None:
                return owner
            if self.args.etype(own) == "Organization":
                return self.unnamed(tok, "Organization")  # "the army said" in a text on a rebel front: not the front
        # "the video said": a coreference of the item to a body is no author; the media rules below read it
        coref_item = tok.pos_ == "NOUN" and lemma_of(tok) in MEDIA_NOUNS and own is not None \
            and tok.lower_ not in self.ctx.entity(own).name.lower()
        if own is not None and self.args.etype(own) in SPEAKER_TYPES and not coref_item:
            return own
        char = self.args.offset + tok.idx
        if low in ("he", "she", "him", "her"):
            return self.last_person(char)
        lemma = tok.lemma_.lower()
        if lemma in MEDIA_NOUNS:  # "a posting on a pro-rebel web site, TamilNet", "the group's statement"
            owners = [k for c in tok.children if c.dep_ == "poss"
                      for k in self.args.resolve_one(c, "agent", nominal_ok=False)
                      if self.args.etype(k) in SPEAKER_TYPES]
            # "the army statement", "a police statement": the body written before the noun made it
            bodies = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and c.pos_ == "NOUN"
                      and c.lemma_.lower() in words("scope_speaker_nouns")]
            author = self.named_in(tok, whole=True) or (owners[0] if owners else None) or (
                self.resolve(bodies[-1]) if bodies else None) or self.poster(tok) or (
                self.earlier_poster(tok) or self.args.topic_org(tok.i)
                if any(c.lower_ == "the" for c in tok.children) else None)
            if author is None and not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "its")
                                          for c in tok.children):
                # "according to (press) reports", "a report said": an unnamed source, a speaker as "officials"
                # is (the text does not say it in its own voice); "the statement" is one told before, or no one's
                key = self.unnamed(tok, "Group")
                self.ctx.entity(key).attrs["_authorless"] = True  # an item by no one: no words of anyone to store
                return key
            return author
        if lemma not in words("scope_speaker_nouns"):
            # "the al Shabaab rebel group", "Tamil Tiger rebels": the name inside the phrase
            inside = self.named_in(tok)  # a name inside the phrase beats the topic a bare "the group" stands for
            keys = [k for k in self.args.resolve_one(tok, "agent", nominal_ok=False)
                    if self.args.etype(k) in SPEAKER_TYPES]
            found = inside or (keys[0] if keys else None)
            run = self.name_run(tok)
            if run and (found is None or self.ctx.entity(found).name in run and self.ctx.entity(found).name != run):
                return self.ctx.add_entity(run, "Organization")  # the recognizer caught part of the name, or none
            if found is not None and tok.pos_ in ("NOUN", "PROPN") and self._demonym_of(tok, found):
                group = lemma_of(tok) in words("scope_group_nouns")  # as above, when a child holds the name
                return self.unnamed(tok, "Organization" if group else self.plural_type(tok))
            if found is None and tok.tag_ == "NNS" and lemma in PEOPLE_NOUNS:
                # "rebels say ...", "the insurgents claimed ...", with no group in the text they could stand for:
                # unnamed people speak, the text does not say it in its own voice
                return self.unrecognized(tok) or self.unnamed(tok, "Group")
            if found is None and lemma in words("scope_group_nouns") and tok.pos_ == "NOUN" and not any(
                    c.dep_ in ("amod", "compound", "poss") for c in tok.children):
                # "..., the group said" with no group in the text it could stand for: an unnamed body speaks, the
                # text does not say it in its own voice
                return self.unrecognized(tok) or self.unnamed(tok, "Organization")
            return found or self.unrecognized(tok)
        named = self.named_just_before(tok)
        if named is not None:
            return named  # "X, a spokesman for Y, said": the person the title follows speaks
        # "according to a spokesman": an indefinite title with nothing on it brings in someone new, never a
        # person named before
        bare = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) and not any(
            c.dep_ in ("prep", "poss", "compound", "nmod", "appos") for c in tok.children)
        keys = [] if bare else [k for k in self.args.resolve_one(tok, "agent", nominal_ok=False)
                                if self.args.etype(k) in SPEAKER_TYPES]
        if lemma in BODY_NOUNS and self.named_in(tok, whole=True) is None:
            owner = self.body_owner(tok) or self.named_before(tok)
            if owner is not None and (not keys or self.args.etype(keys[0]) != "Country"):
                return owner  # "the army said" after "the Lebanese army": Lebanon's, not the topic group's
        if keys:  # "Lebanon's military", "Turkish officials": the body they speak for
            return keys[0]
        if tok.tag_ in ("NN", "NNP") and lemma not in BODY_NOUNS and not bare:
            titled = self.titled_person(lemma, char)  # "the minister" after "the minister, Flores Araoz"
            if titled:
                return titled
        type_ = "Organization" if lemma in BODY_NOUNS else "Group" if tok.tag_ in ("NNS", "NNPS") else "Person"
        return self.unnamed(tok, type_)

    def members_of_named(self, tok: Token) -> bool:
        """True for a plural speaker noun of people written after a group's name ('Tigris Front commanders',
        'Hamas security sources'); a nation's adjective ('Turkish officials') or a body ('the army') is not one."""
        if tok.tag_ != "NNS" or lemma_of(tok) in BODY_NOUNS or lemma_of(tok) not in words("scope_speaker_nouns"):
            return False
        names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
        keys = [k for c in names if (k := self.args.entity_at(c)) is not None]
        # a nationality written as a name ('Iraqi officials' tagged NNP) is the state's voice, read elsewhere
        return bool(keys) and len(keys) == len(names) and all(demonym_country(c.text) is None for c in names) \
            and all(self.args.etype(k) in ("Organization", "Group") for k in keys)

    def poster(self, tok: Token) -> str | None:
        """The actor who put out a statement ('the group posted a video claiming ...', 'X issued a statement
        saying ...'): the subject of the verb the media noun is the object of."""
        if tok.dep_ != "dobj" or tok.head.pos_ != "VERB":
            return None
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lemma_.lower() in MEDIA_NOUNS:
            return None
        return self.resolve(subj)

    def earlier_poster(self, tok: Token) -> str | None:
        """'The video said ...' after 'X has posted a video ...': the poster of the last such item put out before,
        within a few paragraphs (the one that speaks, not whoever was named since)."""
        char = self.args.offset + tok.idx
        lemma = tok.lemma_.lower()
        found = None
        for t in self.ctx.doc:
            if t.idx >= char:
                break
            if t.idx < char - 3000 or t.lemma_.lower() != lemma or t.dep_ in ("nsubj", "nsubjpass"):
                continue
            verb = t.head  # "has posted a video (online claiming ...)": the verb the item is put out by
            for _ in range(2):
                if verb.pos_ == "VERB" or verb.head.i == verb.i:
                    break
                verb = verb.head
            if verb.pos_ != "VERB" or verb.i > t.i:
                continue
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.lemma_.lower() in MEDIA_NOUNS:
                continue
            start, end = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
            keys = [self.ctx.find(m.entity_key) for m in self.ctx.mentions_in(start, end)]
            keys = [k for k in keys if self.ctx.entity(k).type in SPEAKER_TYPES]
            if keys:
                found = keys[-1]  # "An obscure group, the X Front, posted ...": the name in the phrase
        return found

    @staticmethod
    def plural_type(tok: Token) -> str:
        """Group for a plural noun ('insurgents', 'Islamists'), else Person."""
        return "Group" if tok.tag_ in ("NNS", "NNPS") else "Person"

    def _demonym_of(self, tok: Token, key: str) -> bool:
        """True when `key` is only a nationality or an adjective modifying the noun `tok`."""
        ent = self.ctx.entity(key)
        if tok.text in ent.name:
            return False
        # a nationality, or an adjective the recognizer took for a name ("a small Salafist group")
        return any(c.dep_ in ("amod", "compound") and c.text in ent.name and (
            ent.attrs.get("nationality") or c.tag_ == "JJ") for c in tok.children)

    def unrecognized(self, tok: Token) -> str | None:
        """A speaker the recognizer missed: a proper-noun subject ('The Encyclopedia of Terrorism describes'),
        or the proper nouns naming a group noun ('the Ahfad al-Sahaba group said')."""
        if tok.pos_ == "PROPN":
            type_ = "Person" if tok.ent_type_ == "PERSON" else "Organization"
            return self.unnamed(tok, type_) if tok.ent_type_ not in ("GPE", "LOC", "DATE") else None
        run = self.name_run(tok)
        if run:
            return self.ctx.add_entity(run, "Organization")
        names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
        if tok.tag_ == "NNS" and names:  # "Tamil Tiger rebels say": the people the names describe speak
            first = min(t.i for n in tok.children if n.dep_ in ("compound", "amod", "nmod") and n.i < tok.i
                        for t in n.subtree)
            doc = tok.doc
            while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].head.i == first - 1 \
                    and not doc[first - 1].whitespace_.count("\n"):
                first -= 1  # a proper noun the parser left stranded as a root ("Tamil | Tiger rebels")
            start, end = self.args.offset + tok.doc[first].idx, self.args.offset + tok.idx + len(tok)
            return self.ctx.add_entity(self.ctx.text[start:end], "Group")
        return None

    def name_run(self, tok: Token) -> str | None:
        """The proper nouns written before a group noun ('the Ahfad al-Sahaba group' -> 'Ahfad al-Sahaba')."""
        names = [c for c in tok.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < tok.i]
        if not names or tok.lemma_.lower() not in words("scope_group_nouns"):
            return None
        first = min(t.i for n in names for t in n.subtree)
        last = max(n.i for n in names)
        start = self.args.offset + tok.doc[first].idx
        end = self.args.offset + tok.doc[last].idx + len(tok.doc[last])
        return self.ctx.text[start:end]

    def person_in(self, tok: Token) -> str | None:
        """A person named in apposition to the phrase or as its name ('spokesman Felix K.', 'X, a spokesman')."""
        group = tok.lemma_.lower() in words("scope_group_nouns")  # "the X group": X names the group, not a person
        near = [tok] + [c for c in tok.children if c.dep_ in ("appos", "compound", "flat") and not group]
        near += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj" and p.pos_ == "PROPN"]  # "Inspector General of Police Kale Kayihura"
        if tok.lemma_.lower() in words("scope_speaker_nouns"):  # "the spokesman, who goes by the name of X"
            near += [t for c in tok.children if c.dep_ == "relcl" for t in c.subtree if t.pos_ == "PROPN"]
            # "a spokesman for the Ember Front, Tom Aldo": the parser hangs the name on the body; a person in
            # apposition to a body is the title's holder (not so after a person: "a spokesman for the minister, X")
            near += [a for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of") for p in c.children
                     if p.dep_ == "pobj" and (body := self.args.entity_at(p)) is not None
                     and self.args.etype(body) in ("Organization", "Country") for a in p.children if a.dep_ == "appos"]
        if tok.dep_ == "appos":
            near.append(tok.head)
        for t in near:
            key = self.args.entity_at(t)
            if key is not None and self.args.etype(key) == "Person":
                return key
        titled = tok.lemma_.lower() in words("scope_speaker_nouns") and tok.tag_ == "NN"
        for c in tok.children:  # "the minister, Flores Araoz" typed as something else: a titled name is a person
            key = self.args.entity_at(c) if c.dep_ == "appos" and c.pos_ == "PROPN" else None
            if titled and key is not None and self.args.etype(key) not in ("Country", "Place"):
                return key
        named = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN" and self.args.entity_at(c) is None]
        if named and titled:
            # "the defence minister of Peru, Flores Araoz": a title in apposition to a name the recognizer missed
            name = [t for t in named[0].subtree if t.dep_ in ("compound", "flat", "appos") and t.pos_ == "PROPN"]
            if name:
                start = self.args.offset + name[0].idx
                end = self.args.offset + name[-1].idx + len(name[-1])
                return self.ctx.add_entity(self.ctx.text[start:end], "Person")
        return None

    def named_in(self, tok: Token, whole: bool = False) -> str | None:
        """An actor named inside the phrase before its head (or, with `whole`, anywhere in it but clauses)."""
        skip = {t.i for c in tok.children if c.dep_ in ("relcl", "acl", "conj", "cc") for t in c.subtree}
        found: list[str] = []
        for t in tok.subtree:
            if t.i in skip or t.i == tok.i or (not whole and t.i > tok.i):
                continue
            key = self.args.entity_at(t)
            if key is not None and (t.pos_ == "DET" or t.pos_ == "NOUN" and lemma_of(t) in BODY_NOUNS
                                    and t.lower_ not in self.ctx.entity(key).name.lower()):
                continue  # "the army statement": a bare body noun read by coreference names no one
            if key is not None and self.args.etype(key) in SPEAKER_TYPES:
                found.append(key)
        persons = [k for k in found if self.args.etype(k) == "Person"]
        if whole and persons:  # "a statement by State Department spokesman Tom Casey": the person made it
            return persons[0]
        return found[0] if found else None

    def unnamed(self, tok: Token, type_: str) -> str:
        """An entity for an unnamed speaker, named by its phrase without articles, clauses or coordination."""
        skip = {t.i for c in tok.children if c.dep_ in ("relcl", "acl", "conj", "cc", "appos", "punct")
                for t in c.subtree}
        skip |= {t.i for c in tok.children if c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children)
                 for t in c.subtree}  # "accused by authorities of being involved": 'of ...' is not their name
        cut = min([c.i for c in tok.children if c.dep_ in ("cc", "conj") and c.i > tok.i], default=len(tok.doc))
        toks = [t for t in tok.subtree if t.i not in skip and t.i < cut]
        while toks and (toks[0].lower_ in ("the", "a", "an", "some", "several", "this", "these") or toks[0].is_punct):
            toks = toks[1:]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        if not toks:
            return self.args.nominal(tok, type_)
        start = self.args.offset + toks[0].idx
        end = self.args.offset + toks[-1].idx + len(toks[-1])
        return self.ctx.add_entity(self.ctx.text[start:end], type_)

    def body_owner(self, tok: Token) -> str | None:
        """The country last named with the same body noun before a bare one ('the Lebanese army', 'Lebanon's
        military' ... 'the army said'), or None."""
        char = self.args.offset + tok.idx
        forms = ARMED_FORCES if tok.lower_ in ARMED_FORCES else frozenset({tok.lower_})
        after = re.compile(r"(?:['\u2019]s)?\s+(?:[a-z]+\s+)?(" + "|".join(sorted(forms)) + r")\b")
        low = self.ctx.text.lower()
        found = None
        for m in self.ctx.mentions_in(max(0, char - 3000), char):
            key = self.ctx.find(m.entity_key)
            if self.ctx.entity(key).type == "Country" and m.end < char and after.match(low, m.end):
                found = key  # mentions come in text order: the last one wins
        return found

    def named_before(self, tok: Token) -> str | None:
        """The body last named with the same head noun before a bare 'the agency' / 'the ministry' ('Iran's Fars
        news agency' ... 'according to the agency'), within a few sentences, or None."""
        if [c.lower_ for c in tok.children if c.dep_ != "punct"] != ["the"] or tok.tag_ != "NN":
            return None
        char = self.args.offset + tok.idx
        doc = self.ctx.doc
        found: tuple[int, int] | None = None
        for t in doc:
            if t.idx >= char:
                break
            if t.idx < char - 1500 or t.lower_ != tok.lower_:
                continue
            names = [c for c in t.children if c.dep_ in ("compound", "nmod") and c.i < t.i and c.pos_ == "PROPN"]
            if names:
                first = min(x.i for n in names for x in n.subtree if x.dep_ != "poss" and x.i < t.i)
                found = (doc[first].idx, t.idx + len(t))  # the last one written wins
        if found is None:
            return None
        start, end = found
        mention = self.ctx.mention_at(start, end)
        if mention is not None and mention.start <= start and mention.end >= end:
            return self.ctx.find(mention.entity_key)
        return self.ctx.add_entity(self.ctx.text[start:end], "Organization")

    def named_just_before(self, tok: Token) -> str | None:
        """The person whose name the title phrase follows after a comma ('Omar Farid, a spokesman for ...')."""
        if tok.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            return None
        start = self.args.offset + tok.left_edge.idx
        found = self.persons_before(start, 80)
        if not found:
            return None
        at, key = found[-1]
        mention_end = max((m.end for m in self.ctx.mentions_in(at, start) if self.ctx.find(m.entity_key) == key),
                          default=-1)
        return key if re.fullmatch(r",\s*", self.ctx.text[mention_end:start]) else None

    def persons_before(self, char: int, window: int) -> list[tuple[int, str]]:
        """(start, key) of the Person mentions in the `window` characters before `char`, nearest last."""
        out = []
        for m in self.ctx.mentions_in(max(0, char - window), char):
            key = self.ctx.find(m.entity_key)
            if self.ctx.entity(key).type == "Person" and m.end <= char:
                out.append((m.start, key))
        return sorted(out)

    def last_person(self, char: int) -> str | None:
        """The nearest person named before a personal pronoun (within a few sentences)."""
        spoke = [(at, key) for at, key in self.recent if char - 400 <= at < char]
        if spoke:  # news keeps its speaker: '"...," he told reporters' after 'Smith said'
            return spoke[-1][1]
        found = self.persons_before(char, 600)
        return found[-1][1] if found else None

    def titled_person(self, title: str, char: int) -> str | None:
        """The nearest earlier person named next to the same title ('Defence Minister X', 'X, the minister')."""
        text = self.ctx.text.lower()
        for start, key in reversed(self.persons_before(char, 1500)):  # the title written next to the name
            near = text[max(0, start - 60): start + 80]
            if title in near:
                return key
        return None
