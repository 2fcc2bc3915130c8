# SPDX-License-Identifier: MIT
"""check() and TM.check(): the same findings as tm check --format json."""
import json
import os
import subprocess

import pytest

import libtm
from conftest import SAMPLES, STORIES, read, tm_bin


def tm_check(*args):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    env.pop("LD_PRELOAD", None)
    r = subprocess.run([tm_bin(), "check", "--format", "json", *args],
                       capture_output=True, text=True, env=env)
    assert r.returncode in (0, 1), r.stderr  # 1: errors were found
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


def side(f, text, first, count, line, span):
    # the command's spans are in bytes, the binding's in characters
    sp = None
    if span:
        b = text.encode()
        a = len(b[:span["start"]].decode())
        sp = (a, a + len(span["text"]))
    return (text, tuple(range(first, first + count)), line, sp)


def same(mine, cli):
    assert len(mine) == len(cli)
    for f, c in zip(mine, cli):
        s, t = c["source"], c["target"]
        assert (f.kind, f.severity, f.message, f.pair) == \
            (c["kind"], c["severity"], c["message"], c["pair"])
        assert (f.src_text, f.src, f.src_line, f.src_span) == \
            side(f, s["text"], s["first"], s["count"], s["line"], s["span"])
        assert (f.tgt_text, f.tgt, f.tgt_line, f.tgt_span) == \
            side(f, t["text"], t["first"], t["count"], t["line"], t["span"])
        assert (f.src_value, f.tgt_value) == \
            (c["source_value"], c["target_value"])
        assert f.unit == c.get("unit") and f.group == c.get("origin")
        if f.src_span:
            assert f.src_text[f.src_span[0]:f.src_span[1]] == s["span"]["text"]


@pytest.mark.parametrize("story", STORIES)
@pytest.mark.parametrize("tgt", ["ko", "ru"])
def test_check_same_as_tm_check(story, tgt, tmp_path):
    # a figure changed and a sentence dropped in the translation
    t = read(story, tgt + ".txt").replace("2", "7", 1)
    lines = t.split("\n")
    t = "\n".join(lines[:3] + lines[4:])
    p = tmp_path / "t.txt"
    p.write_text(t, encoding="utf-8")
    for sev in ("info", "warning"):
        cli = tm_check("-s", "en", "-t", tgt, "--min-severity", sev,
                       os.path.join(SAMPLES, story, "en.txt"), str(p))
        mine = libtm.check(read(story, "en.txt"), t, "en", tgt,
                           min_severity=sev)
        same(mine, cli)
    assert {f.kind for f in libtm.check(read(story, "en.txt"), t, "en",
                                        tgt)} & {"number", "missing"}


def test_check_glossary_and_skip(tmp_path):
    en = "Han Seung-woo said the rate would fall."
    ko = "한 총재는 금리가 내릴 것이라고 말했다."
    g = tmp_path / "g.tsv"
    g.write_text("en\tko\tru\nHan Seung-woo\t한승우\tХан Сын У\n",
                 encoding="utf-8")
    (tmp_path / "en.txt").write_text(en, encoding="utf-8")
    (tmp_path / "ko.txt").write_text(ko, encoding="utf-8")
    cli = tm_check("-s", "en", "-t", "ko", "--glossary", str(g),
                   "--min-severity", "info", str(tmp_path / "en.txt"),
                   str(tmp_path / "ko.txt"))
    mine = libtm.check(en, ko, "en", "ko", glossary=str(g),
                       min_severity="info")
    same(mine, cli)
    assert libtm.check(en, ko, "en", "ko",
                       glossary=[("Han Seung-woo", "한승우", None)],
                       min_severity="info") == mine
    assert all(f.kind != "name" for f in libtm.check(
        en, ko, "en", "ko", glossary=str(g), skip=["names"],
        min_severity="info"))
    with pytest.raises(libtm.InvalidError):
        libtm.check(en, ko, "en", "ko", skip=["spelling"])
    with pytest.raises(libtm.InvalidError):
        libtm.check(en, ko, "en", "ko", min_severity="fatal")
    with pytest.raises(libtm.NotFoundError):
        libtm.check(en, ko, "en", "ko", glossary=str(tmp_path / "none"))


@pytest.mark.parametrize("tgt", ["ko", "ru"])
def test_tm_check_same_as_tm_check_db(sample_tm, tgt):
    for origin in (None, "sample.tmx"):
        args = ["--db", sample_tm.path, "-s", "en", "-t", tgt,
                "--min-severity", "info"]
        if origin:
            args += ["--origin", origin]
        cli = tm_check(*args)
        mine = sample_tm.check("en", tgt, origin=origin, min_severity="info")
        same(mine, cli)
        assert mine and all(f.unit is not None for f in mine)
    assert sample_tm.check("en", tgt, origin="nope") == []


def test_check_document():
    # a story against another story's translation: one document error,
    # first and alone (docs/check.md, "Not a translation")
    en, ru = read("chip-export", "en.txt"), read("rail-link", "ru.txt")
    found = libtm.check(en, ru, "en", "ru", min_severity="info")
    assert [(f.kind, f.severity) for f in found] == [("document", "error")]
    f = found[0]
    assert 0 <= f.src_value < 0.12 and f.tgt_value is None
    assert f.message.startswith("not a translation of the source")
    assert len(f.src) > 8 and f.src[0] == 0 and f.src_span is None
    kept = libtm.check(en, ru, "en", "ru", keep_unrelated=True)
    assert kept[0].kind == "document" and len(kept) > 10
    assert all(k.kind != "document" for k in kept[1:])
    # the true pair: none
    assert all(k.kind != "document" for k in libtm.check(
        en, read("chip-export", "ru.txt"), "en", "ru", min_severity="info"))
