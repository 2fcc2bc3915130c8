# SPDX-License-Identifier: MIT
"""segment(), translit(), translit_key(), normalize_lang()."""
import json

import pytest

import libtm
from conftest import read, run_tm, SAMPLES, STORIES
import os


def test_segment_kinds_offsets_paragraphs():
    text = ("SEOUL, Nov. 27 (Yonhap) -- The bank cut rates to 3.25 pct. "
            "It said so.\n\nGov. Kim spoke at 9 a.m.\n\n(END)")
    s = libtm.segment(text, "en")
    assert [x.kind for x in s] == ["dateline", "sentence", "sentence",
                                   "sentence", "end"]
    assert [x.paragraph for x in s] == [0, 0, 0, 1, 2]
    for x in s:
        assert text[x.offset:x.offset + len(x.text)] == x.text
    assert s[3].text == "Gov. Kim spoke at 9 a.m."


def test_segment_korean_russian_offsets_in_characters():
    ko = "(서울=연합뉴스) 김철수 기자 = 한국은행이 금리를 내렸다. 시장은 예상했다.\n\n(끝)"
    s = libtm.segment(ko, "ko")
    assert s[0].kind == "byline"
    assert s[-1].kind == "end"
    for x in s:
        assert ko[x.offset:x.offset + len(x.text)] == x.text
    ru = "МОСКВА, 24 ноября. Поезда пошли снова. Это произошло с ноября 2022 г. впервые."
    s = libtm.segment(ru, "ru")
    for x in s:
        assert ru[x.offset:x.offset + len(x.text)] == x.text
    assert len(s) >= 2


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
def test_segment_same_as_tm_segment(lang):
    # the tm command's JSON on a sample story, sentence for sentence
    path = os.path.join(SAMPLES, "rate-decision", lang + ".txt")
    out = run_tm("segment", "-l", lang, "--format", "json", path)
    segs = json.loads(out)["files"][0]["segments"]
    text = read("rate-decision", lang + ".txt")
    mine = libtm.segment(text, lang)
    assert [s["text"] for s in segs] == [s.text for s in mine]
    assert [s["kind"] for s in segs] == [s.kind for s in mine]
    assert [s["paragraph"] for s in segs] == [s.paragraph for s in mine]
    # the command's offsets are in bytes, the binding's in characters
    assert [s["offset"] for s in segs] == \
        [len(text[:s.offset].encode()) for s in mine]


def test_segment_presegmented():
    s = libtm.segment("one. two.\nthree\n\nfour", "en", presegmented=True)
    assert [x.text for x in s] == ["one. two.", "three", "four"]


def test_translit():
    assert libtm.translit("김정은", "ko") == "gimjeong-eun"
    assert libtm.translit("Ким Чен Ын", "ru") == "Kim Chen Yn"
    assert libtm.translit("서울 Москва", None) != "서울 Москва"
    assert libtm.translit_key("Путин") == libtm.translit_key("푸틴") == \
        libtm.translit_key("Putin") == "ptn"


def test_normalize_lang():
    assert libtm.normalize_lang("EN_us") == "en-US"
    with pytest.raises(libtm.InvalidError):
        libtm.normalize_lang("not a tag!")


def test_help_is_useful():
    for f in (libtm.segment, libtm.translit, libtm.align, libtm.TM.lookup,
              libtm.TM.concord, libtm.TM.import_tmx, libtm.TM.export_tmx,
              libtm.TM.add, libtm.TM.delete, libtm.TM.stats,
              libtm.TM.units, libtm.Alignment.store,
              libtm.Alignment.to_review):
        assert f.__doc__ and len(f.__doc__) > 80, f
    assert "min_score" in libtm.TM.lookup.__doc__
