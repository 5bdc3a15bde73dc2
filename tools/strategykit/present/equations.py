"""Small equations with their numbers, written once and typeset by each edition in its own way.

A target's status is explained with the numbers behind it (``r_a = (12 250* / 11 900*)^(1/6) − 1``).
Built here as a tree of a few node kinds, each equation has three forms, decided once:

- ``typst``: Typst math for the PDF (numbers as quoted text, so that '12 250*' and '0,48 %' keep
  their spaces and marks and are not read as math);
- ``mathml``: MathML for the web (no script, nothing from the network), safe inside Markdown;
- ``text``: plain text for the text report, the JSON-free Markdown report and the PDF's alternative
  text of the formula (PDF/UA wants one for every formula).
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass


class Node:
    def typst(self) -> str:
        raise NotImplementedError

    def mathml(self) -> str:
        raise NotImplementedError

    def text(self) -> str:
        raise NotImplementedError

    def compound(self) -> bool:
        """Whether the node needs parentheses as the operand of a fraction in plain text."""
        return False


def _typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ml(text: str) -> str:
    # '*' and '_' as character references: Markdown must not read a pair of them as emphasis.
    return html.escape(text, quote=False).replace("*", "&#42;").replace("_", "&#95;")


@dataclass(frozen=True)
class Sym(Node):
    """A variable, with an optional subscript: ``r_a``, ``R``."""
    name: str
    sub: str = ""

    def typst(self) -> str:
        return f"{self.name}_{self.sub}" if self.sub else self.name

    def mathml(self) -> str:
        base = f"<mi>{_ml(self.name)}</mi>"
        if not self.sub:
            return base
        tag = "mn" if self.sub.isdigit() else "mi"
        return f"<msub>{base}<{tag}>{_ml(self.sub)}</{tag}></msub>"

    def text(self) -> str:
        return f"{self.name}_{self.sub}" if self.sub else self.name


@dataclass(frozen=True)
class Num(Node):
    """A number as the reader sees it, already formatted: '12 250*', '0,48 %', '+1', '2019'."""
    shown: str

    def typst(self) -> str:
        return _typst_string(self.shown)

    def mathml(self) -> str:
        return f"<mn>{_ml(self.shown)}</mn>"

    def text(self) -> str:
        return self.shown


@dataclass(frozen=True)
class Op(Node):
    """An operator between two terms: '=', '−', '·'."""
    symbol: str

    _TYPST = {"−": "-", "·": "dot.op", "=": "=", "+": "+", "/": "\\/", "≥": ">=", "≤": "<=", ">": ">",
              "<": "<", "(": "(", ")": ")"}

    def typst(self) -> str:
        return self._TYPST.get(self.symbol, _typst_string(self.symbol))

    def mathml(self) -> str:
        return f"<mo>{_ml(self.symbol)}</mo>"

    def text(self) -> str:
        return self.symbol


@dataclass(frozen=True)
class Row(Node):
    """Terms side by side: ``x_t − x_0``."""
    items: tuple[Node, ...]

    def typst(self) -> str:
        # Typst keeps a space written beside a quoted word ('"förändring" \/ 100' prints
        # 'förändring /100'), so a slash is written against its neighbours, as the prose writes it.
        out = ""
        for i, item in enumerate(self.items):
            tight = i > 0 and any(isinstance(x, Op) and x.symbol == "/" for x in (item, self.items[i - 1]))
            out += ("" if i == 0 or tight else " ") + item.typst()
        return out

    def mathml(self) -> str:
        return "<mrow>" + "".join(i.mathml() for i in self.items) + "</mrow>"

    def text(self) -> str:
        return " ".join(i.text() for i in self.items)

    def compound(self) -> bool:
        return len(self.items) > 1


@dataclass(frozen=True)
class Frac(Node):
    """A fraction; in plain text 'a / b', with compound terms in parentheses."""
    top: Node
    bottom: Node

    def typst(self) -> str:
        # Typst drops the parentheses around a fraction's operands: they only group.
        return f"({self.top.typst()}) / ({self.bottom.typst()})"

    def mathml(self) -> str:
        return f"<mfrac>{self.top.mathml()}{self.bottom.mathml()}</mfrac>"

    def text(self) -> str:
        def side(n: Node) -> str:
            return f"({n.text()})" if n.compound() else n.text()
        return f"{side(self.top)} / {side(self.bottom)}"

    def compound(self) -> bool:
        return True


@dataclass(frozen=True)
class Paren(Node):
    """Parentheses that grow with what they hold."""
    inner: Node

    def typst(self) -> str:
        return f"lr(( {self.inner.typst()} ))"

    def mathml(self) -> str:
        fence = '<mo fence="true" stretchy="true" symmetric="true">{}</mo>'
        return f"<mrow>{fence.format('(')}{self.inner.mathml()}{fence.format(')')}</mrow>"

    def text(self) -> str:
        return f"({self.inner.text()})"


@dataclass(frozen=True)
class Pow(Node):
    """A power; its exponent in plain text is written '^(…)' without spaces: '^(1/6)'."""
    base: Node
    exponent: Node

    def typst(self) -> str:
        return f"{self.base.typst()}^({self.exponent.typst()})"

    def mathml(self) -> str:
        return f"<msup>{self.base.mathml()}{self.exponent.mathml()}</msup>"

    def text(self) -> str:
        return f"{self.base.text()}^({self.exponent.text().replace(' ', '')})"


@dataclass(frozen=True)
class Abs(Node):
    """An absolute value: |r_n|."""
    inner: Node

    def typst(self) -> str:
        return f"abs({self.inner.typst()})"

    def mathml(self) -> str:
        return f"<mrow><mo>|</mo>{self.inner.mathml()}<mo>|</mo></mrow>"

    def text(self) -> str:
        return f"|{self.inner.text()}|"


@dataclass(frozen=True)
class Equation:
    """One equation of an explanation, in each edition's form (see the module's docstring).

    Each form is written when first asked for: an edition reads one of typst and mathml, never both
    (at national size, thousands of equations a build)."""
    row: Row
    written: str | None = None
    """The plain text as the method's prose writes it (``inline``); by default the row's own."""

    @functools.cached_property
    def text(self) -> str:
        return self.row.text() if self.written is None else self.written

    @functools.cached_property
    def typst(self) -> str:
        return self.row.typst()

    @functools.cached_property
    def mathml(self) -> str:
        alt = html.escape(self.text).replace("*", "&#42;").replace("_", "&#95;")
        return f'<math display="inline" alttext="{alt}">{self.row.mathml()}</math>'

    def as_data(self) -> dict:
        return {"math": self.typst, "alt": self.text}


def equation(*terms: Node) -> Equation:
    """``terms`` side by side, as an inline equation: ``equation(Sym("R"), Op("="), Num("1,17"))``."""
    return Equation(Row(tuple(terms)))


@dataclass(frozen=True)
class Words(Node):
    """Words inside a formula, set upright: 'periodens antal år'."""
    words: str

    def typst(self) -> str:
        return _typst_string(self.words)

    def mathml(self) -> str:
        return f"<mtext>{_ml(self.words)}</mtext>"

    def text(self) -> str:
        return self.words


_TOKEN = re.compile(r"\s*(?:(\d+(?:[.,]\d+)?)|([^\W\d_]+(?:_?[0-9a-z])?)|(\S))")
_SYMBOL = re.compile(r"^([A-Za-z])_?([0-9a-z]?)$")


def inline(expr: str) -> Equation:
    """A short formula of the method's prose, written the way its plain text reads:
    ``xt ≥ X``, ``r_a``, ``N = total · n / periodens antal år``. A letter with an index (``x0``,
    ``xt``, ``r_a``) is a variable with a subscript, a longer word is set upright as a word, and
    what stands between two bars is an absolute value (``|r_n|``)."""
    terms: list[Node] = []
    outer: list[list[Node]] = []
    """The terms before each open bar, while its absolute value is read."""
    for number, word, op in (m.groups() for m in _TOKEN.finditer(expr)):
        if op == "|":
            if outer:
                inner = terms[0] if len(terms) == 1 else Row(tuple(terms))
                terms = outer.pop() + [Abs(inner)]
            else:
                outer.append(terms)
                terms = []
            continue
        if number:
            terms.append(Num(number))
        elif word:
            sym = _SYMBOL.match(word) if len(word) <= 3 else None
            if sym:
                terms.append(Sym(sym.group(1), sym.group(2)))
            elif terms and isinstance(terms[-1], Words):
                terms[-1] = Words(terms[-1].words + " " + word)
            else:
                terms.append(Words(word))
        elif op:
            terms.append(Op(op))
    while outer:  # a bar never closed is a bar
        terms = outer.pop() + [Op("|")] + terms
    return Equation(Row(tuple(terms)), written=expr)
