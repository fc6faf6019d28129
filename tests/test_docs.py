"""The static website: built once per module, then inspected file by file.

The site must open from ``file://`` with no network, so every link has to resolve inside the
build folder, nothing may point at ``http(s)://``, every formula must already be rendered,
and the dependency graph must show every claim.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

import pytest

from theorems import registry
from theorems.evaluate import Report
from theorems.model import Check, CheckResult, Method, Outcome, Strength
from theorems.site import MathRenderer, SiteError, build_site, page_name, split_math

# The site renders its math with KaTeX under Node.js at build time (see docs/README.md). A
# machine with only Python and pip cannot build it; CI has Node, so there this never skips.
pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None,
    reason="building the docs needs Node.js and npm (KaTeX renders the math at build time)",
)


class _Page(HTMLParser):
    """Links, element ids, visible text, and a few element counts of one HTML page."""

    SKIP_TEXT: ClassVar[frozenset[str]] = frozenset({"annotation", "style", "script", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (attribute, value)
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.katex = 0
        self.graph_nodes: list[str] = []
        self.graph_edges: list[tuple[str, str]] = []
        self.verdict_line: list[str] = []
        self._skip: list[str] = []
        self._in_verdict_line = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for key in ("href", "src", "xlink:href"):
            if key in a:
                self.links.append((key, a[key]))
        if "id" in a:
            self.ids.add(a["id"])
        classes = a.get("class", "").split()
        if "katex" in classes:
            self.katex += 1
        if tag == "a" and "node" in classes and "data-id" in a:
            self.graph_nodes.append(a["data-id"])
        if tag == "path" and "edge" in classes:
            self.graph_edges.append((a.get("data-from", ""), a.get("data-to", "")))
        if tag == "p" and "verdict-line" in classes:
            self._in_verdict_line = True
        if self._in_verdict_line and tag == "span" and "badge" in classes:
            self.verdict_line.extend(c for c in classes if c.startswith("v-"))
        if tag in self.SKIP_TEXT:
            self._skip.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
        if tag == "p":
            self._in_verdict_line = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, full_report: Report) -> Path:
    """Build the website once for this module (fast tier), from the session's check results."""
    return build_site(tmp_path_factory.mktemp("site") / "html", report=full_report)


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[Path, _Page]:
    return {p: _parse(p) for p in sorted(site.rglob("*.html"))}


def _internal(value: str) -> bool:
    return not value.startswith(("#", "data:", "mailto:")) and not urlsplit(value).scheme


def test_every_claim_has_a_page(site: Path, pages: dict[Path, _Page]) -> None:
    assert (site / "index.html").is_file()
    ids = [c.id for c in registry.all_claims()]
    missing = [cid for cid in ids if not (site / "claims" / page_name(cid)).is_file()]
    assert not missing, f"claims without a page: {missing}"
    for cid in ids:
        page = pages[site / "claims" / page_name(cid)]
        assert cid in "".join(page.text), f"page of {cid} does not name it"


def test_page_names_are_distinct_and_safe() -> None:
    ids = [c.id for c in registry.all_claims()] + ["thm-2/gini", "a b/c:d"]
    names = [page_name(cid) for cid in ids]
    assert len({n.lower() for n in names}) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+\.html", n) for n in names)


def test_internal_links_resolve(site: Path, pages: dict[Path, _Page]) -> None:
    broken = []
    for path, page in pages.items():
        for attr, value in page.links:
            if value.startswith("#"):
                if value[1:] and value[1:] not in page.ids:
                    broken.append(f"{path.relative_to(site)}: {attr}={value}")
                continue
            if not _internal(value):
                continue
            parts = urlsplit(value)
            target = (path.parent / unquote(parts.path)).resolve()
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{path.relative_to(site)}: {attr}={value}")
            elif parts.fragment and target.suffix == ".html":
                if parts.fragment not in pages[target].ids:
                    broken.append(f"{path.relative_to(site)}: {attr}={value} (no such anchor)")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_stylesheet_urls_resolve(site: Path) -> None:
    css_files = list(site.rglob("*.css"))
    assert css_files
    broken = []
    for css in css_files:
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css.read_text()):
            if url.startswith(("data:", "#")):
                continue
            assert not urlsplit(url).scheme, f"{css.name} loads {url}"
            if not (css.parent / urlsplit(url).path).is_file():
                broken.append(f"{css.relative_to(site)}: {url}")
    assert not broken, "missing files referenced by CSS:\n" + "\n".join(broken)


