"""A small, valid consultation, dialogue and edition history for the minimal strategy.

``add_process(root)`` writes them beside a copy of tests/fixtures/minimal; tests then
break one thing at a time with ``conftest.edit``.
"""

from __future__ import annotations

from pathlib import Path

KOMMUN_A = """\
respondent: Kommun A
kind: municipality
date: "2020-03-01"
comments:
  - id: a-1
    about: P1.1
    text: Bra mål.
    handling:
      decision: noted
      reason: Stämmer med förslaget.
  - id: a-2
    about: P1.2.a
    text: Höj målet.
    handling:
      decision: accepted
      reason: Målet höjs.
      changed: [P1.2.a]
"""

FORENING_B = """\
respondent: Förening B
kind: non-profit
date: "2020-03-02"
illustrative: true
comments:
  - id: b-1
    about: strategy
    text: En bra strategi.
    handling: {decision: noted, reason: Tack.}
  - id: b-2
    about: inledning
    text: Inledningen kan kortas.
    handling: {decision: not-accepted, reason: Inledningen behövs.}
  - id: b-3
    about: levande
    text: Hållbarhetsmålet är bra.
    handling: {decision: noted, reason: Tack.}
  - id: b-4
    about: population
    text: Redovisa befolkningen per kommun.
    handling: {decision: partly-accepted, reason: Görs i uppföljningen., changed: [inledning]}
  - id: b-5
    about: P1
    text: Prioriteringen är viktig.
"""

DIALOGUE = """\
meetings:
  - id: m1
    date: "2018-11-06"
    theme: Arbete
    place: Umeå
    participants: {municipality: 10, business: 5}
    illustrative: true
  - id: m2
    date: "2018-12-04"
    theme: Befolkning
    place: Lycksele
    participants: {municipality: 4, non-profit: 6, individual: 2}
inputs:
  - id: oecd
    title: OECD Territorial Review
    kind: review
origins:
  - goal: P1.1
    from: [m1, oecd]
    illustrative: true
  - goal: P1.2
    from: [m2]
"""

EDITIONS = """\
editions:
  - version: "0.9"
    status: consultation
    date: "2019-12-01"
    tag: remiss-0.9
    consultation: {start: "2019-12-01", end: "2020-01-10"}
  - version: "1.0"
    status: draft
    date: "2020-01-15"
"""


def add_process(root: Path) -> Path:
    (root / "remiss").mkdir()
    (root / "remiss" / "kommun-a.yaml").write_text(KOMMUN_A, encoding="utf-8")
    (root / "remiss" / "forening-b.yaml").write_text(FORENING_B, encoding="utf-8")
    (root / "dialogue.yaml").write_text(DIALOGUE, encoding="utf-8")
    (root / "editions.yaml").write_text(EDITIONS, encoding="utf-8")
    return root
