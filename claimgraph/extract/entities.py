"""Entity recognition: the statistical model's names, corrected and completed by rules.

One stage gathers candidates (model, alias table, country names, datelines, camps, acronyms,
capitalised names with cue words), keeps the best non-overlapping ones, decides one type per
name by vote, then marks every other occurrence of a found name in the document too.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from claimgraph.extract import entity_rules as rules
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_capitals import capital_candidates
from claimgraph.extract.entity_context import person_part
from claimgraph.extract.entity_gazetteer import STATE_FORM_WORDS, country_of, demonym_country, is_known_place
from claimgraph.extract.entity_kinds import acts_like_an_organization, names_a_site, portfolio
from claimgraph.extract.entity_lists import listed_person_candidates
from claimgraph.extract.entity_nouns import org_noun_candidates
from claimgraph.extract.entity_rules import Candidate
from claimgraph.extract.entity_votes import NAME_ARTICLES, SOURCE_TRUST, vote_types
from claimgraph.model import Mention
from claimgraph.plugins import hookimpl
from claimgraph.resolve.aliases import acronym_matches, load_alias_table, table_pattern
from claimgraph.resolve.names import is_acronym, norm_name

# spaCy (OntoNotes) labels → claimgraph entity types; unlisted labels are not entities
LABEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place",
               "NORP": "Group", "EVENT": "Event"}
LEADING_WORDS = {"the", "a", "an", "former", "ex", "late", "then"}
# prefixes that make a nationality or name an adjective ('anti-Varnian'); an Arabic article ('al-') is no such one
PREFIXES = {"anti", "pro", "non", "ex", "post", "pre"}
POSSESSIVE_TOKENS = {"'s", "\u2019s", "'", "\u2019"}
TRAILING_JUNK = re.compile(r"^[\W\d]+$")
DATE_TOKEN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# a group named after a day ('Revolutionary Organization 17 November', 'Movement of 26 July'): the date the model
# read apart is the end of the name when it follows an organisation word and nothing but the line's end follows it
_MONTH = "|".join(calendar.month_name[1:])
DATE_NAME_TAIL = re.compile(rf"^ (?:of )?(?:\d{{1,2}} (?:{_MONTH})|(?:{_MONTH}) \d{{1,2}})(?=[ \t]*(?:\n|$|\(|,|;))")
# a spaCy span mostly covering a line that reads 'MKO's Ties with Mossad:' is a heading, not a name


def clean_span(span: Span) -> list[Span]:
    """A model span without a leading article or 'former', a trailing possessive or numbers,
    split where it runs over ' - ' (a results line: 'Romania - Cosmin Contra')."""
    pieces: list[Span] = []
    current_start = span.start
    for tok in span:
        if (tok.text in ("-", "\u2013", "\u2014", ":") and tok.whitespace_) or tok.text in ("(", ")") \
                or "\n" in tok.text \
                or DATE_TOKEN.match(tok.text):
            pieces.append(span.doc[current_start: tok.i])
            current_start = tok.i + 1
    pieces.append(span.doc[current_start: span.end])
    out = []
    for piece in pieces:
        owner = next((t.i for t in piece if t.text in POSSESSIVE_TOKENS and t.i > piece.start), None)
        if owner is not None and country_of(span.doc[piece.start: owner].text):
            piece = span.doc[owner + 1: piece.end]  # "Iraq's Ministry of Interior": the ministry is named after it
        while len(piece) > 0 and piece[0].lower_ in LEADING_WORDS:
            piece = piece[1:]
        if len(piece) > 3 and piece[0].lower_ in PREFIXES and piece[1].text == "-" and not piece[0].whitespace_ \
                and not piece[1].whitespace_ and piece[3].text[:1].isupper():
            piece = piece[3:]  # 'anti-Varnian Ostrava Brotherhood': the prefixed word is an adjective, not the name's
        while len(piece) > 0 and (piece[-1].text in POSSESSIVE_TOKENS or TRAILING_JUNK.match(piece[-1].text)):
            piece = piece[:-1]
        while len(piece) > 0 and TRAILING_JUNK.match(piece[0].text) and not _number_of_name(piece):
            piece = piece[1:]
        while len(piece) > 1 and piece[-1].is_lower and piece[-1].is_alpha:
            piece = piece[:-1]  # 'Interfax news agency' → 'Interfax'
        while len(piece) > 0 and (piece[-1].text in POSSESSIVE_TOKENS or TRAILING_JUNK.match(piece[-1].text)):
            piece = piece[:-1]
        if len(piece) > 0 and any(ch.isalpha() for ch in piece.text) and not (
                len(pieces) > 1 and not piece.text.isupper() and (piece.text.lower() in STOP_WORDS or len(piece) == 1
                                                                 and piece[0].pos_ in _NO_NAME_POS)):
            # 'Below' of a title run into the next line's 'Below is a statement', its 'According to ...': no name
            out.append(piece)
    return out


# a surname opened by a lower-case article ('al-Mansouri', 'el-Sayed'): the name after the hyphen
ARTICLE_SURNAME = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)[-\u2010]([A-Z][\w'\u2019]{2,})$")

# word classes of no name: the first word of a line the model ran into the name above it
_NO_NAME_POS = {"VERB", "AUX", "ADP", "ADV", "SCONJ", "CCONJ", "DET", "PRON", "PART"}



def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha


def with_name_particles(span: Span) -> Span:
    """A model span widened over the lower-case parts the model cut off a transliterated name: an article before
    it ('al Shabaab', 'al-Qaeda'), an article-joined word after it ('Fatah al-Islam') and hyphen-joined particles
    ('Markaz-ud-Dawa-wal-Irshad'); a part that opens another name the model found is left to that name."""
    doc = span.doc
    start, end = span.start, span.end
    if not _capitalised(doc[start]):
        return span
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and doc[start - 2].lower_ in NAME_ARTICLES and doc[start - 2].is_lower and not doc[start - 2].whitespace_:
        start -= 2  # 'al-Qaeda'
    elif start >= 1 and doc[start - 1].lower_ in NAME_ARTICLES and doc[start - 1].is_lower \
            and doc[start - 1].whitespace_ == " " and doc[start - 1].ent_iob_ != "I":
        start -= 1  # 'al Shabaab'
    if start >= 1 and doc[start - 1].is_digit and len(doc[start - 1]) <= 2 and doc[end - 1].lower_ in rules.ORG_CUES \
            and (start == 1 or doc[start - 2].lower_ in ("the", ";", ",") or "\n" in doc[start - 2].text):
        start -= 1  # 'the 32 County Sovereignty Movement': the number is the name's first word
    while True:
        nxt = doc[end: end + 4]
        joined = not doc[end - 1].whitespace_
        if len(nxt) >= 4 and joined and nxt[0].text == "-" and nxt[1].is_lower and len(nxt[1]) <= 3 \
                and nxt[2].text == "-" and _capitalised(nxt[3]) \
                and not any(t.whitespace_ for t in nxt[:3]) and nxt[3].ent_iob_ != "B":
            end += 4  # '-ud-Dawa', '-e-Taliban'
            continue
        if len(nxt) >= 3 and doc[end - 1].whitespace_ == " " and nxt[0].lower_ in NAME_ARTICLES and nxt[0].is_lower \
                and nxt[1].text == "-" and not nxt[0].whitespace_ and not nxt[1].whitespace_ \
                and _capitalised(nxt[2]) and nxt[0].ent_iob_ != "B" and nxt[2].ent_iob_ != "B":
            end += 3  # ' al-Islam'
            continue
        break
    return doc[start:end] if (start, end) != (span.start, span.end) else span


def _number_of_name(piece: Span) -> bool:
    """'32 County Sovereignty Movement': a small number opening a body's name the model read whole is part of it
    (a year or a count is not: the model reads those as dates and numbers of their own)."""
    return len(piece) >= 3 and piece[0].text.isdigit() and len(piece[0].text) <= 2 and piece[1].text[:1].isupper() \
        and piece[-1].lower_ in rules.ORG_CUES


def model_candidates(ctx: DocContext, headings: list[tuple[int, int]]) -> list[Candidate]:
    """Candidates from spaCy's named entities, cleaned and typed."""
    out: list[Candidate] = []
    for ent in ctx.doc.ents:
        type_ = LABEL_TYPES.get(ent.label_)
        if type_ is None:
            continue
        for span in clean_span(ent):
            span = with_name_particles(span)
            if ent.label_ == "PERSON":
                span, byline_places = person_part(span)
                out.extend(byline_places)
            if rules.covers_heading(span.start_char, span.end_char, headings, ctx.text):
                continue
            if span.text.replace(".", "") in rules.COMMON_ABBREVIATIONS:
                continue
            if not any(ch.isupper() for ch in span.text) and has_capitals(ctx.text):
                continue  # 'congress', 'the group': common nouns, not names (unless the text has no capitals)
            if ent.label_ == "ORG" and portfolio(span):
                continue
            while ent.label_ == "PERSON" and len(span) > 1 and span[0].lower_.rstrip(".") in rules.PERSON_TITLES:
                span = span[1:]  # 'Minister Benjamin Netanyahu' → 'Benjamin Netanyahu'
            if len(span) > 1 and span[-1].lower_.rstrip(".") in rules.PERSON_TITLES:
                # 'the TTP Emir', 'Police Chief': a rank after a body's name names the body, not a person or place
                body = span
                while len(body) > 0 and body[-1].lower_.rstrip(".") in rules.PERSON_TITLES:
                    body = body[:-1]
                if len(body) and (is_acronym(body.text) or ent.label_ != "PERSON" and body[-1].lower_ in rules.ORG_CUES):
                    span, type_ = body, "Organization"
            if type_ == "Person" and len(span) > 1 and span[-1].text[:1].isupper() and span[-1].lower_ in _BODY_ENDS:
                type_ = "Organization"  # 'Varnian Dawn Front', 'X Movement': a body's noun ends no person's name
            if type_ == "Person" and names_a_site(span):
                type_ = "Place"  # 'the club's Bernabeu stadium', 'Jinnah hospital': a site named after someone
            if ent.label_ == "NORP" and _group_name_read_as_nationality(span):
                out.append(Candidate(span.start_char, span.end_char, "Organization", "ner", 2))
                continue
            if ent.label_ == "NORP" or (len(span.text.split()) <= 2 and demonym_country(span.text)
                                        and not country_of(span.text)) \
                    or (len(span) == 1 and span.text in rules.COMMUNITY_WORDS):  # 'a Tamil group': no person
                out.extend(rules.norp_candidates(span))
                continue
            if span.text.isupper() and (rules.in_capitals_run(ctx.doc, span.start, span.end)
                                        or (len(span) > 2 and rules._mostly_capitals(span.sent))):
                continue  # runs of a capitals headline ('BASEBALL - MAJOR LEAGUE STANDINGS')
            if type_ == "Place" and country_of(span.text) or type_ == "Place" and ent.label_ == "GPE" and set(span.text.lower().split()) & STATE_FORM_WORDS:
                type_ = "Country"
            if type_ == "Place" and acts_like_an_organization(span):
                type_ = "Organization"
            out.append(Candidate(span.start_char, span.end_char, type_, "ner", 2))
    return out


