"""A small, valid consultation, dialogue and edition history for the minimal strategy.

``add_process(root)`` writes them beside a copy of tests/fixtures/minimal; tests then
break one thing at a time with ``conftest.edit``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import MINIMAL, edit, git

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


MOVED_ON_EDITIONS = """\
editions:
  - {version: "1.0", status: consultation, date: "2020-01-15", tag: remiss-1.0}
  - {version: "1.1", status: proposal, date: "2020-05-01"}
"""


def make_consultation_repo(root: Path, editions: str = MOVED_ON_EDITIONS, *, also: tuple[Path, ...] = ()) -> Path:
    """The minimal strategy (with the files ``also``) as its consultation edition, committed and
    tagged remiss-1.0, then marked as the proposal 1.1 with nothing else changed yet."""
    shutil.copytree(MINIMAL, root)
    for path in also:
        shutil.copy2(path, root / path.name)
    edit(root, 'edition: {version: "1.0", status: draft, date: "2020-01-15"}',
         'edition: {version: "1.0", status: consultation, date: "2020-01-15"}')
    (root / "editions.yaml").write_text(editions, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Consultation edition")
    git(root, "tag", "remiss-1.0")
    edit(root, 'edition: {version: "1.0", status: consultation, date: "2020-01-15"}',
         'edition: {version: "1.1", status: proposal, date: "2020-05-01"}')
    return root


def make_moved_on_repo(root: Path, editions: str = MOVED_ON_EDITIONS) -> Path:
    """``make_consultation_repo``, moved on to the proposal by two changes (a lowered target value,
    a reworded goal) and one response."""
    make_consultation_repo(root, editions)
    edit(root, "target: {year: 2030, value: 82, illustrative: true}", "target: {year: 2030, value: 81, illustrative: true}")
    edit(root, "title: Fler invånare\n", "title: Fler invånare i hela länet\n")
    (root / "remiss").mkdir()
    (root / "remiss" / "kommun-a.yaml").write_text(
        KOMMUN_A.replace("about: P1.2.a", "about: P1.2").replace("changed: [P1.2.a]", "changed: [P1.2]"),
        encoding="utf-8")
    return root
