"""Arguments of a frame: from a parse token to the entities it names (coordination, owners, nominals)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from claimgraph.core.lexicon import words
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import demonym_country
from claimgraph.model import Mention

# nouns that stand for the state or body that owns them when that body acts ("US officials supported")
PROXY_NOUNS = words("claims_proxy_nouns")
# nouns for things an owner has: attacking or closing them touches the owner ("MKO offices", "Iran's economy")
ASSET_NOUNS = words("claims_asset_nouns")
# people nouns: when they are the patient they form a group of their own ("American officers were killed")
PEOPLE_NOUNS = words("claims_people_nouns")
# institutions that are actors in their own right when no owner is named ("the new regime")
INSTITUTION_NOUNS = words("claims_institution_nouns")
# where the owner of a regime is a country, the regime is that country (CAMEO actor coding)
STATE_NOUNS = {"regime", "government", "administration", "authority", "state"}
ANAPHOR_NOUNS = {"group", "organization", "organisation", "movement", "party", "militia", "network"}
ANAPHOR_PRONOUNS = {"it", "its", "they", "them", "their"}
VAGUE_DETERMINERS = {"another", "some", "any", "other", "a", "an"}
# the people of an armed body told by what they are ('the militants said ...', 'the rebels belonged to X'):
# as the doers of a clause with no name of their own, the body the text is about
FIGHTER_NOUNS = {"militant", "insurgent", "rebel", "guerrilla", "jihadist", "fighter"}
# words in the name of a state's own forces or offices ('the Marovian Army', 'the Interior Ministry'): no fighters'
# body ('Islamic State' is one)
FORCES_WORDS = words("entity_state_body_heads") | {"army", "military", "forces", "police", "government", "regime"}
EXAMPLE_PREPS = {"like", "including", "include", "such"}
# short forms an owner is written with that no demonym table holds ("U.S. officials"); demonyms come from the
# one table (extract/entity_gazetteer.py)
SHORT_FORMS = {"us": "United States", "u.s.": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom"}
ACTOR_TYPES = {"Organization", "Person", "Country", "Group"}
NP_LEFT_DEPS = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "advmod", "npadvmod"}
DROP_LEFT = words("claims_drop_left")


class ArgResolver:
    """Maps parse tokens to entity keys through the document's mentions, adding nominal entities."""

    def __init__(self, ctx: DocContext, doc: Doc | None = None, offset: int = 0) -> None:
        self.ctx = ctx
        self.doc = doc if doc is not None else ctx.doc  # a re-parsed fragment starts at `offset`
        self.offset = offset
        self.overrides: dict[int, list[str]] = {}  # token index -> keys (a list introducer's slot)
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the token -> mention index (after mentions were added)."""
        self.at: list[Mention | None] = [None] * len(self.doc)
        # longer mentions win; on equal spans a named actor beats a nationality group ("Greek")
        ordered = sorted(self.ctx.analysis.mentions, key=lambda m: (m.end - m.start, m.type != "Group"))
        limit = self.offset + (len(self.ctx.text) if self.doc is self.ctx.doc else len(self.doc.text))
        for m in ordered:  # longer mentions win: they are written last
            if m.end <= self.offset or m.start >= limit:
                continue
            span = self.doc.char_span(max(0, m.start - self.offset), min(limit, m.end) - self.offset,
                                      alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.at[tok.i] = m
        if self.doc is self.ctx.doc:  # the topic list comes from the whole document's parse
            orgs: list[tuple[int, str]] = []
            for tok in self.doc:
                found = self.at[tok.i]
                # the speaker of a tag set inside another clause ('After the war, the ministry said, it ...') is
                # not what the clause is about
                inside_tag = tok.head.dep_ == "parataxis" and tok.head.head.i > tok.head.i
                if found and tok.dep_ in ("nsubj", "nsubjpass") and not inside_tag \
                        and self.ctx.entity(found.entity_key).type == "Organization":
                    orgs.append((tok.idx, self.ctx.find(found.entity_key)))
            self.ctx.memo["nominal.subject_orgs"] = orgs

    # ------------------------------------------------------------ basic look-ups
    def entity_at(self, tok: Token) -> str | None:
        """The entity a token lies in, or None."""
        m = self.at[tok.i]
        return self.ctx.find(m.entity_key) if m else None

    def etype(self, key: str) -> str:
        """Type of an entity."""
        return self.ctx.entity(key).type

    def topic_org(self, before: int) -> str | None:
        """The last organization that was a subject before token `before` of this parse (the text's topic)."""
        char = self.offset + (self.doc[before].idx if before < len(self.doc) else len(self.doc.text))
        best = None
        for at, key in self.ctx.memo.get("nominal.subject_orgs", []):
            if at >= char:
                break
            best = key
        return best

    def country(self, name: str) -> str:
        """The key of a country by name (created when the text never named it)."""
        for key, ent in self.ctx.analysis.entities.items():
            if self.ctx.find(key) == key and ent.type == "Country" and (
                    ent.name == name or name in ent.aliases):
                return key
        return self.ctx.add_entity(name, "Country")

    # ------------------------------------------------------------ structure
    @staticmethod
    def conjuncts(tok: Token) -> list[Token]:
        """A token and the tokens coordinated with it, in text order."""
        out = [tok]
        stack = [tok]
        while stack:
            cur = stack.pop()
            for child in cur.children:
                if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM") and \
                        not ArgResolver.opens_clause(child):
                    out.append(child)
                    stack.append(child)
        # "by the US and by Canada", "to X or to Y": the object of the same preposition said again
        prep = tok.head if tok.dep_ == "pobj" else None
        for again in (c for c in prep.children if c.dep_ == "conj" and c.pos_ == "ADP"
                      and c.lower_ == prep.lower_) if prep is not None else ():
            for obj in (c for c in again.children if c.dep_ == "pobj"):
                out += [t for t in ArgResolver.conjuncts(obj) if t not in out]
        return sorted(out, key=lambda t: t.i)

    @staticmethod
    def opens_clause(tok: Token) -> bool:
        """True for a 'conjunct' that is really the subject of the next verb ('... and officers were killed')."""
        nxt = tok.right_edge.i + 1
        if nxt >= len(tok.doc):
            return False
        after = tok.doc[nxt]
        if after.pos_ not in ("AUX", "VERB"):
            return False
        verb = after.head if after.dep_ in ("aux", "auxpass") else after
        return not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)

    @staticmethod
    def owner_tokens(tok: Token) -> list[Token]:
        """Tokens that say whose a noun is: possessive, compound, 'of X', adjectives."""
        owners = [c for c in tok.children if c.dep_ in ("poss", "compound", "nmod")]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "in"):
                owners += [p for p in c.children if p.dep_ == "pobj"]
        owners += [c for c in tok.children if c.dep_ == "amod"]
        return owners

    def np_text(self, tok: Token, with_of: bool = True, with_conj: bool = False) -> tuple[int, int]:
        """Character span of a noun phrase's core (and its 'of' phrase), without leading determiners."""
        left = tok.i
        stack = [tok]
        while stack:
            cur = stack.pop()
            for c in cur.lefts:
                if c.dep_ in NP_LEFT_DEPS:
                    left = min(left, c.left_edge.i)
        right = tok.i
        tails = self.conjuncts(tok) if with_conj else [tok]
        for t in tails:
            right = max(right, t.i)
            for c in t.rights:
                if with_of and c.dep_ == "prep" and c.lower_ == "of":
                    right = max(right, c.right_edge.i)
        while left < tok.i and (self.doc[left].lower_ in DROP_LEFT or self.doc[left].is_punct
                                or self.doc[left].dep_ == "case"):
            left += 1
        while right > tok.i and self.doc[right].is_punct:
            right -= 1
        return self.offset + self.doc[left].idx, self.offset + self.doc[right].idx + len(self.doc[right])

    def nominal(self, tok: Token, type_: str, with_conj: bool = False) -> str:
        """A new entity named by the noun phrase at `tok` (for groups no recognizer names).

        No mention is recorded: a description ("the new regime") is not a name, and name-level
        scorers and the alias store should not see it as one.
        """
        start, end = self.np_text(tok, with_conj=with_conj)
        return self.ctx.add_entity(self.ctx.text[start:end], type_)

    # ------------------------------------------------------------ resolution
    def examples(self, tok: Token) -> list[Token]:
        """'Western countries, including the US and Canada' -> the tokens of US and Canada."""
        out: list[Token] = []
        for c in tok.children:
            # "such as X" also comes parsed as the preposition "as" with "such" hung on it
            such_as = c.dep_ == "prep" and c.lower_ == "as" and any(g.lower_ == "such" for g in c.children)
            if c.dep_ in ("prep", "acl") and c.lower_ in EXAMPLE_PREPS or such_as:
                for p in c.children:
                    if p.dep_ in ("pobj", "dobj"):
                        out += self.conjuncts(p)
                    if p.dep_ == "prep" and p.lower_ == "as":  # such as
                        out += [q for g in p.children if g.dep_ == "pobj" for q in self.conjuncts(g)]
        return out or self._among_them(tok)

    def _among_them(self, tok: Token) -> list[Token]:
        """'freed several members, among them X (and Y)': the name after the comma that an 'among them' phrase
        hangs on is an example of the plural noun just before it (the parser attaches it to the verb)."""
        if tok.tag_ not in ("NNS", "NNPS"):
            return []
        sent = tok.sent
        for t in sent:
            if t.i <= tok.i or t.pos_ != "PROPN":
                continue
            among = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "among"), None)
            if among is None or not any(p.lower_ in ("them", "whom") for p in among.children) or among.i < tok.i:
                continue
            between = [x for x in sent if tok.i < x.i < among.i]
            if not between or between[-1].text != "," or any(x.tag_ in ("NNS", "NNPS") for x in between):
                return []  # the nearest plural noun before "among them" only
            return self.conjuncts(t)
        return []

    def resolve(self, tok: Token, role: str = "agent", nominal_ok: bool = True) -> list[str]:
        """Entity keys a noun phrase names; role is 'agent' or 'patient' (changes how proxies read)."""
        keys: list[str] = []
        conj = self.conjuncts(tok)
        if len(conj) > 1 and role == "patient" and nominal_ok and all(
                c.lemma_.lower() in PEOPLE_NOUNS and self.entity_at(c) is None for c in conj) and any(
                self.identified(c) for c in conj) and not any(self._owner(c, role) for c in conj):
            return [self.nominal(conj[0], "Group", with_conj=True)]
        for c in conj:
            for key in self._resolve_one(c, role, nominal_ok):
                if key not in keys:
                    keys.append(key)
        return keys

    def resolve_one(self, tok: Token, role: str = "agent", nominal_ok: bool = True) -> list[str]:
        """Entity keys one noun names, without following its coordination."""
        return self._resolve_one(tok, role, nominal_ok)

    def _resolve_one(self, tok: Token, role: str, nominal_ok: bool) -> list[str]:
        if tok.i in self.overrides:
            return list(self.overrides[tok.i])
        examples = self.examples(tok)
        if examples:
            found = [k for e in examples for k in self._resolve_one(e, role, nominal_ok=False)]
            if found:
                return found
        lemma = tok.lemma_.lower()
        if lemma in ANAPHOR_NOUNS and any(c.lower_ == "that" and c.dep_ == "det" for c in tok.children):
            # a distal 'that group' points past the subject, whatever the coreference pass linked it to
            named = self.distal(tok)
            if named:
                return [named]
        key = self.entity_at(tok)
        if key is not None:
            return [key]
        if lemma in ANAPHOR_NOUNS:
            # "the Hamas movement", "the MKO organization": the name modifying the noun is the group
            for c in tok.children:
                if c.dep_ in ("compound", "nmod") and c.i < tok.i:
                    named = self.entity_at(c)
                    if named and self.etype(named) == "Organization":
                        return [named]
                    if named and c.pos_ == "PROPN" and self.etype(named) == "Person":
                        return []  # "the al Shabaab rebel group" (a name mistyped a person) is not the topic
        if (role == "agent" or tok.dep_ == "nsubj") and lemma in FIGHTER_NOUNS and tok.tag_ == "NNS" and [
                c.lower_ for c in tok.children if c.dep_ not in ("punct",)] == ["the"]:
            topic = self.topic_org(tok.i)  # "the militants belonged to X": nothing but the article says who
            # a state's body the text follows ('the army said the rebels ...') is never its own rebels
            state_body = topic is not None and any(
                w in FORCES_WORDS for w in self.ctx.entity(topic).name.lower().split())
            return [topic] if topic and not state_body else []
        if tok.pos_ == "PRON" or (lemma in ANAPHOR_NOUNS and any(
                c.lower_ in ("the", "this", "that") for c in tok.children)):
            if tok.lower_ in ANAPHOR_PRONOUNS or lemma in ANAPHOR_NOUNS:
                topic = self.topic_org(tok.i)
                return [topic] if topic else []
            return []
        if lemma in ASSET_NOUNS and lemma not in PEOPLE_NOUNS:
            # "the parliament building": the institution, not the building's country
            inst = [c for c in tok.children if c.dep_ in ("compound", "nmod")
                    and c.lemma_.lower() in INSTITUTION_NOUNS]
            if inst:
                return self._resolve_one(inst[0], role, nominal_ok)
        if lemma in PROXY_NOUNS or lemma in ASSET_NOUNS:
            owner = self._owner(tok, role)
            if owner:
                return [owner]
        if not nominal_ok:
            return []
        if lemma in PEOPLE_NOUNS and tok.tag_ in ("NNS", "NNPS") and role == "patient" and self.identified(tok):
            return [self.nominal(tok, "Group")]
        if lemma in INSTITUTION_NOUNS and not any(c.dep_ == "det" and c.lower_ in VAGUE_DETERMINERS
                                                  for c in tok.children):
            return [self.nominal(tok, "Organization")]  # "another government", "some agency" name no one
        return []

    def distal(self, tok: Token) -> str | None:
        """What 'that group' points back to: the nearest organization named earlier in its sentence outside the
        subject ('X has ties to Y and may have received support from that group': Y); None sends it to the topic."""
        for prev in reversed(list(tok.sent)[: tok.left_edge.i - tok.sent.start]):
            key = self.entity_at(prev)
            if key is None or self.etype(key) != "Organization":
                continue
            head = prev
            while head.dep_ in ("compound", "amod", "nmod", "appos", "flat") and head.head is not head:
                head = head.head
            if head.dep_ not in ("nsubj", "nsubjpass"):
                return key
        return None

    @staticmethod
    def identified(tok: Token) -> bool:
        """True when a people noun says who they are ('American officers', 'leaders of X'), not just how many."""
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod") and c.lower_ not in DROP_LEFT:
                return True
            if c.dep_ == "prep" and c.lower_ == "of":
                return True
        return False

    def _owner(self, tok: Token, role: str) -> str | None:
        lemma = tok.lemma_.lower()
        for o in self.owner_tokens(tok):
            if o.dep_ == "amod":
                named = self.entity_at(o)
                country_key = named if named and self.etype(named) == "Country" else None
                country = demonym_of(o.text)
                if country_key is None and country is None:
                    continue
                if role == "patient" and lemma in PEOPLE_NOUNS:
                    return None  # "American officers were killed": the people, not the state
                if lemma in INSTITUTION_NOUNS and lemma not in STATE_NOUNS:
                    return None  # "the Syrian parliament" is an actor of its own
                if lemma in PROXY_NOUNS:
                    return country_key or self.country(str(country))
                continue
            keys = self._resolve_one(o, "agent", nominal_ok=False)
            if not keys:
                continue
            key = keys[0]
            etype = self.etype(key)
            if etype not in ACTOR_TYPES:
                continue
            if role == "patient" and lemma in PEOPLE_NOUNS and etype not in ("Organization",):
                return None
            if lemma in INSTITUTION_NOUNS and lemma not in STATE_NOUNS:
                return None  # "Iran's parliament" is an actor of its own
            return key
        return None


def demonym_of(word: str) -> str | None:
    """The country a nationality word names ('French', 'Iraqi', 'iranian' in lower-case text), or None."""
    if word.lower() in SHORT_FORMS:
        return SHORT_FORMS[word.lower()]
    return demonym_country(word[:1].upper() + word[1:] if word.islower() else word)


def tokens_between(doc_tokens: Iterable[Token], start: int, end: int) -> list[Token]:
    """Tokens whose start lies in [start, end)."""
    return [t for t in doc_tokens if start <= t.idx < end]
