"""Shared fixtures: the vietdex binary, an index of corpus/, a running server."""

import os
import pathlib
import re
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def binary() -> str:
    # Relative to the repository: the tests run the binary from other folders.
    path = str(ROOT / os.environ.get("VIETDEX_BIN", "target/debug/vietdex"))
    if not os.path.exists(path):
        pytest.fail(f"no vietdex binary at {path}: run `cargo build` or set VIETDEX_BIN")
    return path


@pytest.fixture(scope="session")
def vietdex():
    return binary()


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, vietdex):
    work = tmp_path_factory.mktemp("vietdex")
    shutil.copytree(ROOT / "corpus", work / "corpus")
    subprocess.run([vietdex, "index", "--quiet"], cwd=work, check=True, stdout=subprocess.DEVNULL)
    return work


@pytest.fixture(scope="session")
def server(index_dir, vietdex):
    """`vietdex serve` on a free loopback port; yields its base URL."""
    proc = subprocess.Popen(
        [vietdex, "serve", "--addr", "127.0.0.1:0"],
        cwd=index_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stderr.readline()
    m = re.search(r"http://(127\.0\.0\.1:\d+)/", line)
    if not m:
        proc.kill()
        pytest.fail(f"vietdex serve did not start: {line}")
    yield f"http://{m.group(1)}"
    proc.kill()
    proc.wait()


@pytest.fixture(scope="session")
def artefacts():
    out = pathlib.Path(os.environ.get("VIETDEX_ARTEFACTS", ROOT / "target" / "test-artefacts"))
    out.mkdir(parents=True, exist_ok=True)
    return out
