"""Mathematics for the terminal: Unicode instead of LaTeX, folded to the width.

The docs and ``--json`` keep LaTeX; ``collapse-check show`` prints what a reader can take in
at a glance. A derivation step carries its relation as sympy text (``sstr``); it is read back
with every name taken as a plain symbol, indexed family or undefined function, and printed with
sympy's Unicode pretty printer (:func:`pretty_relation`). Prose and other LaTeX fragments go
through a compact converter (:func:`latex_to_unicode`) that keeps the grouping explicit:

>>> latex_to_unicode(r"\\frac{\\log{\\left(u + 1 \\right)}}{u + 1} \\le \\sum_{x=1}^{K} Q_{x}^{2}")
'log(u + 1)/(u + 1) ≤ Σₓ₌₁^K Qₓ²'
>>> latex_to_unicode(r"I_{t+1} \\ne \\hat{Q}_{t} \\to \\infty")
'Iₜ₊₁ ≠ Q̂ₜ → ∞'
>>> latex_to_unicode(r"A_0\\mathrm{TPR}^t")
'A₀ TPRᵗ'
>>> prose_to_unicode(r"if $\\alpha_t = 0$ then $P \\to Q_t$")
'if αₜ = 0 then P → Qₜ'
>>> print(pretty_relation("x**2/(x + 1) <= 1"))
  2
 x
───── ≤ 1
x + 1
"""

from __future__ import annotations

import io
import re
import textwrap
import tokenize
from collections.abc import Iterator

__all__ = ["fold", "latex_to_unicode", "pretty_relation", "prose_to_unicode"]

_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
_SYMBOLS = {
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "to": "→",
    "rightarrow": "→", "Rightarrow": "⇒", "implies": "⇒", "iff": "⇔", "Leftrightarrow": "⇔",
    "infty": "∞", "cdot": "·", "times": "×", "in": "∈", "notin": "∉", "subseteq": "⊆",
    "subset": "⊂", "cup": "∪", "cap": "∩", "mid": "|", "approx": "≈", "sim": "~",
    "partial": "∂", "sum": "Σ", "prod": "Π", "int": "∫", "forall": "∀", "exists": "∃",
    "land": "∧", "wedge": "∧", "lor": "∨", "vee": "∨", "neg": "¬", "lnot": "¬", "pm": "±",
    "ldots": "…", "cdots": "⋯", "dots": "…", "emptyset": "∅", "setminus": "∖", "circ": "∘",
    "langle": "⟨", "rangle": "⟩", "lvert": "|", "rvert": "|", "vert": "|", "Vert": "‖",
    "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "ll": "≪", "gg": "≫",
    "propto": "∝", "equiv": "≡", "perp": "⊥", "top": "⊤", "nabla": "∇", "ell": "ℓ",
    "log": "log", "ln": "ln", "exp": "exp", "sin": "sin", "cos": "cos", "min": "min",
    "max": "max", "inf": "inf", "sup": "sup", "lim": "lim", "det": "det", "arg": "arg",
    "limsup": "limsup", "liminf": "liminf", "Pr": "Pr", "quad": "  ", "qquad": "    ",
    "colon": ":", "{": "{", "}": "}", "%": "%", "$": "$", "#": "#", "&": "&", "_": "_",
    "|": "‖",
}
_SPACING = {",", ";", ":", "!", " ", "displaystyle", "textstyle", "left", "right", "big",
            "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "middle", "limits", "nolimits"}
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0304",
            "tilde": "\u0303", "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308",
            "vec": "\u20d7"}
_FONTS = {"mathbb": dict(zip("EPRNZQC", "𝔼ℙℝℕℤℚℂ", strict=True)),
          "mathcal": dict(zip("ABCDEFGHLMNOPSX", "𝒜ℬ𝒞𝒟ℰℱ𝒢ℋℒℳ𝒩𝒪𝒫𝒮𝒳", strict=True))}
_TEXTLIKE = {"text", "mathrm", "textrm", "operatorname", "mathit", "textit", "mathbf",
             "textbf", "boldsymbol", "mathsf", "texttt", "mathtt", "emph", "mbox"}
_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ",
                strict=True))