# the last words of a name that make it a body's: organisation nouns that are cue words too
_BODY_ENDS = rules.ORG_CUES & rules.ORG_NOUNS


def _group_name_read_as_nationality(span: Span) -> bool:
    """'Boko Haram', 'Abu Sayyaf': a name of two words or more the model took for a nationality, none of whose words
    is a nationality, community, country or creed word, is a group's name ('Sri Lankan', 'Sunni Arab' are not)."""
    words_ = span.text.replace("-", " ").split()
    if len(words_) < 2 or not all(w[:1].isupper() for w in words_ if w.lower() not in NAME_ARTICLES):
        return False
    return not demonym_country(span.text) and not any(demonym_country(w) or country_of(w) or w in rules.COMMUNITY_WORDS or w.endswith(("ist", "ists"))
                   for w in words_)


def with_day_names(cands: list[Candidate], text: str) -> list[Candidate]:
    """Organisation names ending in an organisation word take the day written right after them as their end."""
    out = []
    for c in cands:
        words = text[c.start:c.end].split()
        plain = c.type == "Organization" and not c.note and not c.name  # a table's name is complete
        tail = DATE_NAME_TAIL.match(text[c.end:c.end + 30]) if plain else None
        if tail and words and words[-1].lower() in rules.ORG_CUES:
            c = Candidate(c.start, c.end + tail.end(), c.type, c.source, c.priority)
        out.append(c)
    return out


