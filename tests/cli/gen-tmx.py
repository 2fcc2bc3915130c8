# SPDX-License-Identifier: MIT
# Write NFILES TMX files of PER units each (en-US, ko-KR, ru-RU) made of
# the lines of the stories in samples/, each unit made unique by a tag:
#   gen-tmx.py SAMPLES_DIR OUT_DIR NFILES PER [PREFIX]
# Used by the reliability tests (test-crash.sh, test-concurrency.sh).
import glob
import sys
from xml.sax.saxutils import escape

samples, out, nfiles, per = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
prefix = sys.argv[5] if len(sys.argv) > 5 else "part"
tags = {"en": "en-US", "ko": "ko-KR", "ru": "ru-RU"}
lines = {}
for lang in tags:
    lines[lang] = []
    for p in sorted(glob.glob(f"{samples}/*/{lang}.txt")):
        with open(p, encoding="utf-8") as f:
            lines[lang] += [x.strip() for x in f if x.strip()]
for n in range(nfiles):
    with open(f"{out}/{prefix}{n:02d}.tmx", "w", encoding="utf-8") as o:
        o.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                '<header creationtool="libtm-tests" creationtoolversion="1" '
                'datatype="plaintext" segtype="sentence" adminlang="en-US" '
                'srclang="en-US" o-tmf="libtm"/>\n<body>\n')
        for i in range(per):
            o.write(f'<tu tuid="{prefix}{n}-{i}">')
            for lang, tag in tags.items():
                text = lines[lang][(i * 7 + n) % len(lines[lang])]
                o.write(f'<tuv xml:lang="{tag}"><seg>{escape(text)} '
                        f'[{prefix}{n}.{i}]</seg></tuv>')
            o.write("</tu>\n")
        o.write("</body>\n</tmx>\n")
