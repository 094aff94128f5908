"""Word families live in lexicon files, not in Python: no set, table or regex alternation of more than ten words.

The check reads the package's source with `ast`, so a word list added anywhere (a module constant, a set inside a
function, a long `a|b|c|...` inside `re.compile`) fails here with its file and line. Tables that are not vocabulary
(the stage field registry) are named below with the reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "claimgraph"
LIMIT = 10
# a word as word lists hold them: lower-case letters, maybe a space, hyphen or apostrophe inside
_WORD = re.compile(r"^[a-z][a-z' -]*[a-z]$")
# a plain-word alternative of a regex: letters, optionally a few joined by \s+, optionally ending in "?"
_ALTERNATIVE = re.compile(r"^[A-Za-z][a-z]+(?:\\s\+[a-z]+)*\??$")
# module constants that hold names of fields, not words of the language
NOT_VOCABULARY = {
    ("core/stages.py", "FIELDS"),  # the stage contract's field names and what each holds
}


def _strings(node: ast.AST) -> list[str]:
    """The string constants a collection literal holds (a dict: its keys, as a map's values repeat)."""
    if _is_set_call(node):
        return _strings(node.args[0]) if node.args else []  # type: ignore[attr-defined]
    items: list[ast.expr | None] = []
    if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        items = list(node.elts)
    elif isinstance(node, ast.Dict):
        items = list(node.keys)
    return [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]


def _is_set_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"set", "frozenset"}


def _modules() -> list[tuple[str, ast.Module]]:
    return [
        (p.relative_to(PACKAGE).as_posix(), ast.parse(p.read_text(encoding="utf-8")))
        for p in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in p.parts
    ]


def word_lists_in(rel: str, tree: ast.Module) -> list[str]:
    """The word lists of one module, as 'file:line (n words)'."""
    assigned = [n for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None]
    top = {
        id(n.value): [t.id for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name)]
        for n in assigned
    }
    found: list[str] = []
    for node in ast.walk(tree):
        if any((rel, name) in NOT_VOCABULARY for name in top.get(id(node), [])):
            continue
        # a set is a word list wherever it is; an ordered table only at module level (the keys of a record built
        # inside a function are its shape, not vocabulary)
        if isinstance(node, ast.Set) or _is_set_call(node) or id(node) in top:
            n = sum(bool(_WORD.match(s)) for s in _strings(node))
            if n > LIMIT:
                found.append(f"{rel}:{getattr(node, 'lineno', 0)} ({n} words)")
    return found


def alternations_in(rel: str, tree: ast.Module) -> list[str]:
    """The `re.compile` calls of one module whose literal pattern text spells out more than ten plain words."""
    found: list[str] = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "compile"
            and node.args
        ):
            continue
        # only the literal parts count: words joined in from a lexicon are data
        text = "".join(
            p.value for p in ast.walk(node.args[0]) if isinstance(p, ast.Constant) and isinstance(p.value, str)
        )
        alternatives = re.split(r"[|()]", re.sub(r"\(\?[:=!<>]+|\\b", "(", text))
        n = sum(bool(_ALTERNATIVE.match(a.strip())) for a in alternatives)
        if n > LIMIT:
            found.append(f"{rel}:{node.lineno} ({n} words)")
    return found


def test_no_word_list_of_more_than_ten_entries_is_written_in_python() -> None:
    found = [hit for rel, tree in _modules() for hit in word_lists_in(rel, tree)]
    assert not found, f"move these to claimgraph/core/lexicons/ (core.lexicon.words/word_list/mapping): {found}"


def test_no_regex_spells_out_more_than_ten_words() -> None:
    found = {rel: hits for rel, tree in _modules() if (hits := alternations_in(rel, tree))}
    assert not found, f"read the words from a lexicon (core.lexicon.alternation): {found}"


def test_the_scanner_sees_a_word_list_and_an_alternation_and_passes_short_ones() -> None:
    def source(n: int) -> str:
        names = [f"w{chr(97 + i)}rd" for i in range(n)]
        quoted = ", ".join(f'"{w}"' for w in names)
        return f"import re\nX = {{{quoted}}}\nR = re.compile(r'\\b(?:{'|'.join(names)})s?\\b')\n"

    long_tree, short_tree = ast.parse(source(LIMIT + 1)), ast.parse(source(LIMIT))
    assert word_lists_in("m.py", long_tree) == [f"m.py:2 ({LIMIT + 1} words)"]
    assert alternations_in("m.py", long_tree) == [f"m.py:3 ({LIMIT + 1} words)"]
    assert not word_lists_in("m.py", short_tree)
    assert not alternations_in("m.py", short_tree)
