"""`column IN (a list of ids)` bound as one JSON parameter: compiled once, never expanded per call.

An expanding IN list (`bindparam(..., expanding=True)`) is rewritten into the statement on every execution, one
placeholder and one type coercion an element: for the few hundred ids of a page that took longer than the
lookups themselves. Here the list travels as one JSON text and the database unpacks it (SQLite `json_each`,
PostgreSQL `json_array_elements_text`); the database then looks each id up in the column's index, as it does
for a literal list. For text columns (entity, claim and document ids).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import String, TypeDecorator, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter, ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import Boolean


class JsonIds(TypeDecorator[list[str]]):
    """A list of ids bound as its JSON text."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Iterable[str] | None, dialect: Any) -> str | None:
        """The ids as a JSON array (None stays NULL: no id matches it)."""
        return None if value is None else json.dumps(list(value))


class InIds(ColumnElement[bool]):
    """`column IN (the ids of the JSON parameter)`."""

    inherit_cache = True
    type = Boolean()
    # a comparison already: without this SQLAlchemy writes "... = 1" after it on SQLite (no boolean type), which
    # hides the column from the index
    _is_implicitly_boolean = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement),
                           ("param", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: ColumnElement[Any], param: BindParameter[Any]) -> None:
        self.column = column
        self.param = param


@compiles(InIds)
def _in_ids_sqlite(element: InIds, compiler: SQLCompiler, **kw: Any) -> str:
    return (f"{compiler.process(element.column, **kw)} IN "
            f"(SELECT value FROM json_each({compiler.process(element.param, **kw)}))")


@compiles(InIds, "postgresql")
def _in_ids_postgresql(element: InIds, compiler: SQLCompiler, **kw: Any) -> str:
    return (f"{compiler.process(element.column, **kw)} IN "
            f"(SELECT json_array_elements_text(CAST({compiler.process(element.param, **kw)} AS json)))")


def in_ids(column: ColumnElement[Any], name: str = "ids") -> InIds:
    """`column IN (...)` over the list of ids passed as parameter `name` (a plain Python list of strings)."""
    return InIds(column, bindparam(name, type_=JsonIds()))
