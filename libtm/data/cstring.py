# SPDX-License-Identifier: MIT
"""What the build's generators (gen-abbrev.py, gen-lexicon.py) share."""


def c_string(s):
    """@s as a C string literal: ASCII as written (quote and backslash
    escaped), every other byte of its UTF-8 in octal."""
    out = []
    for b in s.encode("utf-8"):
        if b in (0x22, 0x5C):
            out.append("\\" + chr(b))
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'
