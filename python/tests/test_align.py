# SPDX-License-Identifier: MIT
"""align(): the same links as tm align; review documents; storing."""
import json
import os

import pytest

import libtm
from conftest import SAMPLES, STORIES, read, run_tm


def cli_links(story, tgt):
    out = run_tm("align", "-s", "en", "-t", tgt,
                 os.path.join(SAMPLES, story, "en.txt"),
                 os.path.join(SAMPLES, story, tgt + ".txt"))
    return out.splitlines()


def fmt(ln):
    return "%s:%.2f" % (ln.link, ln.confidence)


@pytest.mark.parametrize("story", STORIES)
@pytest.mark.parametrize("tgt", ["ko", "ru"])
def test_same_links_as_tm_align(story, tgt):
    a = libtm.align(read(story, "en.txt"), read(story, tgt + ".txt"), "en",
                    tgt)
    assert [fmt(ln) for ln in a.links] == cli_links(story, tgt)
    assert a.verdict == "translation" and a.is_translation
    assert 0.62 <= a.score <= 1


def test_links_texts_and_indices():
    en, ko = read("rate-decision", "en.txt"), read("rate-decision", "ko.txt")
    a = libtm.align(en, ko, "en", "ko")
    ss = [s.text for s in libtm.segment(en, "en")]
    ts = [s.text for s in libtm.segment(ko, "ko")]
    seen_s, seen_t = [], []
    for ln in a:
        assert ln.src_text == " ".join(ss[i] for i in ln.src)
        assert ln.tgt_text == " ".join(ts[i] for i in ln.tgt)
        assert 0 <= ln.confidence <= 1
        seen_s += ln.src
        seen_t += ln.tgt
    assert seen_s == list(range(len(ss))) and seen_t == list(range(len(ts)))
    assert "2 links" not in repr(a) and "en-ko" in repr(a)


def test_review_same_as_tm_align_json(tmp_path):
    sp = os.path.join(SAMPLES, "rail-link", "en.txt")
    tp = os.path.join(SAMPLES, "rail-link", "ru.txt")
    cli = json.loads(run_tm("align", "-s", "en", "-t", "ru", "--format",
                            "json", sp, tp))
    a = libtm.align(read("rail-link", "en.txt"), read("rail-link", "ru.txt"),
                    "en", "ru")
    assert a.to_review(sp, tp) == cli


def test_review_applies_with_tm(tmp_path):
    # a review written from Python is accepted by tm align --apply-review
    a = libtm.align(read("chip-export", "en.txt"), read("chip-export", "ko.txt"),
                    "en", "ko")
    p = tmp_path / "r.json"
    p.write_text(json.dumps(a.to_review("en.txt", "ko.txt"),
                            ensure_ascii=False), encoding="utf-8")
    run_tm("align", "-q", "--apply-review", str(p), "--db",
           str(tmp_path / "r.db"))
    # untouched, every link is "auto": stored as tm align --db stores it
    # (those under the default --min-confidence 0.5 left out, and the
    # link of the datelines, furniture, never stored)
    doc = a.to_review("en.txt", "ko.txt")
    furniture = [(ln["source"], ln["target"]) for ln in doc["links"]
                 if ln.get("store") == "never: furniture"]
    assert furniture == [([1], [1])]
    with libtm.TM(tmp_path / "r.db", readonly=True) as tm:
        assert len(tm) == sum(1 for ln in a
                              if ln.src and ln.tgt and ln.confidence >= 0.5
                              and (list(ln.src), list(ln.tgt)) not in furniture)
    assert doc["format"] == 2
    assert {ln["status"] for ln in doc["links"]} == {"auto"}


def test_presegmented_and_lists():
    src = "One sentence on 3 May.\nTwo sentence.\n\nThree."
    tgt = "Первое предложение 3 мая.\nВторое.\n\nТретье."
    a = libtm.align(src, tgt, "en", "ru", presegmented=True,
                    check_script=False)
    assert [ln.link for ln in a] == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    assert a.src_sentences[2] == ("Three.", 1, "sentence")
    # a side without numbers or names (align-judge.c's empty bag)
    b = libtm.align(["One sentence.", "Two sentence.", "Three."],
                    ["Первое предложение.", "Второе.", "Третье."], "en", "ru",
                    check_script=False, realign=False)
    assert len(b) == 3