_SUP = dict(zip("0123456789+-=()nitT*′", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵗᵀ*′", strict=True))


class _Reader:
    """A cursor over a LaTeX string that converts one group or token at a time."""

    def __init__(self, tex: str) -> None:
        self.s = tex
        self.i = 0

    def done(self) -> bool:
        return self.i >= len(self.s)

    def group(self) -> str:
        """The next argument: a braced group or a single token, converted."""
        while not self.done() and self.s[self.i] == " ":
            self.i += 1
        if self.done():
            return ""
        if self.s[self.i] == "{":
            depth, start = 0, self.i
            while not self.done():
                ch = self.s[self.i]
                if ch == "\\":
                    self.i += 2
                    continue
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                    if depth == 0:
                        self.i += 1
                        return _convert(self.s[start + 1 : self.i - 1])
                self.i += 1
            return _convert(self.s[start + 1 :])
        return self.token()

    def raw_group(self) -> str:
        """The next braced group's text, unconverted (for \\text{...})."""
        while not self.done() and self.s[self.i] == " ":
            self.i += 1
        if self.done() or self.s[self.i] != "{":
            return self.token()
        depth, start = 0, self.i
        while not self.done():
            ch = self.s[self.i]
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    self.i += 1
                    return self.s[start + 1 : self.i - 1]
            self.i += 1
        return self.s[start + 1 :]

    def token(self) -> str:
        ch = self.s[self.i]
        if ch != "\\":
            self.i += 1
            return ch
        m = re.match(r"\\([A-Za-z]+|.)", self.s[self.i :])
        assert m is not None
        self.i += m.end()
        return self.command(m.group(1))

    def command(self, name: str) -> str:
        if name in _SPACING:
            if name in ("left", "right", "middle", "bigl", "bigr", "Bigl", "Bigr") and \
                    not self.done() and self.s[self.i] == ".":
                self.i += 1  # \left. is an invisible delimiter
            return " " if name in (",", ";", ":", " ", "quad") else ""
        if name in _GREEK:
            return _GREEK[name]
        if name in _SYMBOLS:
            return _SYMBOLS[name]
        if name in ("frac", "dfrac", "tfrac"):
            num, den = self.group(), self.group()
            return f"{_wrap(num)}/{_wrap(den)}"
        if name == "sqrt":
            return f"√{_wrap(self.group(), always=len(self.s) > 0)}"
        if name in _ACCENTS:
            arg = self.group()
            return arg + _ACCENTS[name] if len(arg) == 1 else f"{arg}{_ACCENTS[name]}"
        if name in _FONTS:
            arg = self.group()
            return "".join(_FONTS[name].get(c, c) for c in arg)
        if name in _TEXTLIKE:
            inner = _convert(self.raw_group()) if name != "text" else self.raw_group()
            # a word set upright (\mathrm{TPR}) is kept apart from a letter before it
            return "\x01" + inner if len(inner) > 1 else inner
        if name in ("substack", "underbrace", "overbrace", "boxed", "mathop"):
            return self.group()
        if name == "binom":
            n, k = self.group(), self.group()
            return f"C({n}, {k})"
        return name  # unknown command: its name is the most honest rendering


def _wrap(text: str, always: bool = False) -> str:
    """Parenthesise unless ``text`` is one atom (a name, a number, already bracketed)."""
    t = text.strip()
    if len(t) == 1:
        return t
    if re.fullmatch(r"[\w.′̂̄̃]+", t) and not always:
        return t
    if re.fullmatch(r"[\w.′̂̄̃]+", t):
        return t if len(t) == 1 else f"({t})"
    if t.startswith("(") and t.endswith(")") and _balanced(t[1:-1]):
        return t
    call = re.fullmatch(r"[\w.′̂̄̃]+(\(.*\))", t)
    if call and _balanced(call.group(1)[1:-1]):
        return t
    return f"({t})"


def _balanced(t: str) -> bool:
    depth = 0
    for ch in t:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _script(text: str, table: dict[str, str], mark: str) -> str:
    t = text.strip()
    if t and all(c in table for c in t):
        return "".join(table[c] for c in t)
    return f"{mark}{t}" if len(t) == 1 else f"{mark}{{{t}}}"


def _convert(tex: str) -> str:
    r = _Reader(tex)
    out: list[str] = []
    while not r.done():
        ch = r.s[r.i]
        if ch in "_^":
            r.i += 1
            arg = r.group()
            out.append(_script(arg, _SUB if ch == "_" else _SUP, ch))
        elif ch == "{":
            out.append(r.group())
        elif ch == "}":
            r.i += 1
        elif ch == "~":
            r.i += 1
            out.append(" ")
        else:
            out.append(r.token())
    return "".join(out)


def latex_to_unicode(tex: str) -> str:
    """A compact Unicode rendering of a LaTeX math fragment (grouping kept with brackets)."""
    text = _convert(tex)
    text = re.sub("(?<=[\\w)])\x01", " ", text).replace("\x01", "")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    return text


# TeX written in prose without dollars: a letter (or a command) with sub- or superscripts
# (Q_{t+1}, α_t, σ^2), or a bare command (\\le, \\alpha)
_BARE_TEX = re.compile(
    r"(?<![\w\\$])"
    r"((?:[A-Za-zα-ωΑ-Ω]|\\[A-Za-z]+)(?:_\{[^{}]*\}|_[A-Za-z0-9]+|\^\{[^{}]*\}|\^[A-Za-z0-9*]+)+"
    r"|\\[A-Za-z]+(?:\{[^{}]*\})*)"
    r"(?![\w{])"
)


def mark_math(text: str) -> str:
    """Put ``$...$`` around TeX written in prose without delimiters (outside existing math).

    >>> mark_math("Q_{t+1} depends on (P, Q_t) only; $x_1$ and file_name stay")
    '$Q_{t+1}$ depends on (P, $Q_t$) only; $x_1$ and file_name stay'
    """
    from theorems.site import split_math

    out = []
    for kind, part in split_math(text):
        if kind == "text":
            out.append(_BARE_TEX.sub(lambda m: f"${m.group(1)}$", part.replace("$", "\\$")))
        elif kind == "inline":
            out.append(f"${part}$")
        else:
            out.append(f"$${part}$$")
    return "".join(out)


def prose_to_unicode(text: str) -> str:
    """Prose with its math, delimited or bare (see :func:`mark_math`), in Unicode."""
    from theorems.site import split_math

    parts = split_math(mark_math(text))
    return "".join(s if kind == "text" else latex_to_unicode(s) for kind, s in parts)


# --- sympy text back to sympy, then pretty-printed -------------------------------------------

_RELOPS = ("<=", ">=", "!=", "==", "<", ">", "=")


def _names(text: str) -> Iterator[tuple[str, str]]:
    """(name, what follows it) for every identifier in ``text``."""
    toks = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
            if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER)]
    for i, tok in enumerate(toks):
        if tok.type == tokenize.NAME:
            nxt = toks[i + 1].string if i + 1 < len(toks) else ""
            prev = toks[i - 1].string if i > 0 else ""
            if prev != ".":
                yield tok.string, nxt


