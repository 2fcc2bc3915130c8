# SPDX-License-Identifier: MIT
"""The worked examples of docs/python.md run as they are written."""
import contextlib
import io
import os
import re

import libtm
from conftest import ROOT, SAMPLES


def test_worked_examples(tmp_path, monkeypatch):
    with open(os.path.join(ROOT, "docs", "python.md"), encoding="utf-8") as f:
        blocks = re.findall(r"```python\n(.*?)```", f.read(), re.S)
    assert len(blocks) == 3
    os.symlink(SAMPLES, tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for code in blocks:
            exec(compile(code, "docs/python.md", "exec"), {})
    text = out.getvalue()
    assert "<libtm.Alignment en-ko:" in text and "units added" in text
    assert "2024/11/rate-decision" in text
    n = int(re.search(r"^(\d+) units written", text, re.M).group(1))
    assert n > 10
    with libtm.TM("news.tm", readonly=True) as tm:
        assert len(tm) == n
    assert len(re.findall(r"<tu[ >]", (tmp_path / "rate-decision.tmx")
                          .read_text(encoding="utf-8"))) == n
    assert "(figures put in from the new story)" in text
