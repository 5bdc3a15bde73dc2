"""Nothing outside the repository reaches the PDF, whatever a chapter or a response says; builds never collide.

A canary file lies beside the repository. Each route a chapter could take to it (an
image path out of strategy/, an absolute path, a symlink, a percent-encoded or
reference-style image, a raw Typst block calling read(), a link) either refuses the
build or leaves the canary's bytes out of the PDF: out of its text and out of every
one of its streams.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pypdf
import pytest

from strategykit.diagnostics import BuildError, Refused
from strategykit.plan import gather, prepare
from strategykit.render.pdf import build_pdf, toolchain
from strategykit.project import check

from conftest import TESTS

PRINT = TESTS / "fixtures" / "print"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
CHAPTER = "strategy/01-inledning.md"


@pytest.fixture
def canary(tmp_path) -> str:
    return f"CANARY-{uuid.uuid4().hex}"


@pytest.fixture
def repo(tmp_path, canary, monkeypatch) -> Path:
    """The print fixture, with a folder 'outside' beside it that holds the canary."""
    monkeypatch.setenv("STRATEGY_COMMIT", COMMIT)
    root = tmp_path / "repo"
    shutil.copytree(PRINT, root)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(canary + "\n", encoding="utf-8")
    (outside / "canary.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><desc>' + canary + '</desc>'
        '<text x="0" y="20">' + canary + '</text></svg>', encoding="utf-8")
    return root


def add_to_chapter(root: Path, markdown: str) -> None:
    path = root / CHAPTER
    path.write_text(path.read_text(encoding="utf-8") + "\n" + markdown + "\n", encoding="utf-8")


def everything_in(pdf: Path) -> str:
    """The PDF's extracted text and every stream, decompressed: where a leaked file would show."""
    reader = pypdf.PdfReader(pdf)
    parts = [page.extract_text() for page in reader.pages]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # a free entry in the cross-reference table
            continue
        if isinstance(obj, pypdf.generic.StreamObject):
            parts.append(obj.get_data().decode("latin-1"))
    return "\n".join(parts)


def passwd_line() -> str | None:
    try:
        first = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError):
        return None
    return first if len(first) > 8 else None


def assert_not_leaked(pdf: Path, canary: str) -> None:
    found = everything_in(pdf)
    assert canary not in found
    line = passwd_line()
    assert line is None or line not in found


REFUSED = {
    "image path up out of the repository": ("![Karta](../../outside/canary.svg)", "image-outside-folder"),
    "absolute image path": ("![Karta]({outside}/canary.svg)", "image-outside-folder"),
    "image at /etc/passwd": ("![Karta](../../../../../../../../../etc/passwd)", "image-outside-folder"),
    "percent-encoded path out": ("![Karta](%2E%2E/%2E%2E/outside/canary.svg)", "image-outside-folder"),
    "file: URL": ("![Karta](file://{outside}/canary.svg)", "image-outside-folder"),
    "symlink inside strategy/ pointing out": ("![Karta](bilder/lank.svg)", "image-outside-folder"),
    "reference-style image out": ("![Karta][k]\n\n[k]: ../../outside/canary.svg", "image-outside-folder"),
    "raw Typst block reading a file": ('```{=typst}\n#read("/etc/passwd")\n#read("../../outside/secret.txt")\n```',
                                       "raw-markup"),
    "raw Typst inline": ('Se `#read("/etc/passwd")`{=typst} här.', "raw-markup"),
    "raw LaTeX block": ("```{=latex}\n\\input{/etc/passwd}\n```", "raw-markup"),
}


@pytest.mark.parametrize("route", list(REFUSED))
def test_chapter_route_to_a_file_outside_the_repository_is_refused(route, repo, tmp_path):
    markdown, code = REFUSED[route]
    if "lank.svg" in markdown:
        (repo / "strategy" / "bilder" / "lank.svg").symlink_to(tmp_path / "outside" / "canary.svg")
    add_to_chapter(repo, markdown.replace("{outside}", str(tmp_path / "outside")))
    dist = tmp_path / "dist"
    with pytest.raises(Refused) as caught:
        build_pdf(prepare(repo), dist)
    assert code in {d.code for d in caught.value.diagnostics}
    assert all(d.position.file == CHAPTER for d in caught.value.diagnostics if d.code == code)
    assert not dist.exists() or not list(dist.iterdir())


def test_raw_typst_never_runs_even_when_the_check_is_bypassed(repo, tmp_path, canary, monkeypatch):
    """pandoc reads chapters without raw attributes, so a raw block is at most shown as code."""
    add_to_chapter(repo, '```{=typst}\n#read("/etc/passwd")\n#read("../../outside/secret.txt")\n'
                         '#include "../../outside/secret.txt"\n```\n\n'
                         'Inline: `#read("../../outside/secret.txt")`{=typst} slut.')
    out = build_pdf(gather(check(repo).model), tmp_path / "dist")
    assert_not_leaked(out, canary)
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(out).pages).split())
    assert "../../outside/secret.txt" in text and "slut." in text  # shown as the words they are