def test_presegmented_kinds():
    # a line that is wholly an end mark, a note or furniture has that
    # kind, as with `tm align --presegmented`; so has such a sentence
    # of a list; never split, never linked as prose
    src = ("SEOUL, Nov. 26 (Yonhap) --\n"
           "The Bank of Korea cut its key rate to 3.25 percent on Thursday.\n"
           "Every story ends with (END) on a line of its own.\n\n(END)")
    tgt = ("(서울=연합뉴스) 김민수 기자 =\n"
           "한국은행이 26일 기준금리를 연 3.25%로 인하했다.\n"
           "모든 기사는 (END)로 끝난다.\n"
           "(역주: 기준금리는 2023년 1월부터 동결돼 왔다.)\n\n"
           "(끝)\nkms@yna.co.kr")
    a = libtm.align(src, tgt, "en", "ko", presegmented=True)
    assert [k for _t, _p, k in a.src_sentences] == [
        "dateline", "sentence", "sentence", "end"]
    assert [k for _t, _p, k in a.tgt_sentences] == [
        "byline", "sentence", "sentence", "note", "end", "byline"]
    assert sorted(ln.link for ln in a) == sorted(
        ["[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[]", "[]:[3]", "[]:[4]",
         "[]:[5]"])
    b = libtm.align(src.replace("\n\n", "\n").split("\n"),
                    tgt.replace("\n\n", "\n").split("\n"), "en", "ko")
    assert [k for _t, _p, k in b.src_sentences] == [
        k for _t, _p, k in a.src_sentences]
    assert [k for _t, _p, k in b.tgt_sentences] == [
        k for _t, _p, k in a.tgt_sentences]


def test_align_refuses_swapped_files():
    with pytest.raises(libtm.InvalidError, match="Hangul"):
        libtm.align(read("rate-decision", "ru.txt"),
                    read("rate-decision", "ko.txt"), "ko", "ru")


def lookups(db, lang, queries):
    out = run_tm("lookup", "-d", db, "-s", "en", "-t", lang, "-j",
                 "--min-score", "50",
                 input="\n".join(queries) + "\n")
    return [[(m["score"], m["source"], m["target"], m["proposed"],
              sorted(m["flags"]), m["origin"]) for m in json.loads(l)["matches"]]
            for l in out.splitlines()]


@pytest.mark.parametrize("tgt", ["ko", "ru"])
def test_store_same_as_tm_align_db(tmp_path, tgt):
    cli_db, py_db = str(tmp_path / "cli.db"), str(tmp_path / "py.db")
    queries = []
    with libtm.TM(py_db) as tm:
        for story in STORIES:
            sp = os.path.join(SAMPLES, story, "en.txt")
            tp = os.path.join(SAMPLES, story, tgt + ".txt")
            # --no-lexicon: the binding aligns each story alone, while
            # `tm align --db` learns from the TM's earlier stories
            run_tm("align", "-q", "-s", "en", "-t", tgt, "--db", cli_db,
                   "--no-lexicon", "--origin", story, sp, tp)
            a = libtm.align(read(story, "en.txt"), read(story, tgt + ".txt"),
                            "en", tgt)
            st = a.store(tm, origin=story)
            assert st.added + st.merged > 0 and st.replaced == 0
            queries += [s.text for s in libtm.segment(read(story, "en.txt"),
                                                      "en")]
        with libtm.TM(cli_db, readonly=True) as cli:
            assert tm.stats().units == cli.stats().units
        mine = [[(round(m.score, 2), m.source, m.target, m.proposed, sorted(m.flags),
                  m.origin) for m in tm.lookup(q, "en", tgt, min_score=50)]
                for q in queries]
        assert mine == lookups(cli_db, tgt, queries)
        assert sum(1 for m in mine if m) > len(queries) // 2
        # storing again replaces the origin's units
        n = len(tm)
        st = a.store(tm, origin=STORIES[-1])
        assert st.replaced + st.released > 0 and len(tm) == n


def test_store_refuses_not_translation(tmp_path):
    en = read("rate-decision", "en.txt")
    ko = read("chip-export", "ko.txt")
    a = libtm.align(en, ko, "en", "ko")
    assert a.verdict == "not_translation" and not a.is_translation
    with libtm.TM(tmp_path / "t.db") as tm:
        with pytest.raises(libtm.InvalidError, match="not a translation"):
            a.store(tm, origin="x")
        assert len(tm) == 0
        st = a.store(tm, origin="x", force=True)
        assert st.added > 0