def test_nothing_is_loaded_from_the_network(site: Path, pages: dict[Path, _Page]) -> None:
    remote = [
        f"{path.relative_to(site)}: {attr}={value}"
        for path, page in pages.items()
        for attr, value in page.links
        if re.match(r"\s*(https?:)?//", value, re.IGNORECASE)
    ]
    assert not remote, "links to the network:\n" + "\n".join(remote)
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text, f"{path.name} has a script"
        assert not re.search(r"@import|<link[^>]+https?:", text), path.name


def test_all_math_is_rendered(site: Path, pages: dict[Path, _Page]) -> None:
    leftovers = []
    for path, page in pages.items():
        raw = path.read_text(encoding="utf-8")
        assert "\ue000" not in raw and "\ue001" not in raw, f"unfilled math in {path.name}"
        text = "".join(page.text)
        for bad in (r"(?<!\\)\$[^$\s][^$]*\$", r"\\\(", r"\\\["):
            for m in re.finditer(bad, text):
                leftovers.append(f"{path.relative_to(site)}: {m.group(0)[:60]!r}")
    assert not leftovers, "raw LaTeX left in the text:\n" + "\n".join(leftovers)
    assert pages[site / "index.html"].katex > 0
    prop1 = pages[site / "claims" / page_name("prop-1")]
    assert prop1.katex > 0


def test_derivation_steps_are_shown_with_marks(site: Path) -> None:
    text = (site / "claims" / page_name("prop-1")).read_text(encoding="utf-8")
    assert 'class="derivation' in text
    assert re.search(r'class="step m-(ok|bad|unk)"', text)
    assert "collapse-check show prop-1" in text
    assert "pytest -k &#x27;prop-1&#x27;" in text or "pytest -k 'prop-1'" in text


def test_graph_has_one_node_per_claim(site: Path, pages: dict[Path, _Page]) -> None:
    full = pages[site / "graph.html"]
    ids = [c.id for c in registry.all_claims()]
    assert sorted(full.graph_nodes) == sorted(ids)
    nodes = set(ids)
    for src, dst in full.graph_edges:
        assert src in nodes and dst in nodes, (src, dst)
    expected = {(c.id, u) for c in registry.all_claims() for u in c.uses}
    expected |= {(c.parent, c.id) for c in registry.all_claims() if c.parent}
    assert set(full.graph_edges) == expected


def test_index_graph_shows_the_top_level_claims_and_fits(
    site: Path, pages: dict[Path, _Page]
) -> None:
    index = pages[site / "index.html"]
    tops = [c.id for c in registry.all_claims() if c.parent is None]
    assert sorted(index.graph_nodes) == sorted(tops)
    # an edge wherever a claim or one of its readings uses another claim's reading
    for claim in registry.all_claims():
        for used in claim.uses:
            src, dst = (claim.parent or claim.id), used.split("/", 1)[0]
            if src != dst:
                assert (src, dst) in index.graph_edges, (claim.id, used)
    text = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="graph fit"' in text and 'href="graph.html"' in text


def test_each_claim_page_has_its_neighbourhood_graph(
    site: Path, pages: dict[Path, _Page]
) -> None:
    for claim in registry.all_claims():
        page = pages[site / "claims" / page_name(claim.id)]
        near = {claim.id, *claim.uses}
        near |= {c.id for c in registry.all_claims() if claim.id in c.uses}
        near |= {c.id for c in registry.all_claims() if c.parent == claim.id}
        if claim.parent:
            near.add(claim.parent)
        if len(near) == 1:
            assert not page.graph_nodes
            continue
        assert set(page.graph_nodes) == near, claim.id
        assert len(page.graph_nodes) == len(near)


