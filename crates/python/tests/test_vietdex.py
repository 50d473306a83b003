"""The module gives the same answers as the `vietdex` command on corpus/.

The command is the workspace's debug build (`cargo build -p vietdex-cli`,
which `cargo test --workspace` makes) or the binary named by VIETDEX_BIN.
"""

import json

import pytest

import vietdex
from conftest import CORPUS, run


def test_fold_and_normalize():
    assert vietdex.fold("Đại Từ") == "dai tu"
    assert vietdex.fold("dai tu") == vietdex.fold("Đại Từ")
    assert vietdex.normalize("hoà") == vietdex.normalize("hòa")
    assert vietdex.normalize("Đại Từ") != vietdex.normalize("đại tu")


def test_segment_matches_cli(cli):
    lines = [l for f in CORPUS for l in f.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 10
    want = run(cli, "segment", stdin="\n".join(lines) + "\n").splitlines()
    assert [vietdex.segment(l) for l in lines] == want


def test_analyze_matches_cli(cli):
    text = CORPUS[0].read_text(encoding="utf-8").splitlines()[0]
    want = [json.loads(l) for l in run(cli, "analyze", "--json", text).splitlines()]
    assert vietdex.analyze(text) == want


def test_extract_matches_cli_line_by_line(cli):
    checked = 0
    for f in CORPUS:
        lines = f.read_text(encoding="utf-8").splitlines()
        want = [json.loads(l) for l in run(cli, "extract", "--lines", str(f)).splitlines()]
        assert len(want) == len(lines)
        for line, w in zip(lines, want):
            got = vietdex.extract(line)
            assert got["text"] == w["text"]
            assert got["entities"] == w["entities"], f"{f.name}: {line[:60]}"
            checked += len(got["entities"])
    assert checked > 50


def test_seed_entity_links():
    r = vietdex.extract("Ông Nguyễn Quốc Quân - Chủ tịch UBND xã Ngọc Sơn, huyện Thạch Hà")
    kinds = {e["kind"]: e for e in r["entities"]}
    assert kinds["person"]["value"] == "Nguyễn Quốc Quân"
    # The commune in the committee's name is the committee's, linked by the
    # district written after it, and no place mention of its own.
    assert kinds["organization"]["place_code"] == "18565"
    assert kinds["organization"]["place_district_code"] == "445"
    assert kinds["organization"]["place_files"] is True
    assert "commune" not in kinds
    r = vietdex.extract("Xã Vạn Thọ, huyện Đại Từ đạt 99,72% kế hoạch.", title="Đại Từ về đích", published="2024-04-08")
    assert r["text"].startswith("Đại Từ về đích\n\n")
    assert any(e["kind"] == "district" and e.get("code") == "171" for e in r["entities"])


def test_wrong_types_raise():
    with pytest.raises(TypeError):
        vietdex.fold(None)
