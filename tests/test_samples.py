"""Tests of the bundled samples (data/samples/) and of alliances.samples.

The planted structure is checked on the raw CSV rows with the csv module
(not with the analysis functions, which have their own tests against these
samples): who cites whom, with which trust, which sectors are declared.
"""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

import pytest

from alliances import samples
from alliances.model import actor_id, canonical_sector

REPO = Path(__file__).resolve().parents[1]
# samples with planted hybrids, trusted intermediaries, disconnected groups and missing
# links (made by _make_samples.py); the tests of this file's sample fixture are theirs
SAMPLES = ["antony-velo", "morteau-reemploi", "sqy-rse"]
# samples that plant something else, said in their expected.json's "planted" key and
# tested in their own file (tests/test_sample_chevreuse.py)
OTHER_PLANTS = {"chevreuse-sprint": ["co-participation effect"]}
ALL_SAMPLES = sorted([*SAMPLES, *OTHER_PLANTS])
STUDY_TOMLS = ["antony-velo/study.toml", "chevreuse-sprint/study.toml",
               "chevreuse-sprint/wave2/study.toml", "morteau-reemploi/study.toml",
               "sqy-rse/study.toml", "sqy-rse/wave2/study.toml"]


# --------------------------------------------------------------------------- helpers

def read_rows(folder: Path, name: str, exp: dict) -> list[dict[str, str]]:
    """Rows of a sample file, read strictly in its declared encoding and delimiter."""
    fmt = exp["files"][name]
    raw = (folder / name).read_bytes()
    text = raw.decode(fmt["encoding"])  # strict: raises on a wrong encoding
    assert "\ufffd" not in text and "Ã" not in text  # no replacement char, no mojibake
    rows = list(csv.reader(text.splitlines(), delimiter=fmt["delimiter"]))
    header = [h.strip().lower() for h in rows[0]]
    assert len(header) >= 3, (name, header)
    for i, row in enumerate(rows[1:], start=2):
        assert len(row) == len(header), (name, i, row)
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def registry(folder: Path, exp: dict) -> dict[str, dict]:
    """actors.csv as id -> {name, sectors (canonical), themes, aliases}."""
    out = {}
    for r in read_rows(folder, "actors.csv", exp):
        out[actor_id(r["nom"])] = {
            "name": r["nom"],
            "sectors": [canonical_sector(s) for s in r["secteur"].split("|") if s],
            "themes": set(filter(None, r["thèmes"].split("|"))),
            "aliases": [a for a in r["alias"].split("|") if a],
        }
    return out


def resolver(reg: dict[str, dict]):
    alias = {actor_id(a): i for i, d in reg.items() for a in d["aliases"]}
    return lambda name: alias.get(actor_id(name), actor_id(name))


def survey_ties(folder: Path, exp: dict, reg: dict) -> tuple[list[tuple], set[str]]:
    """(source, target, relation, trust) for every filled nomination, and the respondents."""
    rid = resolver(reg)
    ties, respondents = [], set()
    for r in read_rows(folder, "survey.csv", exp):
        src = rid(r["structure"])
        respondents.add(src)
        if exp["survey_layout"] == "long":
            contact = r.get("contact cité", r.get("partenaire"))
            slots = [(contact, r["type de relation"], r["confiance"])]
        else:
            slots = [(r[f"contact {i}"], r[f"relation {i}"], r[f"confiance {i}"])
                     for i in range(1, 100) if f"contact {i}" in r]
        for contact, relation, trust in slots:
            if contact.strip() and rid(contact) != src:
                ties.append((src, rid(contact), relation.lower(), trust))
    return ties, respondents


def other_ties(folder: Path, exp: dict, reg: dict) -> list[tuple[str, str]]:
    """Pairs tied by interviews and participation lists."""
    rid = resolver(reg)
    pairs = []
    if "interviews.csv" in exp["files"]:
        for r in read_rows(folder, "interviews.csv", exp):
            pairs.append((rid(r["structure"]), rid(r["acteur cité"])))
    if "affiliations.csv" in exp["files"]:
        events = defaultdict(list)
        for r in read_rows(folder, "affiliations.csv", exp):
            events[r["événement"]].append(rid(r["acteur"]))
        for members in events.values():
            pairs += [(a, b) for a in members for b in members if a != b]
    return pairs


def high_trust(ties: list[tuple]) -> dict[str, set[str]]:
    out = defaultdict(set)
    for s, t, rel, trust in ties:
        if trust.strip().isdigit() and int(trust) >= 4 and rel != "conflit":
            out[t].add(s)
    return out


@pytest.fixture(scope="module", params=SAMPLES)
def sample(request):
    name = request.param
    folder = samples.path(name)
    exp = samples.expected(name)
    reg = registry(folder, exp)
    ties, respondents = survey_ties(folder, exp, reg)
    return SimpleNamespace(name=name, folder=folder, exp=exp, reg=reg, ties=ties,
                           respondents=respondents)