def test_laboratory_plots_are_on_the_claims_they_support(site: Path) -> None:
    from theorems.site import LAB_FIGURES

    ids = {c.id for c in registry.all_claims()}
    for lab, _args, claim_ids in LAB_FIGURES:
        for cid in claim_ids:
            assert cid in ids, cid
            text = (site / "claims" / page_name(cid)).read_text(encoding="utf-8")
            assert f"collapse-check simulate {lab}" in text, (lab, cid)
            for src in re.findall(r'<img src="\.\./(plots/[^"]+-lab-\d+\.png)"', text):
                assert (site / src).stat().st_size > 1000
    labs = {lab for lab, _a, _c in LAB_FIGURES}
    assert labs == {"categorical", "gaussian", "verifier", "ensemble", "programs"}


def test_hypotheses_and_readings_are_typeset(site: Path) -> None:
    text = (site / "claims" / page_name("cor-3/dpi")).read_text(encoding="utf-8")
    hyps = text.split("<dt>Hypotheses</dt>", 1)[1].split("</dd>", 1)[0]
    assert 'class="katex"' in hyps  # Q_{t+1}, α_t are set as math
    assert "Q_{t+1}" not in re.sub(r"<annotation.*?</annotation>", "", hyps, flags=re.S)


def test_multi_letter_names_are_upright(site: Path) -> None:
    text = (site / "claims" / page_name("rem-6/fixed-verifier")).read_text(encoding="utf-8")
    assert "\\mathrm{TPR}" in text  # in KaTeX's MathML annotations of the derivation steps
    assert not re.search(r"<annotation[^>]*>[^<]*(?<![{A-Za-z])TPR", text)


def test_z3_case_split_is_labelled(site: Path) -> None:
    text = (site / "claims" / page_name("sec-5-5/mdl-anchor")).read_text(encoding="utf-8")
    assert "case θ &lt; φ" in text or "case θ < φ" in text


def test_footer_says_which_run(site: Path) -> None:
    from theorems.site import _footer

    text = (site / "index.html").read_text(encoding="utf-8")
    assert "Verdicts and numbers " in text and "the run finished " in text
    live = Report([], deep=False, run={"finished": "2026-01-02 03:04:05 UTC", "version": "9"})
    assert ("computed while this site was built: the run finished 2026-01-02 03:04:05 UTC "
            "(collapse-check 9)") in _footer(live)


def test_site_from_a_results_file(tmp_path: Path, full_report: Report) -> None:
    from theorems.results import load_report

    path = tmp_path / "results.json"
    path.write_text(json.dumps(full_report.to_json()), encoding="utf-8")
    loaded = load_report(path)
    assert [(s.claim.id, s.verdict, s.fully_checked) for s in loaded.statuses] == [
        (s.claim.id, s.verdict, s.fully_checked) for s in full_report.statuses
    ]
    out = build_site(tmp_path / "site", report=loaded, lab_figures=False)
    footer = (out / "index.html").read_text(encoding="utf-8")
    assert "from the results file results.json" in footer
    prop1 = (out / "claims" / page_name("prop-1")).read_text(encoding="utf-8")
    assert 'class="derivation' in prop1  # the derivation steps travel in the file


def test_verdicts_shown_are_the_computed_ones(site: Path, pages: dict[Path, _Page]) -> None:
    status = json.loads((site / "status.json").read_text())
    assert {c["id"] for c in status["claims"]} == {c.id for c in registry.all_claims()}
    for entry in status["claims"]:
        page = pages[site / "claims" / page_name(entry["id"])]
        assert page.verdict_line[:1] == [f"v-{entry['verdict']}"], entry["id"]


def test_split_math() -> None:
    assert split_math("a $x$ b") == [("text", "a "), ("inline", "x"), ("text", " b")]
    assert split_math("$$x^2$$") == [("display", "x^2")]
    assert split_math(r"\[y\]") == [("display", "y")]
    assert split_math(r"costs \$3") == [("text", "costs $3")]
    assert split_math("no math") == [("text", "no math")]


def test_bad_latex_fails_naming_the_claim() -> None:
    math = MathRenderer()
    math.prose(r"fine $\alpha$ then $\frac{1$", where="claim demo-9/broken")
    with pytest.raises(SiteError, match=r"demo-9/broken"):
        math.render()


