"""In-document resolution: short names and acronyms linked to the full names they stand for."""

from __future__ import annotations

from claimgraph.extract.context import DocContext
from claimgraph.plugins import hookimpl
from claimgraph.resolve.names import norm_name


class ShortNames:
    """'Saddam' after 'Saddam Hussein', 'Abedin' after 'Mahan Abedin': one person."""

    name = "resolve.short_names"
    order = 200

    def run(self, ctx: DocContext) -> None:
        """Merge single-word person names into the multi-word name that contains them."""
        people = [k for k, e in ctx.analysis.entities.items() if ctx.find(k) == k and e.type == "Person"]
        full = [k for k in people if len(norm_name(ctx.entity(k).name).split()) > 1]
        for key in people:
            words = norm_name(ctx.entity(key).name).split()
            if len(words) != 1:
                continue
            owners = [k for k in full if words[0] in norm_name(ctx.entity(k).name).split()]
            if len(owners) == 1:  # an ambiguous surname (two Massouds) stays apart
                ctx.merge(owners[0], key)


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [ShortNames()]
