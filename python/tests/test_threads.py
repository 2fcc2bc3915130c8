# SPDX-License-Identifier: MIT
"""Two TM handles in two threads; one handle shared by threads."""
import os
import shutil
import threading

import libtm
from conftest import SAMPLES, STORIES, read


def queries():
    out = []
    for story in STORIES:
        out += [s.text for s in libtm.segment(read(story, "en.txt"), "en")]
    return out


def run_threads(fns):
    errors = []

    def wrap(f):
        try:
            f()
        except BaseException as e:  # noqa: B902 (reported below)
            errors.append(e)
    ts = [threading.Thread(target=wrap, args=(f,)) for f in fns]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors, errors


def test_two_threads_two_handles(sample_tm, tmp_path):
    qs = queries() * 3
    expect = {lang: [sample_tm.lookup(q, "en", lang, min_score=50)
                     for q in qs] for lang in ("ko", "ru")}
    path = sample_tm.path
    got = {}

    def work(lang):
        def f():
            with libtm.TM(path, readonly=True) as tm:
                got[lang] = [tm.lookup(q, "en", lang, min_score=50)
                             for q in qs]
                # Korean and Russian text through the same handle
                assert tm.concord("기준금리", "ko")
                assert tm.concord("ставку", "ru")
        return f
    run_threads([work("ko"), work("ru")])
    assert got == expect


def test_two_threads_one_handle_take_turns(sample_tm):
    qs = queries()
    expect = [sample_tm.lookup(q, "en", "ru") for q in qs]
    got = [None, None]

    def work(i):
        def f():
            got[i] = [sample_tm.lookup(q, "en", "ru") for q in qs]
        return f
    run_threads([work(0), work(1)])
    assert got == [expect, expect]


def test_align_and_import_in_threads(tmp_path):
    # the long calls release the GIL: a thread aligning while another
    # imports, each on its own objects, gives the serial results
    en, ko = read("typhoon-reordered", "en.txt"), read("typhoon-reordered",
                                                       "ko.txt")
    expect = [(ln.link, ln.confidence) for ln in libtm.align(en, ko, "en",
                                                             "ko")]
    res = {}

    def al():
        for _ in range(5):
            res.setdefault("a", []).append(
                [(ln.link, ln.confidence)
                 for ln in libtm.align(en, ko, "en", "ko")])

    def imp():
        for i in range(5):
            with libtm.TM(tmp_path / ("t%d.db" % i)) as tm:
                res.setdefault("i", []).append(
                    tm.import_tmx(os.path.join(SAMPLES, "sample.tmx")).added)
    run_threads([al, imp])
    assert res["a"] == [expect] * 5 and res["i"] == [18] * 5


def test_close_while_another_thread_looks_up(sample_tm, tmp_path):
    # a close from one thread and lookups from another: each lookup sees
    # the open TM or raises ValueError, never a freed handle
    tm = libtm.TM(sample_tm.path, readonly=True)
    qs = queries()
    seen = {"ok": 0, "closed": 0}
    started = threading.Event()

    def look():
        for i in range(2000):
            try:
                tm.lookup(qs[i % len(qs)], "en", "ko")
                seen["ok"] += 1
            except ValueError as e:
                assert "closed" in str(e)
                seen["closed"] += 1
            started.set()

    def close():
        started.wait()
        tm.close()
    run_threads([look, close])
    assert seen["ok"] >= 1 and seen["ok"] + seen["closed"] == 2000