def test_images_the_rules_cannot_see_are_refused_by_the_builder(repo, tmp_path, canary, monkeypatch):
    """A reference-style image escapes the line-based rules; the document builder still refuses it."""
    add_to_chapter(repo, "![Karta][k]\n\n[k]: ../../outside/canary.svg")
    with pytest.raises(Refused) as caught:
        build_pdf(gather(check(repo).model), tmp_path / "dist")
    [d] = caught.value.diagnostics
    assert (d.code, d.position.file) == ("image-outside-folder", CHAPTER)


def test_links_to_local_files_lose_their_target_and_keep_their_text(repo, tmp_path, canary):
    add_to_chapter(repo, "Läs [den hemliga filen](../../outside/secret.txt), "
                         "[lösenorden](file:///etc/passwd) och <file:///etc/passwd>.")
    out = build_pdf(gather(check(repo).model), tmp_path / "dist")
    assert_not_leaked(out, canary)
    reader = pypdf.PdfReader(out)
    uris = [str(a.get_object()["/A"].get("/URI")) for page in reader.pages for a in page.get("/Annots", [])
            if a.get_object().get("/A") is not None]
    assert not [u for u in uris if "passwd" in u or "secret" in u or u.startswith("file:")]
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "den hemliga filen" in text and "lösenorden" in text


def test_typst_cannot_read_outside_its_build_folder(tmp_path, canary):
    (tmp_path / "secret.txt").write_text(canary, encoding="utf-8")
    build = tmp_path / "build"
    build.mkdir()
    for source in ('#read("../secret.txt")', '#read("/etc/passwd")', '#image("../secret.txt")'):
        (build / "main.typ").write_text(source + "\n", encoding="utf-8")
        with pytest.raises(BuildError) as caught:
            toolchain.compile_pdf(build, timestamp=0)
        assert str(caught.value).startswith("The PDF could not be compiled:")
        assert canary not in str(caught.value)


HOSTILE_RESPONSE = """\
respondent: "Hemlig <script>alert(1)</script> förening"
kind: non-profit
date: "2020-03-05"
illustrative: true
comments:
  - id: hostile-1
    about: P1.1
    text: |
      ![x](../../outside/canary.svg) och ![y](/etc/passwd)

      ```{=typst}
      #read("/etc/passwd")
      ```

      #read("../../outside/secret.txt") [länk](file:///etc/passwd) <!-- kommentar
    handling:
      decision: noted
      reason: "`#read(\\"/etc/passwd\\")`{=typst} $x$ \\\\input{/etc/passwd}"
"""


def test_consultation_response_cannot_pull_a_file_into_the_pdf(repo, tmp_path, canary):
    (repo / "remiss").mkdir()
    (repo / "remiss" / "hemlig-forening.yaml").write_text(HOSTILE_RESPONSE, encoding="utf-8")
    result = check(repo)
    assert result.ok, [f"{d.position} {d.code} {d.message}" for d in result.diagnostics]
    out = build_pdf(gather(result.model), tmp_path / "dist")
    assert_not_leaked(out, canary)
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(out).pages).split())
    assert "#read(" in text and "../../outside/secret.txt" in text  # shown as the words they are
    assert "![y](/etc/passwd)" in text and "<script>alert(1)</script>" in text


# --- two builds at once ------------------------------------------------------------------

def _build_command(root: Path, dist: Path) -> list[str]:
    return [sys.executable, "-m", "strategykit", "build", "--pdf", str(root), "--dist-dir", str(dist)]


def test_two_builds_at_once_into_one_folder_leave_one_complete_pdf(repo, tmp_path):
    env = {**os.environ, "STRATEGY_COMMIT": COMMIT}
    env.pop("SOURCE_DATE_EPOCH", None)
    reference = build_pdf(gather(check(repo).model), tmp_path / "reference").read_bytes()
    dist = tmp_path / "dist"
    runs = [subprocess.Popen(_build_command(repo, dist), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in runs]
    for p in runs:
        p.stdout.close()
        p.stderr.close()
    assert [rc for rc, _ in results] == [0, 0], results
    assert [p.name for p in dist.iterdir()] == ["tryckprov-2020.2.pdf"], "temporary files were left behind"
    written = (dist / "tryckprov-2020.2.pdf").read_bytes()
    assert written == reference
    assert len(pypdf.PdfReader(dist / "tryckprov-2020.2.pdf").pages) > 3
