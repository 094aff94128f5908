"""Typography folded before NLP: a copy of the text of the same length, so every offset still indexes the stored text.

The model reads the folded copy (a text in lower case or capitals truecased, a hard line break inside a sentence
read as a space, citation marks blanked, dash variants made one hyphen); stages read offsets, and evidence and names are cut from the stored text.
Folding never adds or removes a character, so the offset map back to the stored text is the identity.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from claimgraph.nlp.truecase import truecase

# one character for one character: hyphen and en-dash variants, odd spaces. Curly quotes are kept: they say which
# side of a quotation they open or close (the straight '"' does not), and folding them cost attributions on the dev
# corpus while the model already reads them as it reads straight ones
_FOLD = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)
# an em dash between spaces is a dash; glued to words ('group—which') it is left to the model as it is
_SPACED_DASH = re.compile(r"(?<= )[\u2014\u2015](?= )")
# reference marks copied from reference works: '[12]', '[3, 4]', '[a]', '[note 2]', '[citation needed]'
_CITATION = re.compile(r"\[(?:\d{1,3}(?:\s?[,\u2013-]\s?\d{1,3})*|[a-z]|note \d{1,3}|citation needed)\]")
# a list item's first characters: the line break before it is a real one
_BULLET = re.compile(r"[-\u2013\u2014\u2022\u25aa\u25e6\u2023*\u00b7>]|\d{1,2}[.)]\s|\(?[a-z\d]\)\s")
_SENTENCE_END = re.compile(r"[.!?:;][\"')\]]*$")
# the widths between which a line reads as cut by a fixed-column wrap (e-mail, plain-text reports)
_WRAP_MIN, _WRAP_MAX = 40, 100


def fold(text: str) -> str:
    """The text as the model should read it, character for character the same length as `text`."""
    # truecasing first: a lower-case or all-capitals text gets its usual capitals, which the wrap joining reads
    folded = _SPACED_DASH.sub("-", truecase(text).translate(_FOLD))
    folded = _CITATION.sub(lambda m: " " * len(m.group()), folded)
    if "\n" not in folded:
        return folded
    chars = list(folded)
    pos = 0
    lines = folded.split("\n")
    wrapped, width = is_hard_wrapped(lines), wrap_width(lines)
    for line, nxt in zip(lines, lines[1:]):
        end = pos + len(line)  # the line break's offset
        if is_wrap(line, nxt, wrapped, width):
            chars[end] = " "
            if line.endswith("\r"):
                chars[end - 1] = " "
        pos = end + 1
    return "".join(chars)


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when the text reads as cut at a fixed column: most of its lines are of wrap width, none much longer."""
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < 5 or max(lengths) > _WRAP_MAX:
        return False
    return sum(1 for n in lengths if n >= _WRAP_MIN) >= 0.6 * len(lengths)


def wrap_width(lines: list[str]) -> int | None:
    """The column a text's lines were cut at, when no line is longer than wrap width: its longest line's length.

    Only a text of five lines or more, two of them within ten characters of the longest, shows a column: in a short
    list of names the longest line is no cut.
    """
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < 5 or not _WRAP_MIN <= max(lengths) <= _WRAP_MAX:
        return None
    width = max(lengths)
    return width if sum(1 for n in lengths if n >= width - 10) >= 2 else None


def is_wrap(line: str, nxt: str, wrapped: bool, width: int | None = None) -> bool:
    """True when the break between `line` and `nxt` falls inside a sentence (a hard wrap), not after a
    heading, a paragraph, a list item or a line ending in ':'; a line going on with a capital is a wrap only in a
    `wrapped` text (else it is a title, an infobox field or a heading) or where the next word would not have fit
    in the text's `width`: a fixed-column wrap cut there, whatever the next line starts with."""
    head, tail = line.rstrip(), nxt.lstrip()
    if not head.strip() or not tail or _BULLET.match(tail) or _SENTENCE_END.search(head):
        return False
    forced = width is not None and len(head) >= _WRAP_MIN and len(head) + 1 + len(tail.split()[0]) > width
    if tail[0].islower():
        return len(head) >= 20  # a sentence goes on in lower case (after a field name such as 'Website' it does not)
    return forced or (wrapped and len(head) >= _WRAP_MIN and tail[0].isalnum() and not head.isupper())


HEADLINE_ENDS = "claimgraph.headline_ends"


def fold_document(text: str) -> tuple[str, list[int]]:
    """A whole document (or section) as the model reads it: folded, its title-case headlines in sentence case;
    and the offsets where those headlines end (claimgraph.nlp.headlines)."""
    from claimgraph.nlp.headlines import sentence_case_headlines

    return sentence_case_headlines(fold(text))


class FoldingTokenizer:
    """A tokenizer that reads the folded copy of a text: the Doc's text has the stored text's length and offsets."""

    def __init__(self, tokenizer: Any) -> None:
        """Wrap the pipeline's own tokenizer."""
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        """The Doc of the folded text."""
        folded, headline_ends = fold_document(text)
        doc: Doc = self.tokenizer(folded)
        if headline_ends:
            doc.user_data[HEADLINE_ENDS] = headline_ends  # read by the sentence-start component
        return doc

    def __getattr__(self, name: str) -> Any:
        # everything else (vocab, rules, explain, serialisation) is the wrapped tokenizer's
        if name == "tokenizer":
            raise AttributeError(name)
        return getattr(self.tokenizer, name)