# --------------------------------------------------------------------------- samples API

def test_names_and_paths():
    assert samples.names() == ALL_SAMPLES
    for name in ALL_SAMPLES:
        assert samples.path(name) == REPO / "data" / "samples" / name
    assert samples.path("sqy-rse", wave=2) == REPO / "data" / "samples" / "sqy-rse" / "wave2"
    assert samples.path("chevreuse-sprint", wave=2) == (
        REPO / "data" / "samples" / "chevreuse-sprint" / "wave2")


def test_every_sample_is_tested_for_what_it_plants():
    """No sample escapes the planted-structure tests silently.

    A sample is either one of SAMPLES (every test of the ``sample`` fixture runs on it:
    hybrids, trusted intermediaries, disconnected groups, missing links) or says in
    ``expected.json`` that it plants something else, and none of those four.
    """
    classic = {"hybrids", "trusted_intermediaries", "disconnected_groups", "missing_links"}
    for name in samples.names():
        exp = samples.expected(name)
        if name in SAMPLES:
            assert classic <= set(exp), name
        else:
            assert exp["planted"] == OTHER_PLANTS[name], name
            assert not classic & set(exp), name


def test_unknown_sample_lists_available_names():
    with pytest.raises(ValueError, match=r"unknown sample 'nope'.*antony-velo, chevreuse-sprint, "
                                         r"morteau-reemploi, sqy-rse"):
        samples.path("nope")
    with pytest.raises(ValueError, match="unknown sample"):
        samples.expected("_make_samples.py")


def test_installed_package_data_comes_first(tmp_path, monkeypatch):
    """A wheel ships the samples as alliances/_data/samples (pyproject force-include)."""
    pkg = tmp_path / "alliances"
    (pkg / "_data" / "samples" / "antony-velo").mkdir(parents=True)
    (pkg / "_data" / "samples" / "antony-velo" / "survey.csv").write_text("x\n")
    (pkg / "_data" / "samples" / "_private").mkdir()
    monkeypatch.setattr(samples.resources, "files", lambda _name: pkg)
    assert samples.path("antony-velo") == pkg / "_data" / "samples" / "antony-velo"
    assert samples.names() == ALL_SAMPLES  # same names, the wheel's copy wins
    assert samples.path("sqy-rse") == REPO / "data" / "samples" / "sqy-rse"


def test_unknown_wave():
    with pytest.raises(ValueError, match="'antony-velo' has no wave 2"):
        samples.path("antony-velo", wave=2)
    with pytest.raises(ValueError, match="no wave 3; it has wave 1, wave 2"):
        samples.path("sqy-rse", wave=3)


def test_committed_samples_are_the_generator_output(tmp_path):
    """The CSVs can be regenerated and audited: same bytes as committed."""
    script = REPO / "data" / "samples" / "_make_samples.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True,
                   capture_output=True, env={"PYTHONHASHSEED": "7", "PATH": ""})
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert len(made) == 25
    # every sample's study.toml, chevreuse-sprint's included, and those of the wave folders
    assert sorted(str(p) for p in made if p.name == "study.toml") == STUDY_TOMLS
    for rel in made:
        assert (tmp_path / rel).read_bytes() == (REPO / "data" / "samples" / rel).read_bytes(), rel


# --------------------------------------------------------------------------- sample files

def test_files_parse_and_sizes(sample):
    folder, exp, reg, ties, _respondents = (sample.folder, sample.exp, sample.reg, sample.ties,
                                           sample.respondents)
    assert 30 <= len(reg) <= 150
    for f in exp["files"]:
        assert read_rows(folder, f, exp)
    assert (folder / "README.md").is_file()
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for i in exp["trusted_intermediaries"] + exp["hybrids"]:
        assert f"`{i}`" in readme
    assert len(ties) > 2 * len(reg)


def test_expected_ids_exist_in_registry(sample):
    _folder, exp, reg, _ties, _respondents = (sample.folder, sample.exp, sample.reg, sample.ties,
                                           sample.respondents)
    ids = set(exp["hybrids"]) | set(exp["trusted_intermediaries"]) | set(exp["non_respondents"])
    ids |= {i for g in exp["disconnected_groups"] for i in g}
    ids |= {i for pair in exp["missing_links"] for i in pair}
    assert ids <= set(reg)
    assert len(exp["disconnected_groups"]) == 2 and len(exp["missing_links"]) == 2
    assert exp["hybrids"] and exp["trusted_intermediaries"]


