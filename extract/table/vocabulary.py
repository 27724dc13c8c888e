"""What a document kind tells the table engine: its column roles and their header wordings.

The engine finds headers, columns and rows; it does not know "issue" or "actions". A kind
(``extract/kinds/``) hands it a :class:`TableVocabulary` and builds its own records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TableVocabulary:
    """Column roles with the header wordings that name them, and what some roles mean to rows.

    ``roles``: (role, pattern) pairs, more specific wordings first; the role whose wording
    starts earliest in a header cell wins (rank breaks ties), so "มาตรการ/แนวทางการดำเนินการ"
    is measures and "การดำเนินการ" alone is actions.
    ``header_roles``: the roles whose wording counts as evidence of a header line (generic
    short wordings such as "ที่" would find headers in body text).
    ``unique``: roles a table has once; a second column naming one gets no role.
    ``number_role``: the column of printed row numbers. ``code_roles``: columns whose cells
    open with an indicator code when a row starts.
    """

    roles: tuple[tuple[str, re.Pattern[str]], ...]
    header_roles: frozenset[str]
    unique: frozenset[str]
    number_role: str = "row"
    code_roles: tuple[str, ...] = ()
    fallbacks: tuple[tuple[str, str], ...] = ()
    keys: frozenset[str] = frozenset()  # a table of this kind has at least one of these columns

    def assign(self, found: list[str | None]) -> list[str | None]:
        """Roles for a table's columns from what each header names: a unique role's second column
        gets none, and a role with a fallback takes it when the table has no column of that role.

        ``fallbacks``: (role, instead) pairs: a table whose only measure-like column is
        "ขั้นตอนหรือวิธีการ/มาตรการ" has no separate steps, so its steps column is the measures.
        """
        seen: set[str] = set()
        roles: list[str | None] = []
        for role in found:
            if role in self.unique and role in seen:
                role = None
            if role:
                seen.add(role)
            roles.append(role)
        for role, instead in self.fallbacks:
            if role in seen and instead not in seen:
                roles = [instead if r == role else r for r in roles]
                seen.add(instead)
        return roles

    def role_of(self, header: str) -> str | None:
        """The role a header cell's wording (repaired, spaces removed) names: earliest wording wins."""
        best: tuple[int, int, str] | None = None
        for rank, (role, pattern) in enumerate(self.roles):
            m = pattern.search(header)
            if m and (best is None or (m.start(), rank) < best[:2]):
                best = (m.start(), rank, role)
        return best[2] if best else None

    def roles_in(self, text: str, within: int | None = None) -> set[str]:
        """Header roles whose wording occurs in ``text`` (starting in its first ``within`` letters, if given)."""
        found = set()
        for role, pattern in self.roles:
            if role not in self.header_roles:
                continue
            m = pattern.search(text)
            if m and (within is None or m.start() <= within):
                found.add(role)
        return found