def merge_adjacent_nationalities(cands: list[Candidate], text: str) -> list[Candidate]:
    """'Iraqi Kurdish': two nationality words in a row are one group name."""
    norp = sorted((c for c in cands if c.note == "norp"), key=lambda c: c.start)
    out = [c for c in cands if c.note != "norp"]
    i = 0
    while i < len(norp):
        cur = norp[i]
        while i + 1 < len(norp) and norp[i + 1].start == cur.end + 1 and text[cur.end] == " ":
            cur = Candidate(cur.start, norp[i + 1].end, "Group", "ner", max(cur.priority, norp[i + 1].priority),
                            note="norp")
            i += 1
        out.append(cur)
        i += 1
    return out


def select(cands: list[Candidate]) -> list[Candidate]:
    """Best non-overlapping candidates: strong ones first, longer first; the same span twice
    keeps the more trusted source's type; a nationality word may sit inside a group named after it."""
    nested = [c for c in cands if c.note == "norp"]
    cands = [c for c in cands if c.note != "norp"] + nested
    by_span: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    for c in cands:
        by_span[(c.start, c.end)].append(c)
    merged: list[Candidate] = []
    for group in by_span.values():
        best = max(group, key=lambda c: (SOURCE_TRUST.get(c.source, 1.0), c.priority))
        best.priority = max(c.priority for c in group)
        extra = [c for c in group if c.note and c is not best and c.type != best.type]
        merged.append(best)
        merged.extend(extra)  # a nationality stays a mention of its own beside the state it speaks for
    merged.sort(key=lambda c: (c.priority >= 2, c.end - c.start, c.priority), reverse=True)
    taken: list[tuple[int, int, Candidate]] = []
    occupied = bytearray(max((c.end for c in merged), default=0) + 1)
    kept: list[Candidate] = []
    for c in merged:
        if any(occupied[c.start: c.end]):
            if c.note == "norp" and all(k.note in ("collective", "demonym") for s, e, k in taken
                                        if s < c.end and e > c.start):
                kept.append(c)
            continue
        occupied[c.start: c.end] = b"\x01" * (c.end - c.start)
        taken.append((c.start, c.end, c))
        kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))