def test_refuses_to_overwrite_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "precious.txt").write_text("keep me")
    with pytest.raises(SiteError, match="not written by"):
        build_site(tmp_path)
    assert (tmp_path / "precious.txt").read_text() == "keep me"


def _fake_png(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    return path


def test_plots_are_copied_into_the_site(tmp_path: Path) -> None:
    from theorems import site as site_mod

    png = _fake_png(tmp_path / "loop.png")
    result = CheckResult(
        Outcome.SUPPORTS,
        "mean 0.25000000000000000001",
        data={"plots": [str(png), str(tmp_path / "gone.png")], "samples": 1000},
    )
    check = Check("loop", Method.SIMULATION, Strength.SAMPLED, lambda: result)
    math = MathRenderer()
    out = tmp_path / "out"
    copier = site_mod._PlotCopier(out)
    fragment = site_mod._check_html(check, result, math, copier, "thm-2/gini")
    srcs = re.findall(r'src="\.\./([^"]+)"', fragment)
    assert len(srcs) == 1 and (out / srcs[0]).read_bytes() == png.read_bytes()
    assert copier.missing == [str(tmp_path / "gone.png")]
    assert "0.25000000000000000001" in fragment and "1000" in fragment


def _all_files(root: Path) -> Iterator[Path]:
    yield from (p for p in root.rglob("*") if p.is_file())


def test_site_is_self_contained(site: Path) -> None:
    names = {p.relative_to(site).as_posix() for p in _all_files(site)}
    assert "assets/katex/katex.min.css" in names
    assert any(n.startswith("assets/katex/fonts/") and n.endswith(".woff2") for n in names)
    assert "assets/site.css" in names


def _synthetic_claims(tmp_path: Path) -> list[Any]:
    """Claims whose checks produce every kind of evidence the pages know how to show."""
    import sympy as sp

    from numerics.precision import certify
    from proofs.derivation import Algebra, Derivation, Step
    from proofs.smt import prove
    from theorems import evidence as ev
    from theorems.model import Claim, Tier

    x = sp.Symbol("x", positive=True)
    r = sp.Symbol("r", real=True)
    png = _fake_png(tmp_path / "trace.png")

    def bad_derivation() -> CheckResult:
        return ev.from_derivation(
            Derivation("too strong", x + 1 / x, [Step(">=", sp.Integer(3), Algebra())],
                       goal=(x + 1 / x, ">=", 3))
        )

    def z3_refuted() -> CheckResult:
        return ev.from_smt(prove(sp.Le(r * (1 - r), sp.Rational(1, 5)),
                                 [sp.Le(0, r), sp.Le(r, 1)]), "r(1 − r) ≤ 1/5")

    def arb_certified() -> CheckResult:
        return ev.from_certify(certify(sp.log(1 + r), "<", r, {r: ("1/10", "2")}), "log bound")

    def with_plot() -> CheckResult:
        return CheckResult(Outcome.SUPPORTS, "mean 0.12345678901234567890",
                           data={"plots": [str(png)], "trace": list(range(5000))})

    def boom() -> CheckResult:
        raise ZeroDivisionError("synthetic failure")

    return [
        Claim("syn-a", "Synthetic $\\alpha$ claim", "A statement with $x + 1/x \\ge 2$.",
              "nowhere", uses=("syn-b",), checks=(
                  Check("bad-derivation", Method.SYMPY, Strength.PROOF, bad_derivation),
                  Check("z3-refuted", Method.Z3, Strength.PROOF, z3_refuted),
              )),
        Claim("syn-a/arb", "Arb reading", "$\\log(1+r) < r$ on $[1/10, 2]$.", "nowhere",
              checks=(Check("arb", Method.ARB, Strength.CERTIFIED, arb_certified),
                      Check("deep", Method.SIMULATION, Strength.SAMPLED, with_plot,
                            tier=Tier.DEEP))),
        Claim("syn-b", "Cycle partner", "Uses syn-a back.", "nowhere", uses=("syn-a",),
              checks=(Check("plot", Method.SIMULATION, Strength.SAMPLED, with_plot),
                      Check("boom", Method.EXACT, Strength.PROOF, boom))),
    ]


def test_every_kind_of_evidence_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuted z3 models, arb, failing steps, errors, plots, skipped checks and a cycle."""
    from theorems import site as site_mod
    from theorems.evaluate import summarise_results
    from theorems.model import Tier, run_check

    claims = _synthetic_claims(tmp_path)
    statuses = []
    for claim in claims:
        ran = [(c, run_check(c)) for c in claim.checks if c.tier is not Tier.DEEP]
        skipped = [c for c in claim.checks if c.tier is Tier.DEEP]
        statuses.append(summarise_results(claim, ran, skipped))
    report = Report(statuses, deep=False)
    monkeypatch.setattr(site_mod.registry, "all_claims", lambda: claims)
    monkeypatch.setattr(site_mod, "evaluate", lambda _claims, deep=False: report)

    out = site_mod.build_site(tmp_path / "site", lab_figures=False)
    a = (out / "claims" / page_name("syn-a")).read_text(encoding="utf-8")
    assert 'class="step m-bad"' in a  # the false step is marked ✗
    assert "badge v-refuted" in a and 'class="model"' in a  # z3's counterexample is shown
    arb = (out / "claims" / page_name("syn-a/arb")).read_text(encoding="utf-8")
    assert "arb certification" in arb and "certified" in arb
    assert "Deep-tier checks not run" in arb
    b = (out / "claims" / page_name("syn-b")).read_text(encoding="utf-8")
    assert "ZeroDivisionError" in b and "0.12345678901234567890" in b
    assert "characters; the full value" in b  # the long trace is cut, saying so
    assert len(list((out / "plots").glob("*.png"))) == 1
    index = _parse(out / "graph.html")
    assert sorted(index.graph_nodes) == ["syn-a", "syn-a/arb", "syn-b"]
    assert ("syn-a", "syn-b") in index.graph_edges and ("syn-b", "syn-a") in index.graph_edges
    for path in out.rglob("*.html"):
        page = _parse(path)
        text = "".join(page.text)
        assert not re.search(r"(?<!\\)\$[^$\s][^$]*\$", text), path.name


def test_trivial_side_condition_is_explained() -> None:
    from theorems.site import _step_html

    math = MathRenderer()
    html_text = _step_html({"mark": "✓", "latex": "\\text{True} = \\text{True}",
                            "justification": "evaluation", "detail": "true by evaluation",
                            "note": "the weights sum to one", "conditions": []}, math, "here")
    assert "the weights sum to one" in html_text and "sympy evaluated" in html_text
    assert len(math) == 0  # no empty identity is typeset


# --- both verdicts, formal goal, trust and related results on the claim pages --------------


def _section(html_text: str, section_id: str) -> str:
    """The HTML of one ``<section id=...>`` of a page ('' when the page has none)."""
    m = re.search(rf'<section id="{re.escape(section_id)}">(.*?)</section>', html_text, re.S)
    return m.group(1) if m else ""


def _visible(fragment: str) -> str:
    page = _Page()
    page.feed(fragment)
    page.close()
    return "".join(page.text)


def test_claim_pages_show_both_verdicts_with_their_models(site: Path, full_report: Report) -> None:
    for st in full_report.statuses:
        cid = st.claim.id
        html_text = (site / "claims" / page_name(cid)).read_text(encoding="utf-8")
        section = _section(html_text, "two-verdicts")
        assert section, f"{cid}: no verdicts section"
        assert st.as_written is not None and st.holds is not None
        for reading in (st.as_written, st.holds):
            assert f"badge v-{reading.verdict.value}" in section, cid
            assert f"<code>{reading.model or '-'}</code>" in section, cid
            if reading.claim != cid:
                assert f'href="{page_name(reading.claim)}"' in section, cid
        if st.holds != st.as_written:
            assert "as written" in section and "holds" in section, cid
    # a conditional verdict says what it rests on: eq-16-20 chains the assumed factors
    eq = _visible(_section((site / "claims" / page_name("eq-16-20")).read_text(encoding="utf-8"),
                           "two-verdicts"))
    assert "eq-16-20/factors" in eq and "conditional" in eq


def test_claim_pages_show_the_formal_goal_typeset(site: Path, full_report: Report) -> None:
    with_goal = [st for st in full_report.statuses if st.goal is not None]
    assert with_goal
    for st in with_goal:
        assert st.goal is not None
        section = _section((site / "claims" / page_name(st.claim.id)).read_text(
            encoding="utf-8"), "goal")
        assert 'class="katex' in section, st.claim.id
        assert html_escape(str(st.goal)) in section, st.claim.id  # as the checker reads it
    for st in full_report.statuses:
        if st.composition is not None:
            section = _section((site / "claims" / page_name(st.claim.id)).read_text(
                encoding="utf-8"), "goal")
            assert html_escape(st.composition.describe()) in section, st.claim.id
    prop1 = _section((site / "claims" / page_name("prop-1")).read_text(encoding="utf-8"), "goal")
    assert "For every" in prop1 and "\\mathbb{Z}_{&gt;0}" in prop1  # K, from its assumptions


def test_claim_pages_show_the_trust_report(site: Path, full_report: Report) -> None:
    seen_lemma = False
    for st in full_report.statuses:
        if not st.claim.checks:
            continue
        text = _visible(_section(
            (site / "claims" / page_name(st.claim.id)).read_text(encoding="utf-8"), "trust"))
        assert f"collapse-check trust {st.claim.id}" in text, st.claim.id
        trust = st.trust()
        for lemma in trust["lemmas"]:
            seen_lemma = True
            assert lemma["name"] in text and lemma["citation"] in text, st.claim.id
        for key in ("solvers", "shipped_tables", "sampling_only", "rules"):
            for item in trust[key]:
                assert item in text, (st.claim.id, key, item)
    assert seen_lemma, "no claim page shows a lemma schema"


def test_claim_pages_show_related_results_recomputed(site: Path) -> None:
    from theorems import related

    for item in related.ITEMS:
        for cid in (item.claim, item.claim.split("/", 1)[0]):  # its own page and its parent's
            text = _visible(_section(
                (site / "claims" / page_name(cid)).read_text(encoding="utf-8"), "related"))
            assert item.citation in text, (cid, item.citation)
            if item.tag:
                assert f"{item.tag}:" in text, (cid, item.citation)
            if item.formula:
                assert item.formula in text, (cid, item.citation)
            rep = item.reproduce()
            if rep is not None:
                assert f"computed {rep.computed}" in text, (cid, item.citation)
    # a claim page lists only its own items (and, for a top-level claim, its sub-claims')
    gini = _visible(_section((site / "claims" / page_name("thm-2/gini")).read_text(
        encoding="utf-8"), "related"))
    assert "Kish" not in gini and "Wright–Fisher" in gini


def test_related_results_page_lists_every_item(site: Path) -> None:
    from theorems import related

    page = _parse(site / "related.html")
    text = "".join(page.text)
    for item in related.ITEMS:
        assert item.citation in text
        assert ("href", f"claims/{page_name(item.claim)}") in page.links
    reproducible = [i for i in related.ITEMS if i.check is not None]
    assert f"{len(reproducible)} of them have a published number" in text
    assert f"{len(reproducible)} agree" in text
    assert ("href", "related.html") in _parse(site / "index.html").links


def test_a_disagreeing_recomputation_is_shown_as_such() -> None:
    from theorems.related import Reproduction
    from theorems.site import _reproduction_html

    bad = _reproduction_html(Reproduction(False, "0.491351", "0.5", "a deliberately wrong value"))
    assert "DISAGREES" in bad and "0.491351" in bad and "0.5" in bad
    assert "agrees" in _reproduction_html(Reproduction(True, "3/10", "3/10", "exact"))


def test_results_file_keeps_the_trust_details(tmp_path: Path, full_report: Report) -> None:
    from theorems.results import load_report

    path = tmp_path / "results.json"
    path.write_text(json.dumps(full_report.to_json()), encoding="utf-8")
    loaded = load_report(path).by_id()
    for st in full_report.statuses:
        assert loaded[st.claim.id].trust() == st.trust(), st.claim.id
