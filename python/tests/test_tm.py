# SPDX-License-Identifier: MIT
"""libtm.TM: every call, against the tm command on the same files."""
import json
import os

import pytest

import libtm
from conftest import SAMPLES, run_tm

SAMPLE_TMX = os.path.join(SAMPLES, "sample.tmx")


def test_import_stats_and_len(tmp_path):
    with libtm.TM(tmp_path / "t.db") as tm:
        st = tm.import_tmx(SAMPLE_TMX)
        assert (st.units, st.added, st.merged, st.rejected) == (18, 18, 0, 0)
        assert not st.truncated and st.messages == []
        assert len(tm) == 18
        st = tm.import_tmx(SAMPLE_TMX, duplicates="skip-newer")
        assert st.added == 0 and st.skipped + st.merged == 18
        assert len(tm) == 18
        assert tm.path.endswith("t.db") and not tm.closed
    assert tm.closed and "closed" in repr(tm)


def test_stats_same_as_tm_stats(sample_tm):
    cli = json.loads(run_tm("stats", "-d", sample_tm.path, "-j"))
    s = sample_tm.stats()
    assert (s.units, s.variants, s.schema_version) == \
        (cli["units"], cli["variants"], cli["schema_version"])
    assert s.langs == [(x["lang"], x["units"], x["variants"])
                       for x in cli["languages"]]
    assert s.pairs == [(*x["langs"], x["units"], x["variants"])
                       for x in cli["pairs"]]
    assert s.origins == [(x["name"], x["units"], x["header"])
                         for x in cli["origins"]]
    assert s.file_bytes > 0


def test_export_same_bytes_as_tm_export(sample_tm, tmp_path):
    for opts, kw in [([], {}),
                     (["-s", "en", "-t", "ko,ru"],
                      {"source": "en", "targets": ["ko", "ru"]}),
                     (["--origin", "sample.tmx", "--level1"],
                      {"origin": "sample.tmx", "plain": True}),
                     (["-s", "en", "-t", "ru", "--since", "20000101T000000Z"],
                      {"source": "en", "targets": ["ru"],
                       "since": "20000101T000000Z"})]:
        a, b = tmp_path / "cli.tmx", tmp_path / "py.tmx"
        run_tm("export", "-q", "-d", sample_tm.path, *opts, str(a))
        n = sample_tm.export_tmx(b, **kw)
        assert n == 18
        assert a.read_bytes() == b.read_bytes(), opts
    assert sample_tm.export_tmx(tmp_path / "none.tmx", origin="nope") == 0
    with pytest.raises(TypeError):
        sample_tm.export_tmx(tmp_path / "x.tmx", source="en", targets="ko")


def cli_lookup(db, src, tgt, queries, *opts):
    out = run_tm("lookup", "-d", db, "-s", src, "-t", tgt, "-j",
                 "--min-score", "50", *opts, input="\n".join(queries) + "\n")
    return [[(m["score"], m["source"], m["target"], m["proposed"],
              sorted(m["flags"]), m["origin"], m["created"], m["changed"],
              m["tu"], tuple(m["origins"]),
              m["pivot"] and (m["pivot"]["lang"], m["pivot"]["text"],
                              m["pivot"]["tu"]))
             for m in json.loads(l)["matches"]]
            for l in out.splitlines()]


def py_lookup(tm, src, tgt, queries, **kw):
    return [[(round(m.score, 2), m.source, m.target, m.proposed,
              sorted(m.flags), m.origin, m.created, m.changed, m.unit,
              m.origins, m.pivot and tuple(m.pivot))
             for m in tm.lookup(q, src, tgt, min_score=50, **kw)]
            for q in queries]


@pytest.mark.parametrize("src,tgt", [("en", "ko"), ("en", "ru"),
                                     ("ko", "en"), ("ru", "en"),
                                     ("ko", "ru")])