def test_non_respondents_are_cited_but_never_answer(sample):
    _folder, exp, reg, ties, respondents = (sample.folder, sample.exp, sample.reg, sample.ties,
                                           sample.respondents)
    non = set(exp["non_respondents"])
    assert non == set(reg) - respondents
    assert 0.18 <= len(non) / len(reg) <= 0.32
    cited = {t for _, t, _, _ in ties}
    assert non <= cited
    assert not {s for s, _, _, _ in ties} & non


def test_trusted_intermediaries_are_planted(sample):
    """Trust 4-5 from 8+ actors of 4+ worlds, and nobody else qualifies."""
    _folder, exp, reg, ties, _respondents = (sample.folder, sample.exp, sample.reg, sample.ties,
                                           sample.respondents)
    ht = high_trust(ties)
    qualifies = sorted(t for t, us in ht.items()
                       if len(us) >= 8 and len({reg[u]["sectors"][0] for u in us}) >= 4)
    assert qualifies == exp["trusted_intermediaries"]


def test_hybrids_are_planted(sample):
    """Hybrids (and only they) declare two worlds; their ties reach 3+ other worlds."""
    _folder, exp, reg, ties, _respondents = (sample.folder, sample.exp, sample.reg, sample.ties,
                                           sample.respondents)
    multi = sorted(i for i, d in reg.items() if len(set(d["sectors"])) >= 2)
    assert multi == exp["hybrids"]
    world = {i: d["sectors"][0] for i, d in reg.items()}
    for h in exp["hybrids"]:
        nbrs = {t for s, t, rel, _ in ties if s == h and rel != "conflit"}
        nbrs |= {s for s, t, rel, _ in ties if t == h and rel != "conflit"}
        assert len({world[x] for x in nbrs if x in world} - {world[h]}) >= 3, h


def test_disconnected_groups_tie_only_among_themselves(sample):
    folder, exp, reg, ties, _respondents = (sample.folder, sample.exp, sample.reg, sample.ties,
                                           sample.respondents)
    pairs = [(s, t) for s, t, _, _ in ties] + other_ties(folder, exp, reg)
    for group in exp["disconnected_groups"]:
        g = set(group)
        inside = [(s, t) for s, t in pairs if s in g and t in g]
        crossing = [(s, t) for s, t in pairs if (s in g) != (t in g)]
        assert crossing == []
        assert {x for p in inside for x in p} == g  # every member is tied to the group


def test_missing_links_share_a_rare_theme_and_are_not_tied(sample):
    folder, exp, reg, ties, _respondents = (sample.folder, sample.exp, sample.reg, sample.ties,
                                           sample.respondents)
    pairs = {frozenset((s, t)) for s, t, _, _ in ties}
    pairs |= {frozenset(p) for p in other_ties(folder, exp, reg)}
    groups = [set(g) for g in exp["disconnected_groups"]]
    for a, b in exp["missing_links"]:
        assert frozenset((a, b)) not in pairs
        assert sum(a in g or b in g for g in groups) == 1  # one side is isolated
        shared = reg[a]["themes"] & reg[b]["themes"]
        assert shared
        group = next(g for g in groups if a in g or b in g)
        for theme in shared:
            holders = {i for i, d in reg.items() if theme in d["themes"]}
            assert holders <= group | {a, b}


def test_noise_is_present(sample):
    folder, exp, _reg, ties, _respondents = (sample.folder, sample.exp, sample.reg, sample.ties,
                                           sample.respondents)
    text = (folder / "survey.csv").read_bytes().decode(exp["files"]["survey.csv"]["encoding"])
    for value in exp["noise"]["unparseable_trust"]:
        assert text.count(value) == 1
    conflicts = {(s, t) for s, t, rel, _ in ties if rel == "conflit"}
    assert {tuple(c) for c in exp["noise"]["conflicts"]} <= conflicts
    tones = [r["ton"] for r in read_rows(folder, "interviews.csv", exp)]
    assert "négatif" in tones and "positif" in tones
    one_sided = [(s, t) for s, t, _, _ in ties if not any(s2 == t and t2 == s
                                                            for s2, t2, _, _ in ties)]
    assert len(one_sided) > len(ties) / 2