def plural_group_names(cands: list[Candidate], text: str) -> list[Candidate]:
    """'Tamil Tigers' in a headline, 'Tamil Tiger rebels' below: a name of two words or more whose last word is a
    capitalised plural, the text also writing it in the singular, names a group, never a person or place (a
    person's name is not written both ways); the singular form before a group noun is a mention of the group
    (where the model read it as a nationality and its noun)."""
    plurals: dict[str, str] = {}  # the singular as written -> the plural name
    singles: list[Candidate] = []
    for c in cands:
        if c.note or c.name or c.source not in ("ner", "rule") or c.type == "Country":
            continue
        form = text[c.start:c.end]
        words_ = form.split()
        last = words_[-1] if words_ else ""
        if len(words_) < 2 or not last[:1].isupper() or last.isupper() or len(last) <= 3 \
                or not last.endswith("s") or last.endswith(("ss", "'s", "\u2019s")):
            continue
        singular = " ".join(words_[:-1] + [last[:-1]])
        found = list(re.finditer(rf"(?<![\w-]){re.escape(singular)}(?![\w'\u2019-])", text))
        if found and singular not in plurals:
            plurals[singular] = form
            singles += [Candidate(m.start(), m.end(), "Organization", "rule", 2.5, name=form) for m in found]
    if not plurals:
        return cands
    out: list[Candidate] = []
    for c in cands:
        form = text[c.start:c.end]
        if form in plurals.values() and not c.note:
            c = Candidate(c.start, c.end, "Organization", c.source, c.priority)
        elif c.note in ("norp", "collective"):
            # 'Tamil Tiger rebels' (collective), 'Tamil Tiger' (a nationality): the group's name and a noun
            one = next((w for w in plurals if form == w or form.startswith(w + " ")), None)
            if one is not None:
                c = Candidate(c.start, c.start + len(one), "Organization", "ner", 2, name=plurals[one])
        out.append(c)
    return out + singles