def _parse(text: str) -> object:
    import sympy as sp
    from sympy.parsing.sympy_parser import parse_expr

    known = {
        "log", "exp", "sqrt", "Sum", "Product", "Abs", "Max", "Min", "Piecewise", "Subs",
        "Derivative", "Integral", "binomial", "factorial", "floor", "ceiling", "Eq", "Ne",
        "Lt", "Le", "Gt", "Ge", "And", "Or", "Not", "Rational", "Integer", "Float", "oo",
        "pi", "zoo", "nan", "digamma", "polygamma", "gamma", "loggamma", "harmonic", "Mod",
        "KroneckerDelta", "sign", "Indexed", "IndexedBase", "Tuple", "re", "im", "beta", "erf",
        "lowergamma",
        "uppergamma", "Heaviside", "atan", "tanh", "cosh", "sinh", "sin", "cos", "tan",
    }
    local: dict[str, object] = {}
    for name, nxt in _names(text):
        if name in local or name in ("True", "False", "None", "lambda"):
            continue
        if nxt == "(" and name in known:
            continue
        if nxt == "(":
            local[name] = sp.Function(name)
        elif nxt == "[":
            local[name] = sp.IndexedBase(name)
        elif name in ("oo", "pi", "zoo") and name in known:
            continue
        else:
            local[name] = sp.Symbol(name)
    return parse_expr(text, local_dict=local, evaluate=False)


def pretty_relation(relation: str, width: int = 100) -> str | None:
    """sympy's Unicode pretty form of a relation given as sympy text, or None if unreadable.

    ``relation`` is ``"lhs REL rhs"`` as written by ``sstr``; ``width`` folds long lines.
    """
    import sympy as sp

    ops = {"<=": sp.Le, ">=": sp.Ge, "!=": sp.Ne, "==": sp.Eq, "=": sp.Eq, "<": sp.Lt,
           ">": sp.Gt}
    for op in _RELOPS:
        parts = relation.split(f" {op} ")
        if len(parts) == 2:
            break
    else:
        return None
    try:
        lhs, rhs = _parse(parts[0]), _parse(parts[1])
        rel = ops[op](lhs, rhs, evaluate=False)
        text = str(sp.pretty(rel, use_unicode=True, num_columns=max(width, 40)))
        return "\n".join(line.rstrip() for line in text.splitlines())
    except Exception:  # any text sympy cannot read back is shown by the other route
        return None


def fold(text: str, width: int, indent: str = "") -> str:
    """Wrap a one-line formula at spaces (operators), continuation lines indented further."""
    if len(indent) + len(text) <= width:
        return indent + text
    return textwrap.fill(text, width=max(width, 30), initial_indent=indent,
                         subsequent_indent=indent + "    ", break_long_words=True,
                         break_on_hyphens=False)
