"""CSV and GEXF exports open in Python's csv module and networkx."""

import csv
import io
import subprocess
import urllib.parse
import urllib.request

import networkx as nx


def run(vietdex, cwd, *args):
    r = subprocess.run([vietdex, *args], cwd=cwd, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_search_csv(vietdex, index_dir):
    out = run(vietdex, index_dir, "search", "nông thôn mới", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    assert [int(r["rank"]) for r in rows] == [1, 2, 3, 4, 5]
    assert all(r["id"] and r["title"] for r in rows)
    # Snippets hold commas and quotes: the columns still line up.
    assert all(len(r) == len(rows[0]) for r in rows)
    assert any("Nông thôn mới" in r["programs"] for r in rows)


def test_entities_csv(vietdex, index_dir):
    out = run(vietdex, index_dir, "entities", "--kind", "district", "--by", "year", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["kind"] == "district"
    assert rows[0]["label"] == "Huyện Đại Từ (Thái Nguyên)"
    assert int(rows[0]["documents"]) == 2
    assert rows[0]["code"] == "171"
    assert ":" in rows[0]["timeline"]


def test_graph_gexf_opens_in_networkx(vietdex, index_dir, tmp_path):
    out = run(vietdex, index_dir, "entities", "--graph", "gexf", "--top", "30")
    path = tmp_path / "g.gexf"
    path.write_text(out, encoding="utf-8")
    g = nx.read_gexf(path)
    assert g.number_of_nodes() == 30
    assert g.number_of_edges() > 0
    labels = {d["label"]: d for _, d in g.nodes(data=True)}
    assert labels["Huyện Đại Từ (Thái Nguyên)"]["documents"] == 2
    assert labels["Huyện Đại Từ (Thái Nguyên)"]["kind"] == "district"
    # An edge's weight is the documents both ends appear in: never more
    # than either end's own count.
    for a, b, d in g.edges(data=True):
        assert 1 <= d["weight"] <= min(g.nodes[a]["documents"], g.nodes[b]["documents"])


def test_graph_csv_opens_in_networkx(vietdex, index_dir):
    out = run(vietdex, index_dir, "entities", "--graph", "csv", "--graph-kind", "commune",
              "--graph-kind", "program", "--top", "10")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and set(rows[0]) >= {"Source", "Target", "Weight", "Type"}
    g = nx.Graph()
    for r in rows:
        g.add_edge(r["Source"], r["Target"], weight=int(r["Weight"]))
    assert {r["source_kind"] for r in rows} | {r["target_kind"] for r in rows} <= {"commune", "program"}
    assert g.number_of_edges() == len(rows)


def test_api_exports_open_too(server):
    q = urllib.parse.urlencode({"q": "ocop", "format": "csv"})
    with urllib.request.urlopen(f"{server}/api/search?{q}") as r:
        rows = list(csv.DictReader(io.StringIO(r.read().decode("utf-8"))))
    assert rows and rows[0]["rank"] == "1"
    with urllib.request.urlopen(f"{server}/api/entities?graph=gexf&top=15") as r:
        g = nx.read_gexf(io.BytesIO(r.read()))
    assert g.number_of_nodes() == 15
