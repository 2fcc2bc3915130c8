# SPDX-License-Identifier: MIT
import os
import shutil
import subprocess

import pytest

ROOT = os.environ.get("TM_SOURCE_ROOT",
                      os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLES = os.path.join(ROOT, "samples")
STORIES = ["rate-decision", "rail-link", "typhoon-reordered", "chip-export",
           "ramyeon-exports"]


def tm_bin():
    """The real tm command: $TM (set by meson test), else the build's."""
    p = os.environ.get("TM") or shutil.which("tm")
    if not p:
        pytest.skip("no tm binary ($TM)")
    return p


def run_tm(*args, input=None):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    # the ASan runtime preloaded into python (tests/meson.build) is not
    # for tm, which has its own linked in
    env.pop("LD_PRELOAD", None)
    r = subprocess.run([tm_bin(), *args], input=input, capture_output=True,
                       text=True, env=env)
    assert r.returncode == 0, r.stderr
    return r.stdout


def read(*parts):
    with open(os.path.join(SAMPLES, *parts), encoding="utf-8") as f:
        return f.read()


@pytest.fixture
def sample_tm(tmp_path):
    import libtm
    with libtm.TM(tmp_path / "s.db") as tm:
        tm.import_tmx(os.path.join(SAMPLES, "sample.tmx"))
        yield tm