def surnames_read_as_nationalities(kept: list[Candidate], text: str) -> list[Candidate]:
    """'Ghani' after 'Ashraf Ghani': a word the model took for a nationality that is no demonym or community word
    but the surname of a person named in the document is that person."""
    surnames = set()
    for c in kept:
        words = text[c.start: c.end].split()
        if c.type == "Person" and not c.note and len(words) >= 2:
            surnames.add(words[-1])
    out = []
    for c in kept:
        word = text[c.start: c.end]
        # a surname beats the demonym look-up's guess ('Ghani' is no word for people of Ghana)
        if c.note == "norp" and word in surnames and word not in rules.COMMUNITY_WORDS:
            c = Candidate(c.start, c.end, "Person", "ner", 2)
        out.append(c)
    return out


class EntityRecognizer:
    """Mentions from the model and the rules, one type per name, every occurrence marked."""

    name = "entities.recognize"
    requires = ()
    provides = ("entities",)

    def run(self, ctx: DocContext) -> None:
        """Find, select, type and record every entity mention of the document."""
        text = ctx.text
        table = load_alias_table(ctx.settings.extract.alias_table)
        headings = rules.heading_lines(text)
        acronyms = rules.acronym_candidates_in(ctx.doc)
        doc_acronyms = {text[c.start: c.end].replace(".", "") for c in acronyms}
        cands = model_candidates(ctx, headings)
        cands += listed_person_candidates(ctx.doc, cands)
        caseless = not has_capitals(text)
        cands += rules.table_candidates(text, table_pattern(ctx.settings.extract.alias_table, caseless), table)
        cands += rules.country_candidates(ctx.doc, caseless)
        if caseless:
            cands += rules.caseless_acronym_candidates(text)
        cands += rules.dateline_candidates(text)
        cands += rules.camp_candidates(text)
        cands += rules.regime_candidates(ctx.doc)
        cands += capital_candidates(ctx.doc)
        cands += [c for c in rules.capitalised_name_candidates(ctx.doc, doc_acronyms)
                  if not rules.covers_heading(c.start, c.end, headings, text)]
        cands += acronyms
        cands += rules.nationality_candidates(ctx.doc)
        cands += [c for c in org_noun_candidates(ctx.doc) if not rules.covers_heading(c.start, c.end, headings, text)]
        cands = with_day_names([rules.retype(c, text, table) for c in cands], text)
        # the agency of a wire dateline filed the story: as a mention it would become the doer of the story's
        # acts through 'they' and 'the group'
        agencies = rules.wire_agency_spans(text)
        cands = [c for c in cands if not any(a <= c.start and c.end <= b for a, b in agencies)]
        kept = select(merge_adjacent_nationalities(plural_group_names(cands, text), text))
        kept = surnames_read_as_nationalities(kept, text)
        kept += [c for c in self._propagate(ctx, kept, caseless)
                 if not any(a <= c.start and c.end <= b for a, b in agencies)]
        kept = select(kept)
        types = vote_types(ctx, kept)
        self._record(ctx, kept, types)

    def _propagate(self, ctx: DocContext, kept: list[Candidate], caseless: bool = False) -> list[Candidate]:
        """Every other occurrence of a name found once is a mention too; a person's surname alone
        and a name in capitals ('LEBED', 'ROMANIA') count; in a text without capitals, lower-case names do."""
        forms: dict[str, Candidate] = {}
        surname_owner: dict[str, set[str]] = defaultdict(set)
        for c in kept:
            if c.note in ("norp", "demonym", "collective"):
                continue
            form = ctx.text[c.start: c.end]
            if len(form) < 2 or (form.islower() and not (caseless and len(form) >= 3 and form not in STOP_WORDS)):
                continue
            forms.setdefault(form, c)
            first, _, rest = form.partition(" ")
            if c.type in ("Organization", "Group") and first.lower() in NAME_ARTICLES and rest[:1].isupper():
                forms.setdefault(rest, c)  # 'Hadaf fighters' after 'Al Hadaf militants'
            if not form.isupper():
                forms.setdefault(form.upper(), c) if len(form) > 3 else None
            if c.type == "Person":
                words = form.split()
                if len(words) >= 2:
                    for word in (words[-1], words[0]):
                        if len(word) > 2 and word[0].isupper() and not word.endswith(".") and not word.isupper():
                            surname_owner[word].add(norm_name(form))
                    article = ARTICLE_SURNAME.match(words[-1])
                    if article:  # 'al-Mansouri', then 'Mansouri', after 'Tariq al-Mansouri'
                        for word in (words[-1], article.group(1)):
                            surname_owner[word].add(norm_name(form))
        for word, owners in surname_owner.items():
            if len(owners) == 1 and word not in forms:  # 'Massoud' of two Massouds stays unmarked
                forms[word] = Candidate(0, 0, "Person", "propagated", 1)
        if not forms:
            return []
        max_words = max(len(f.split()) for f in forms)
        first_words = {_lead(f) for f in forms}
        tokens = ctx.doc
        out: list[Candidate] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if not (caseless or tok.text[:1].isupper()) or _lead(tok.text) not in first_words:
                i += 1
                continue
            for n in range(min(max_words + 2, len(tokens) - i), 0, -1):
                span = tokens[i: i + n]
                src = forms.get(span.text)
                if src is not None and span.text.lower() in STOP_WORDS \
                        and rules.in_capitals_line(ctx.text, span.start_char, span.end_char):
                    src = None  # 'IS' in 'THE TOWN IS QUIET' is the verb of a headline
                if src is not None:
                    out.append(Candidate(span.start_char, span.end_char, src.type, "propagated", 1.9,
                                         name=src.name))
                    i += n - 1
                    break
            i += 1
        return out

    def _record(self, ctx: DocContext, kept: list[Candidate], types: dict[str, str]) -> None:
        """Turn the selected candidates into entities and mentions of the context."""
        parentheticals: list[tuple[str, str]] = []
        last_key: dict[int, str] = {}  # mention end offset → entity key, for 'Long Name (ABC)'
        for c in kept:
            span_text = ctx.text[c.start: c.end]
            if c.note == "norp":
                key = ctx.add_entity(span_text, "Group", key=f"Group:{norm_name(span_text)}")
                ctx.entity(key).attrs["nationality"] = True
                ctx.analysis.mentions.append(Mention(c.start, c.end, span_text, key, "Group", source="norp"))
                continue
            if c.note in ("demonym", "capital") and c.name:
                # "Iranian", "the Iraqi capital": mentions of a country or a city whose words are no name of it
                type_ = "Country" if c.note == "demonym" else "Place"
                key = ctx.add_entity(c.name, type_)
                source = "demonym" if c.note == "demonym" else "gazetteer"
                ctx.analysis.mentions.append(Mention(c.start, c.end, span_text, key, type_, source=source))
                continue
            name = c.name or span_text
            type_ = types.get(norm_name(name), c.type)
            if c.note == "collective":
                name = re.sub(r"(?i)\s+groups?$", "", name)
                key = f"Group:{_singular(norm_name(name))}"
                key = ctx.add_entity(name, "Group", key=key)
            else:
                key = ctx.add_entity(name, type_)
            ctx.add_mention(c.start, c.end, type_, source=c.source if c.source != "propagated" else "ner", key=key)
            titled = rules.titled_start(ctx.text, c.start) if type_ == "Person" else None
            if titled is not None:
                ctx.entity(key).aliases.add(ctx.text[titled: c.end])  # 'Brigadier Javed' names Khalid Javed too
            # 'Intelligence Service of Iran (Savak)': the name in brackets is an alias of the one before
            gap = ctx.text[max(0, c.start - 2): c.start]
            if gap.endswith("(") and ctx.text[c.end: c.end + 1] == ")":
                before = ctx.text[:c.start - 1].rstrip()
                prev = last_key.get(len(before))
                # a country or place named just before an acronym is no owner of it unless the letters fit:
                # 'Sinai Liberation Front of Egypt (SLFE)' must not make SLFE a name of Egypt
                place_before = prev is not None and ctx.entity(prev).type in ("Place", "Country")
                fits = prev is not None and is_acronym(span_text) and acronym_matches(span_text, ctx.entity(prev).name)
                if prev is not None and not place_before and not _may_name_an_actor(span_text, type_, c.source):
                    prev = None  # 'the ELN (Colombia)': a country in brackets says where, it is no other name
                if prev is not None and is_acronym(span_text) and is_acronym(ctx.entity(prev).name):
                    prev = None  # 'NCRI (MEK)': two acronyms side by side are two bodies, not one
                if prev is not None and (fits if place_before else True):
                    parentheticals.append((prev, key))
                    if is_acronym(span_text) or types.get(norm_name(name)) != ctx.entity(prev).type:
                        # the bracketed name takes the type of the name it abbreviates
                        for m in ctx.analysis.mentions:
                            if ctx.find(m.entity_key) == ctx.find(key):
                                m.type = ctx.entity(prev).type
                        ctx.entity(key).type = ctx.entity(prev).type
            last_key[c.end] = key
        ctx.parenthetical_aliases.extend(parentheticals)


def _may_name_an_actor(name: str, type_: str, source: str) -> bool:
    """False for a bracketed name that is a country, a known place or a place by a rule ('Camp X'): it never
    renames the organization or person before it (a name the model alone took for a place may still be an
    acronym's or a translation's)."""
    if is_acronym(name):
        return type_ != "Country"
    if type_ == "Place" and source not in ("ner", "acronym", "propagated"):
        return False
    return type_ != "Country" and not country_of(name) and not (type_ == "Place" and is_known_place(name))


def has_capitals(text: str) -> bool:
    """False for texts written all in lower case (some wire archives): case says nothing there."""
    return any(ch.isupper() for ch in text[:20000])


def _lead(text: str) -> str:
    """The leading run of word characters ('Mojahedin' of 'Mojahedin-e Khalq'): a quick pre-filter key."""
    m = _LEAD.match(text)
    return m.group(0) if m else text


_LEAD = re.compile(r"\w+")


def _singular(name: str) -> str:
    """'israeli lobbies' → 'israeli lobby' (for one key per collective group)."""
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [EntityRecognizer()]