def test_sqy_messy_file_and_names():
    exp = samples.expected("sqy-rse")
    raw = (samples.path("sqy-rse") / "survey.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert text.splitlines()[0].startswith("Horodateur;Répondant;Structure;Secteur;Contact 1;")
    for variant in [*exp["messy_names"]["same_id"], *exp["messy_names"]["aliases"]]:
        assert variant in text
    assert "Transports Lefèvre & Fils" in text
    assert ";;;;Contact" not in text  # header has no empty column
    for variant, node in exp["messy_names"]["same_id"].items():
        assert actor_id(variant) == node


def test_sqy_wave2_changes():
    exp = samples.expected("sqy-rse")
    w2 = exp["wave2_changes"]
    f1, f2 = samples.path("sqy-rse"), samples.path("sqy-rse", wave=2)
    exp2 = dict(exp, files={k.removeprefix("wave2/"): v for k, v in exp["files"].items()})
    reg1, reg2 = registry(f1, exp), registry(f2, exp2)
    assert sorted(set(reg2) - set(reg1)) == w2["new_actors"]
    assert sorted(set(reg1) - set(reg2)) == w2["gone_actors"]
    t1, r1 = survey_ties(f1, exp, reg1)
    t2, r2 = survey_ties(f2, exp2, reg2)
    assert sorted(r1 - r2) == w2["respondents_wave1_only"]
    assert sorted(r2 - r1) == w2["respondents_wave2_only"]
    before, after = {(s, t) for s, t, _, _ in t1}, {(s, t) for s, t, _, _ in t2}
    for s, t, _ in w2["planted_gained_ties"]:
        assert (s, t) in after and (s, t) not in before
    for group in w2["connected_groups"]:
        assert any((s in group) != (t in group) for s, t in after)
    ht = high_trust(t2)
    world = {i: d["sectors"][0] for i, d in reg2.items()}
    for go in w2["new_go_between"]:
        assert len(ht[go]) >= 8 and len({world[u] for u in ht[go]}) >= 4
        assert go not in exp["trusted_intermediaries"]
        assert go in w2["trusted_intermediaries"]
    assert w2["disconnected_groups"] == []


def _wave2(exp: dict) -> dict:
    return dict(exp, files={k.removeprefix("wave2/"): v for k, v in exp["files"].items()})


def test_sqy_wave2_interviews_follow_the_survey():
    """The second interview round: same interviewees, mentions that follow the survey ties."""
    exp = samples.expected("sqy-rse")
    exp2 = _wave2(exp)
    w2 = exp["wave2_changes"]
    f1, f2 = samples.path("sqy-rse"), samples.path("sqy-rse", wave=2)
    assert exp["files"]["wave2/interviews.csv"] == {"encoding": "cp1252", "delimiter": ";"}
    reg1, reg2 = registry(f1, exp), registry(f2, exp2)
    t1, _ = survey_ties(f1, exp, reg1)
    t2, r2 = survey_ties(f2, exp2, reg2)
    pairs1, pairs2 = {(s, t) for s, t, _, _ in t1}, {(s, t) for s, t, _, _ in t2}
    rid1, rid2 = resolver(reg1), resolver(reg2)
    rows1 = read_rows(f1, "interviews.csv", exp)
    rows2 = read_rows(f2, "interviews.csv", exp2)
    m1: dict[tuple, list] = defaultdict(list)
    m2: dict[tuple, list] = defaultdict(list)
    for m, rows, rid in ((m1, rows1, rid1), (m2, rows2, rid2)):
        for r in rows:
            m[rid(r["structure"]), rid(r["acteur cité"])].append((r["code"], r["ton"]))
    assert len(rows2) >= 25 and len(rows2) == sum(map(len, m2.values()))
    assert {s for s, _ in m2} <= r2  # only wave-2 respondents are interviewed
    renault = ("renault-group", "mission-locale-de-saint-quentin-en-yvelines")
    for pair, coded in m1.items():  # repeated, same code and tone, exactly while the tie holds
        if pair == renault:
            continue  # checked below: a new mention adds to the repeated one
        still = pair[0] in r2 and pair[1] in reg2 and (pair not in pairs1 or pair in pairs2)
        assert (sorted(m2[pair]) == sorted(coded)) if still else (pair not in m2), (pair, coded)
    new = {p: c for p, c in m2.items() if p not in m1}
    collab, trust = [("collaboration", "positif")], [("confiance", "positif")]
    assert new == {
        ("sobrio", "ikea-plaisir"): collab,
        ("conseil-rh-nadia-benali", "initiative-saint-quentin-en-yvelines"): collab,
        ("collectif-des-femmes-entrepreneures-de-trappes", "face-yvelines"): trust,
        ("egis", "achats-responsables-coop-78"): collab,
        ("greenwatt-solutions", "sqy-direction-du-developpement-economique"): trust,
    }
    # Renault was already interviewed on the Mission locale; the new mention adds to it
    assert sorted(m2[renault]) == sorted([*m1[renault], *trust])
    assert set(new) <= {tuple(x[:2]) for x in w2["planted_gained_ties"]}
    # "Confiance" mentions go to trusted intermediaries only (they count as trust 1.0)
    for (s, t), coded in m2.items():
        if ("confiance", "positif") in coded:
            assert t in w2["trusted_intermediaries"], (s, t)
    conflict = ("transports-lefevre-et-fils", "service-de-la-commande-publique-de-sqy")
    assert ("conflit", "négatif") in m1[conflict] and ("conflit", "négatif") in m2[conflict]
    assert w2["sources"] == {"wave1": ["interview", "survey"], "wave2": ["interview", "survey"]}


@pytest.mark.parametrize("wave", [1, 2])
def test_sqy_high_trust_from_three_worlds_for_planted_intermediaries(wave):
    """Ratings of 4-5/5 from 3+ worlds go to the planted intermediaries, in both waves.

    Other actors may get them too, by chance: the generator no longer lowers their
    ratings so that they are not flagged (issue 14); the library's flag is judged
    against a null model instead.
    """
    exp = samples.expected("sqy-rse")
    e = exp if wave == 1 else _wave2(exp)
    folder = samples.path("sqy-rse", wave=wave)
    reg = registry(folder, e)
    ties, _ = survey_ties(folder, e, reg)
    world = {i: d["sectors"][0] for i, d in reg.items()}
    three = sorted(t for t, us in high_trust(ties).items() if len({world[u] for u in us}) >= 3)
    planted = exp["trusted_intermediaries"] if wave == 1 else exp["wave2_changes"]["trusted_intermediaries"]
    assert set(planted) <= set(three)


# --------------------------------------------------------------------------- synthetic

def _read(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_synthetic_is_deterministic(tmp_path):
    a = samples.synthetic(500, 6, seed=3, out=tmp_path / "a")
    b = samples.synthetic(500, 6, seed=3, out=tmp_path / "b")
    c = samples.synthetic(500, 6, seed=4, out=tmp_path / "c")
    for f in ("actors.csv", "survey.csv", "interviews.csv", "expected.json"):
        assert (a / f).read_bytes() == (b / f).read_bytes()
    assert (a / "survey.csv").read_bytes() != (c / "survey.csv").read_bytes()


def test_synthetic_size_and_planted_structure(tmp_path):
    folder = samples.synthetic(2000, 8, seed=1, out=tmp_path)
    exp = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    actors = _read(folder, "actors.csv")
    survey = _read(folder, "survey.csv")
    nid = {r["name"]: actor_id(r["name"]) for r in actors}
    assert len(actors) == 2000
    assert len(set(nid.values())) == 2000  # unique names, hence unique ids
    assert exp["survey_rows"] == len(survey)
    assert 0.9 * 2000 * 8 <= len(survey) <= 1.1 * 2000 * 8 + 40 * len(exp["brokers"])
    ids = {nid[r["name"]] for r in actors}
    sector = {nid[r["name"]]: r["sector"].split("|") for r in actors}
    # clusters partition the actors
    members = [set(c) for c in exp["clusters"]]
    assert len(members) == exp["n_clusters"] == 3  # round(sqrt(2000) / 15)
    assert set().union(*members) == ids and sum(map(len, members)) == 2000
    cluster = {i: k for k, c in enumerate(members) for i in c}
    roles = set(exp["brokers"]) | set(exp["hybrids"])
    ordinary = [(nid[r["organisation"]], nid[r["contact"]]) for r in survey
                if nid[r["organisation"]] not in roles and nid[r["contact"]] not in roles]
    inside = sum(cluster[s] == cluster[t] for s, t in ordinary) / len(ordinary)
    assert 0.88 <= inside <= 0.98
    # non-respondents only cited
    respondents = {nid[r["organisation"]] for r in survey}
    assert respondents == ids - set(exp["non_respondents"])
    assert 0.2 <= len(exp["non_respondents"]) / 2000 <= 0.3
    # brokers: the most trusted, by far, from every sector and cluster
    ht = defaultdict(set)
    for r in survey:
        if r["trust"] in ("4", "5"):
            ht[nid[r["contact"]]].add(nid[r["organisation"]])
    top = sorted(ht, key=lambda i: (-len(ht[i]), i))[:len(exp["brokers"])]
    assert sorted(top) == exp["brokers"]
    for b in exp["brokers"]:
        assert len({sector[u][0] for u in ht[b]}) >= 4
        assert {cluster[u] for u in ht[b]} == set(range(3))
    # hybrids declare two sectors and cite into 3+ sectors
    assert len(exp["hybrids"]) == 4
    for h in exp["hybrids"]:
        assert len(sector[h]) == 2 and sector[h][0] != sector[h][1]
        cited = {sector[nid[r["contact"]]][0] for r in survey
                 if nid[r["organisation"]] == h}
        assert len(cited) >= 3
    assert sum(len(s) == 2 for s in sector.values()) == len(exp["hybrids"])
    interviews = _read(folder, "interviews.csv")
    assert len(interviews) == 200 and {"positif", "neutre"} <= {r["tone"] for r in interviews}


def test_synthetic_ids_are_actor_ids(tmp_path):
    """The fast id assembly in synthetic() equals actor_id() of each name."""
    folder = samples.synthetic(3000, 2, seed=9, out=tmp_path)
    exp = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in _read(folder, "actors.csv")]
    assert sorted(actor_id(x) for x in names) == sorted(i for c in exp["clusters"] for i in c)
    assert any("É" in x for x in names)  # accents are exercised


def test_synthetic_names_are_not_suggested_duplicates(tmp_path):
    """Generated names stay far apart, so imports report no false duplicates."""
    from alliances.io.names import suggest_merges

    folder = samples.synthetic(400, 2, seed=9, out=tmp_path)
    names = [r["name"] for r in _read(folder, "actors.csv")]
    assert suggest_merges({actor_id(x): x for x in names}) == []


def test_synthetic_wide_layout_holds_the_same_ties(tmp_path):
    long_ = samples.synthetic(300, 5, seed=2, out=tmp_path / "long")
    wide = samples.synthetic(300, 5, seed=2, out=tmp_path / "wide", layout="wide")
    rows = _read(long_, "survey.csv")
    pairs = sorted((r["organisation"], r["contact"], r["trust"]) for r in rows)
    wide_rows = _read(wide, "survey.csv")
    got = sorted((r["organisation"], r[f"Contact {i}"], r[f"Confiance {i}"])
                 for r in wide_rows for i in range(1, 1000)
                 if r.get(f"Contact {i}"))
    assert got == pairs
    assert len(wide_rows) == len({r["organisation"] for r in rows})


def test_synthetic_custom_sectors_and_errors(tmp_path):
    folder = samples.synthetic(100, 3, sectors=["mairie", "entreprise", "asso"], n_clusters=4,
                               seed=0, out=tmp_path)
    actors = _read(folder, "actors.csv")
    assert {s for r in actors for s in r["sector"].split("|")} == {"mairie", "entreprise", "asso"}
    assert len(json.loads((folder / "expected.json").read_text("utf-8"))["clusters"]) == 4
    with pytest.raises(ValueError, match="at least 10"):
        samples.synthetic(5)
    with pytest.raises(ValueError, match="layout"):
        samples.synthetic(100, layout="matrix", out=tmp_path / "x")
    with pytest.raises(ValueError, match="sectors"):
        samples.synthetic(100, sectors=["a,b", "c"], out=tmp_path / "y")
    with pytest.raises(ValueError, match="n_clusters"):
        samples.synthetic(100, n_clusters=50, out=tmp_path / "z")


def test_synthetic_default_folder_is_temporary():
    folder = samples.synthetic(50, 2, seed=0)
    try:
        assert folder.name.startswith("alliances-synthetic-")
        assert (folder / "survey.csv").is_file()
    finally:
        import shutil
        shutil.rmtree(folder)


# --------------------------------------------------------------------------- with the importers

import alliances.io.load as io_load  # noqa: E402  (a broken importer must fail these tests, not skip them)


@pytest.mark.parametrize("name", SAMPLES)
def test_load_sample_graph(name):
    exp = samples.expected(name)
    G = samples.load(name)
    ids = set(exp["hybrids"]) | set(exp["trusted_intermediaries"]) | set(exp["non_respondents"])
    ids |= {i for g in exp["disconnected_groups"] for i in g}
    ids |= {i for pair in exp["missing_links"] for i in pair}
    assert ids <= set(G)
    for node in exp["non_respondents"]:
        assert G.nodes[node]["respondent"] is False
    for node in exp["hybrids"]:
        assert len(G.nodes[node]["sectors"]) == 2
    report = G.graph["import_report"]
    # planted messy names: merged, or only suggested
    suggested = {frozenset((r.id_a, r.id_b)) for r in report.suggested_merges.itertuples()}
    for pair in exp["messy_names"]["suggested_duplicates"]:
        assert frozenset(pair) in suggested
        assert set(pair) <= set(G)  # suggested, never merged
    merged = {(r.id, " ".join(r.spelling.split())) for r in report.merged_names.itertuples()}
    reg_names = {i: d["name"] for i, d in registry(samples.path(name), exp).items()}
    for variant, node in {**exp["messy_names"]["same_id"], **exp["messy_names"]["aliases"]}.items():
        assert node in G
        if " ".join(variant.split()) != reg_names[node]:
            assert (node, " ".join(variant.split())) in merged
    assert report.self_nominations == 1
    assert any(exp["noise"]["unparseable_trust"][0] == v for v in report.problems["value"])
    # disconnected groups are separate components of the loaded graph
    import networkx as nx
    positive = nx.Graph((u, v) for u, v, d in G.edges(data=True) if d["sign"] > 0)
    for group in exp["disconnected_groups"]:
        assert set(nx.node_connected_component(positive, group[0])) == set(group)


def test_load_sqy_wave2():
    exp = samples.expected("sqy-rse")["wave2_changes"]
    G = samples.load("sqy-rse", wave=2)
    assert set(exp["new_actors"]) <= set(G)
    assert not set(exp["gone_actors"]) & set(G)
    import networkx as nx
    positive = nx.Graph((u, v) for u, v, d in G.edges(data=True) if d["sign"] > 0)
    assert nx.number_connected_components(positive) == 1


def test_load_synthetic(tmp_path):
    folder = samples.synthetic(300, 4, seed=5, out=tmp_path)
    exp = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    G = io_load.load(folder)
    # every actor is in exactly one planted cluster, and every one is in the graph
    assert [len(c) for c in exp["clusters"]] == [150, 150]
    assert set().union(*map(set, exp["clusters"])) == set(G)
    assert G.number_of_nodes() == 300


def test_synthetic_twenty_thousand_actors(tmp_path):
    """20,000 actors x 10 ties: every count of expected.json is the files' own.

    The time limit of this case (15 s) is in ``benchmarks/bench_units.py``.
    """
    import csv

    folder = samples.synthetic(20_000, 10, seed=0, out=tmp_path / "a")
    exp = json.loads((folder / "expected.json").read_text("utf-8"))

    def data_rows(name):
        with (folder / name).open(encoding="utf-8", newline="") as fh:
            return list(csv.reader(fh))[1:]
    survey, actors = data_rows("survey.csv"), data_rows("actors.csv")
    assert len(survey) == exp["survey_rows"] == 200_321
    assert 190_000 <= len(survey) <= 210_000  # ten rows per actor on average
    assert len(actors) == len({r[0] for r in actors}) == 20_000
    # the documented defaults at this size: round(sqrt(20000) / 15) clusters,
    # about one broker per cluster, n // 500 hybrids, a quarter never answer
    assert (exp["n_clusters"], len(exp["clusters"]), len(exp["brokers"]), len(exp["hybrids"])) \
        == (9, 9, 9, 40)
    # who answered: the organisation of each survey row (or the respondent)
    answered = {actor_id(r[1] or r[0]) for r in survey}
    silent = {actor_id(r[0]) for r in actors} - answered
    assert sorted(silent) == sorted(exp["non_respondents"])
    assert len(silent) == 4_979  # a quarter of 20,000
    # same arguments and seed: byte-identical files
    again = samples.synthetic(20_000, 10, seed=0, out=tmp_path / "b")
    for name in ("actors.csv", "survey.csv", "interviews.csv", "expected.json"):
        assert (again / name).read_bytes() == (folder / name).read_bytes(), name


# --------------------------------------------------------------------------- study titles

# The titles the maps and the report show, in each language (data/samples/*/study.toml,
# written by _make_samples.py): the study's name, never the folder's slug.
TITLES = {
    ("antony-velo", 1): ("Antony bicycle committee", "Comité vélo d'Antony"),
    ("chevreuse-sprint", 1): ("The entrepreneur SPRINT of the Haute Vallée de Chevreuse natural park",
                              "Le SPRINT des entrepreneurs du Parc naturel régional de la Haute "
                              "Vallée de Chevreuse"),
    ("chevreuse-sprint", 2): ("The entrepreneur SPRINT of the Haute Vallée de Chevreuse natural park, "
                              "after the programme",
                              "Le SPRINT des entrepreneurs du Parc naturel régional de la Haute "
                              "Vallée de Chevreuse, après le programme"),
    ("morteau-reemploi", 1): ("Reuse and circular economy in the Val de Morteau",
                              "Réemploi et économie circulaire dans le Val de Morteau"),
    ("sqy-rse", 1): ("CSR club of Saint-Quentin-en-Yvelines", "Club RSE de Saint-Quentin-en-Yvelines"),
    ("sqy-rse", 2): ("CSR club of Saint-Quentin-en-Yvelines, one year later",
                     "Club RSE de Saint-Quentin-en-Yvelines, un an après"),
}
MAP_DATA_RE = re.compile(r'<script id="map-data" type="application/json">(.*?)</script>', re.S)


def map_header(page: str) -> tuple[str, str, str]:
    """The page's <title>, and the title and subtitle its script writes in the header."""
    data = json.loads(MAP_DATA_RE.search(page).group(1))
    return html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1)), data["title"], data["subtitle"]


