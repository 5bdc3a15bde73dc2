"""The Agenda 2030 goals and their target numbers, to check links against."""

from __future__ import annotations

import string

# goal: (number of numbered targets, number of lettered targets); 169 targets in all.
_TARGETS = {
    1: (5, 2), 2: (5, 3), 3: (9, 4), 4: (7, 3), 5: (6, 3), 6: (6, 2), 7: (3, 2), 8: (10, 2),
    9: (5, 3), 10: (7, 3), 11: (7, 3), 12: (8, 3), 13: (3, 2), 14: (7, 3), 15: (9, 3),
    16: (10, 2), 17: (19, 0),
}

SDG_TARGETS: frozenset[str] = frozenset(
    f"{goal}.{n}" for goal, (numbered, _) in _TARGETS.items() for n in range(1, numbered + 1)
) | frozenset(
    f"{goal}.{letter}" for goal, (_, lettered) in _TARGETS.items() for letter in string.ascii_lowercase[:lettered]
)


def is_known_sdg(ref: str) -> bool:
    """True for a goal ("8") or a target ("8.5", "8.a") of Agenda 2030."""
    if ref.isdigit():
        return 1 <= int(ref) <= 17 and ref == str(int(ref))
    return ref in SDG_TARGETS


def sdg_goal(ref: str) -> int:
    return int(ref.split(".")[0])
