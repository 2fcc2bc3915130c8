# SPDX-License-Identifier: MIT
"""Errors: one class per tm_status family, carrying the library's message."""
import pytest

import libtm

FAMILIES = [
    ("OutOfMemoryError", -2, MemoryError),
    ("InvalidError", -3, ValueError),
    ("NotFoundError", -4, LookupError),
    ("IOFailure", -6, OSError),
    ("ParseError", -7, ValueError),
    ("DatabaseError", -8, None),
    ("EncodingError", -9, ValueError),
    ("BusyError", -10, None),
]


@pytest.mark.parametrize("name,status,builtin", FAMILIES)
def test_hierarchy(name, status, builtin):
    cls = getattr(libtm, name)
    assert issubclass(cls, libtm.Error) and issubclass(cls, Exception)
    if builtin:
        assert issubclass(cls, builtin)
    e = cls("msg", status)
    assert e.message == "msg" and e.status == status and str(e) == "msg"
    assert cls.__doc__


def test_invalid_language():
    with pytest.raises(libtm.InvalidError) as e:
        libtm.segment("Text.", "not a language")
    assert e.value.status == -3 and "language" in e.value.message
    with pytest.raises(libtm.InvalidError):
        libtm.translit("x", "zz")


def test_not_found(tmp_path):
    with pytest.raises(libtm.NotFoundError) as e:
        libtm.TM(tmp_path / "none.db", create=False)
    assert e.value.status == -4
    with pytest.raises(libtm.NotFoundError, match="nonexistent.srx"):
        libtm.segment("a.", "en", srx=str(tmp_path / "nonexistent.srx"))
    with libtm.TM(tmp_path / "t.db") as tm:
        with pytest.raises(libtm.NotFoundError, match="none.tmx"):
            tm.import_tmx(tmp_path / "none.tmx")


def test_parse_errors(tmp_path):
    (tmp_path / "bad.srx").write_text("<srx><oops")
    with pytest.raises(libtm.ParseError, match=r"bad.srx:1:"):
        libtm.segment("a.", "en", srx=str(tmp_path / "bad.srx"))
    (tmp_path / "bad.tmx").write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/>'
        '<body><tu><tuv xml:lang="en"><seg>a</seg></tuv></tu><tu>')
    with libtm.TM(tmp_path / "t.db") as tm:
        with pytest.raises(libtm.ParseError, match=r"^tmx: .*bad.tmx:1:") as e:
            tm.import_tmx(tmp_path / "bad.tmx")
        assert e.value.status == -7
        assert len(tm) == 0  # one transaction: nothing stored
        st = tm.import_tmx(tmp_path / "bad.tmx", keep_going=True)
        assert st.truncated and st.messages


def test_database_error(tmp_path):
    (tmp_path / "x.db").write_bytes(b"not a database " * 100)
    with pytest.raises(libtm.DatabaseError, match="not a translation memory"):
        libtm.TM(tmp_path / "x.db")


def test_busy(tmp_path):
    tm = libtm.TM(tmp_path / "t.db")
    tm.add("a b", "c d", "en", "ru")
    it = iter(tm)
    next(it)
    with pytest.raises(libtm.BusyError, match="cursor"):
        tm.close()
    del it
    tm.close()


def test_io_failure(tmp_path):
    with libtm.TM(tmp_path / "t.db") as tm:
        tm.add("a b", "c d", "en", "ru")
        with pytest.raises(libtm.IOFailure):
            tm.export_tmx(tmp_path / "no" / "such" / "dir.tmx")


def test_bad_strings(tmp_path):
    # Python str is always valid Unicode: a lone surrogate cannot become
    # UTF-8 and Python raises before the library sees it; NUL is refused
    # where the library takes a C string
    with pytest.raises(UnicodeEncodeError):
        libtm.segment("a\ud800b", "en")
    with libtm.TM(tmp_path / "t.db") as tm:
        with pytest.raises(ValueError, match="null"):
            tm.lookup("a\0b", "en", "ko")


def test_lookup_errors(sample_tm):
    tm = sample_tm
    with pytest.raises(libtm.InvalidError, match="empty"):
        tm.lookup("", "en", "ko")
    with pytest.raises(libtm.InvalidError):
        tm.lookup("some text", "en", "not a tag!")
    with pytest.raises(libtm.InvalidError):
        tm.concord("...", "en")
    # a language the TM does not hold: the message lists those it has
    with pytest.raises(libtm.NotFoundError, match="en, ko, ru"):
        tm.lookup("some text", "en", "de")
    with pytest.raises(libtm.NotFoundError):
        tm.concord("Bank", "de")


def test_language_checks(sample_tm):
    libtm.validate_lang("ko")
    for bad in ("english", "xx", "eng"):
        with pytest.raises(libtm.InvalidError):
            libtm.validate_lang(bad)
    libtm.check_text_lang("서울", "ko")
    with pytest.raises(libtm.InvalidError, match="Hangul"):
        libtm.check_text_lang("Hello", "ko")
    assert sample_tm.langs() == ["en", "ko", "ru"]
    sample_tm.check_lang("ru")
    with pytest.raises(libtm.NotFoundError, match="no units in 'de'"):
        sample_tm.check_lang("de")