def test_lookup_same_matches_as_tm_lookup(sample_tm, src, tgt):
    queries = []
    for u in sample_tm:
        t = u.text(src)
        queries += [t, t.replace("3.25", "3.5").replace("2.3", "2.4"),
                    " ".join(t.split()[: max(3, len(t.split()) * 3 // 4)])]
    mine = py_lookup(sample_tm, src, tgt, queries)
    assert mine == cli_lookup(sample_tm.path, src, tgt, queries)
    assert sum(1 for m in mine if m and m[0][0] >= 100) >= 18
    assert any(m and m[0][0] < 100 for m in mine)


def test_pivot_and_origins(tmp_path):
    # en-ko in one document, en-ru in another: ko -> ru goes through the
    # shared English variant, as tm lookup does
    db = str(tmp_path / "p.db")
    with libtm.TM(db) as tm:
        tm.add("The central bank cut its key rate.",
               "한국은행이 기준금리를 인하했다.", "en", "ko", origin="a")
        tm.add("The central bank cut its key rate.",
               "Центробанк снизил ключевую ставку.", "en", "ru", origin="b")
        tm.add("The central bank cut its key rate.",
               "Центробанк снизил ключевую ставку.", "en", "ru", origin="c",
               duplicates="keep")
        q = ["한국은행이 기준금리를 인하했다."]
        mine = py_lookup(tm, "ko", "ru", q)
        assert mine == cli_lookup(db, "ko", "ru", q)
        m = tm.lookup(q[0], "ko", "ru")[0]
        assert "pivot" in m.flags and m.score <= 99
        assert m.pivot.lang == "en" and m.target.startswith("Центробанк")
        assert tm.lookup(q[0], "ko", "ru", pivot=False) == []
        e = tm.lookup("The central bank cut its key rate.", "en", "ru")
        assert len(e) == 1 and set(e[0].origins) == {"b", "c"}
        h = tm.concord("기준금리", "ko", target="ru")
        assert h[0].pivot_lang == "en" and h[0].translation
        assert tm.concord("기준금리", "ko", target="ru",
                          pivot=False)[0].translation is None


def test_lookup_options(sample_tm):
    u = next(iter(sample_tm))
    en = u.text("en")
    m = sample_tm.lookup(en, "en", "ko")
    assert m[0].score == 100 and "exact" in m[0].flags
    assert m[0].source_lang == "en-US" and m[0].target_lang == "ko-KR"
    assert m[0].target == u.text("ko") and m[0].origin == "sample.tmx"
    assert len(sample_tm.lookup(en, "en", "ko", n=1, min_score=50)) == 1
    assert sample_tm.lookup("Completely unrelated words about cats",
                            "en", "ko") == []
    ex = sample_tm.lookup(en, "en", "ko", exhaustive=True)
    assert ex[0][:4] == m[0][:4]


def test_concord_same_as_tm_concord(sample_tm):
    for args, kw in [(["-l", "en", "household loans"], {}),
                     (["-l", "ko", "기준금리"], {}),
                     (["-l", "ru", "ставку"], {"target": "en"}),
                     (["-l", "en", "--translit", "Seoul"], {"translit": True}),
                     (["-l", "en", "-n", "0", "the"], {"n": -1})]:
        phrase, lang = args[-1], args[1]
        if "-t" not in args and "target" in kw:
            args = args[:-1] + ["-t", kw["target"], phrase]
        cli = json.loads(run_tm("concord", "-d", sample_tm.path, "-j",
                                *args))["hits"]
        mine = sample_tm.concord(phrase, lang, **kw)
        assert len(mine) == len(cli) and mine, args
        for h, c in zip(mine, cli):
            assert (h.unit, h.text, h.lang, h.translation,
                    h.target_lang, h.origin, h.changed, h.origins,
                    h.pivot_lang) == \
                (c["tu"], c["text"], c["lang"], c["translation"],
                 c["target_lang"], c["origin"], c["changed"],
                 tuple(c["origins"]), c["pivot"])
            # the span in characters is the command's span in bytes
            b = h.text.encode()
            assert b[c["span_start"]:c["span_start"] + c["span_len"]] == \
                h.text[h.span[0]:h.span[1]].encode()


def test_add_get_delete(tmp_path):
    with libtm.TM(tmp_path / "t.db") as tm:
        a = tm.add("Hello world.", "Привет, мир.", "en", "ru",
                   origin="doc1", props=[("x-note", "first")])
        b = tm.add("Good morning.", "좋은 아침.", "en", "ko", origin="doc2")
        assert tm.add("Hello world.", "Привет, мир.", "en", "ru",
                      origin="doc1") == a
        assert len(tm) == 2
        u = tm.get(a)
        assert u.id == a and u.origin == "doc1"
        assert [(v.lang, v.text) for v in u.variants] == \
            [("en", "Hello world."), ("ru", "Привет, мир.")]
        assert ("x-note", "first") in u.props
        assert u.text("ru") == "Привет, мир." and u.text("ko") is None
        assert "creationdate" in u.attrs or u.attrs == {}
        assert tm.add("Hello world.", "Привет, мир.", "en", "ru",
                      duplicates="keep") != a
        assert len(tm) == 3
        assert tm.delete(b) == 1
        with pytest.raises(libtm.NotFoundError):
            tm.get(b)
        with pytest.raises(libtm.NotFoundError):
            tm.delete(b)
        assert tm.delete(origin="doc1") == 1
        assert len(tm) == 1
        with pytest.raises(TypeError):
            tm.delete()
        with pytest.raises(libtm.InvalidError):
            tm.add("a", "b", "en", "not a tag!")
        with pytest.raises(libtm.InvalidError):
            tm.add("a", "b", "en", "ko", duplicates="sometimes")


def test_units_iteration_and_filters(sample_tm, tmp_path):
    units = list(sample_tm)
    assert len(units) == 18 and [u.id for u in units] == sorted(u.id for u in units)
    assert all(len(u.variants) == 3 for u in units)
    only = list(sample_tm.units(langs=["en", "ko"], only_langs=True))
    assert len(only) == 18 and all(len(u.variants) == 2 for u in only)
    assert list(sample_tm.units(origin="nope")) == []
    assert len(list(sample_tm.units(origin="sample.tmx"))) == 18
    # an iteration left open keeps the TM from closing; finishing it frees it
    it = sample_tm.units()
    next(it)
    with pytest.raises(libtm.BusyError):
        sample_tm.close()
    it.close()


def test_readonly(sample_tm, tmp_path):
    path = sample_tm.path
    sample_tm.close()
    with libtm.TM(path, readonly=True) as ro:
        assert len(ro) == 18
        assert ro.lookup(next(iter(ro)).text("en"), "en", "ru")
        with pytest.raises(libtm.Error) as e:
            ro.add("a b c", "d e f", "en", "ru")
        assert e.value.status < 0 and e.value.message


def test_closed_tm_raises(tmp_path):
    tm = libtm.TM(tmp_path / "t.db")
    tm.close()
    tm.close()
    with pytest.raises(ValueError, match="closed"):
        tm.lookup("a", "en", "ko")
    with pytest.raises(ValueError, match="closed"):
        len(tm)