def test_every_sample_folder_has_a_study_toml_in_both_languages():
    assert sorted({name for name, _ in TITLES}) == samples.names()
    for (name, wave), (en, fr) in TITLES.items():
        folder = samples.path(name, wave=wave)
        study = tomllib.loads((folder / "study.toml").read_text(encoding="utf-8"))["study"]
        assert list(study) == ["title", "title_fr", "subtitle", "subtitle_fr"]
        assert (study["title"], study["title_fr"]) == (en, fr)
        assert study["subtitle"] != study["subtitle_fr"]
        # French typography of the catalogue: a space before the colon
        assert " : " in study["subtitle_fr"] and " : " not in study["subtitle"]
        assert folder.name not in (en + fr)  # no slug


def test_study_tomls_ship_in_the_wheel():
    """The wheel force-includes data/samples whole (study.toml with it) where samples.path looks."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"]["data/samples"] == "alliances/_data/samples"
    assert not {"exclude", "only-include"} & set(wheel)
    for rel in STUDY_TOMLS:
        assert (REPO / "data" / "samples" / rel).is_file()


@pytest.mark.parametrize(("name", "wave"), sorted(TITLES))
def test_map_title_is_the_study_title_in_each_language(name, wave):
    import warnings

    from alliances.maps.interactive import interactive_map

    en, fr = TITLES[(name, wave)]
    study = tomllib.loads((samples.path(name, wave=wave) / "study.toml").read_text(encoding="utf-8"))["study"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = samples.load(name, wave=wave)
    assert map_header(interactive_map(G, table=False, lang="fr").to_html()) == (fr, fr, study["subtitle_fr"])
    assert map_header(interactive_map(G, table=False, lang="en").to_html()) == (en, en, study["subtitle"])


def test_static_map_title_is_the_study_title():
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from alliances.maps.static import plot_map

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = samples.load("antony-velo")
        titles = []
        for lang in ("fr", "en"):
            ax = plot_map(G, table=False, lang=lang)
            titles.append(ax.get_title())
            plt.close(ax.figure)
    assert titles == ["Comité vélo d'Antony", "Antony bicycle committee"]


def test_a_graph_without_a_study_gets_no_slug_title(tmp_path, monkeypatch):
    """A folder named like a file, no study.toml, no README: the generic title, never the slug."""
    import shutil
    import warnings

    from alliances.maps.interactive import interactive_map
    from alliances.maps.spec import study_subtitle, study_title

    folder = tmp_path / "h1_long_fr_cp1252"
    folder.mkdir()
    for f in ("actors.csv", "survey.csv"):
        shutil.copy(samples.path("antony-velo") / f, folder / f)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = io_load.load(folder)
    assert study_title(G, "fr") is None and study_subtitle(G, "fr") is None
    title_fr, _, subtitle_fr = map_header(interactive_map(G, table=False, lang="fr").to_html())
    title_en, _, _ = map_header(interactive_map(G, table=False, lang="en").to_html())
    assert (title_fr, title_en) == ("Carte des acteurs", "Actor map")
    n = G.number_of_nodes()
    assert subtitle_fr.startswith(f"{n} acteurs · ")
    # a study.toml with only an English title: shown as written, in French too
    (folder / "study.toml").write_text('title = "Bike committee"\n', encoding="utf-8")
    assert study_title(G, "fr") == study_title(G, "en") == "Bike committee"
    # title_<lang> for any language, and lang=None follows the locale as everywhere
    (folder / "study.toml").write_text('[study]\ntitle = "Bike committee"\ntitle_fr = "Comité vélo"\n'
                                       'subtitle_fr = "Vague 1"\n', encoding="utf-8")
    assert (study_title(G, "en"), study_title(G, "fr"), study_subtitle(G, "en")) == (
        "Bike committee", "Comité vélo", None)
    monkeypatch.setenv("ALLIANCES_LANG", "fr_FR.UTF-8")
    assert (study_title(G, None), study_subtitle(G, None)) == ("Comité vélo", "Vague 1")
    # a slug in the toml is no title either
    (folder / "study.toml").write_text('[study]\ntitle = "antony-velo"\n', encoding="utf-8")
    assert study_title(G, "en") is None


@pytest.mark.parametrize(("name", "wave"), [("antony-velo", 1), ("sqy-rse", 2)])
def test_report_title_is_the_study_title_in_each_language(name, wave):
    import warnings

    from alliances.report import html_report

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = samples.load(name, wave=wave)
        pages = {lang: html_report(G, map=False, lang=lang) for lang in ("fr", "en")}
    en, fr = TITLES[(name, wave)]
    for lang, title in (("fr", fr), ("en", en)):
        assert html.unescape(re.search(r"<title>(.*?)</title>", pages[lang], re.S).group(1)) == title
        assert html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", pages[lang], re.S).group(1)) == title


def test_report_of_a_graph_without_a_study_has_no_slug_title(tmp_path):
    import shutil
    import warnings

    from alliances.report import html_report

    folder = tmp_path / "h1_long_fr_cp1252"
    folder.mkdir()
    for f in ("actors.csv", "survey.csv"):
        shutil.copy(samples.path("antony-velo") / f, folder / f)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = io_load.load(folder)
        page = html_report(G, map=False, lang="fr")
    from alliances.i18n import gettext

    title = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
    heading = html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1))
    # the generic title of the report's catalogue, never the folder's name
    assert title == heading == gettext("Stakeholder network report", "fr") != "Stakeholder network report"
