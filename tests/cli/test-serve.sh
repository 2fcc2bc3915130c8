# SPDX-License-Identifier: MIT
# `tm serve` against curl on a random loopback port (the server is
# started and stopped by the test; no fixed port). The amaGama URLs are
# built the way each client builds them, after its public source:
#   Weblate  weblate/machinery/tmserver.py: every part through
#            urllib.parse.quote(part, b"") (every byte but [A-Za-z0-9_.~-]
#            percent-encoded, '/' too), the text cut to 500 characters,
#            '\r' sent as a space; only a 404 of /languages/ means "no
#            list"; codes mapped to lower case with '_'
#   Okapi    connectors/translatetoolkit: java.net.URLEncoder (spaces as
#            '+', '*' kept, '~' encoded) then '+' -> %20; quality read as
#            a double; it stops at the first hit below its threshold, so
#            the list must come best first
#   Virtaal  support/tmclient.py + httpclient.py: base/slang/tlang/unit +
#            '/' + urllib.quote(text, safe=''); writes PUT/POST a JSON
#            {"source", "target"} to the same URL
# and the answers are compared with translate-toolkit's own tmserver
# (Debian python3-translate) on the same units.
. "$(dirname "$0")/lib.sh"
unset TM_DB
"$TM" help serve >/dev/null 2>&1 || skip_all "tm serve is not built (no libmicrohttpd)"
command -v curl >/dev/null || skip_all "curl missing"
src=${TM_SOURCE_ROOT:?}

pid=
stop_server() {
	if [ -n "$pid" ]; then
		kill -TERM "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		srv_rc=$?
		pid=
		cat "$work/srv.err" >>"$work/all-srv.err"
	fi
}
trap 'stop_server; rm -rf "$work"' EXIT

# start_server ARGS...: tm serve on 127.0.0.1, a port the system picks;
# sets $pid, $port, $base.
start_server() {
	# a fresh file: the previous server's line must not be read as this
	# one's (the shell truncates the file only once the child runs)
	rm -f "$work/srv.out"
	"$TM" serve --listen 127.0.0.1:0 "$@" >"$work/srv.out" 2>"$work/srv.err" &
	pid=$!
	port=
	for _ in $(seq 100); do
		port=$(sed -n 's|^tm serve: listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/srv.out")
		[ -n "$port" ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	base=http://127.0.0.1:$port
	[ -n "$port" ]
}

# req METHOD URL [curl args]: sets $code, $body, $hdrs
req() {
	local m=$1 u=$2
	shift 2
	code=$(curl -s -g -X "$m" -o "$work/.body" -D "$work/.hdrs" -w '%{http_code}' "$@" "$u")
	body=$(cat "$work/.body")
	hdrs=$(tr -d '\r' <"$work/.hdrs")
}

# The URL of each client for TEXT (argument 3) from SLANG to TLANG.
client_url() { # CLIENT PREFIX-BASE TEXT SLANG TLANG
	python3 - "$@" <<'PY'
import sys, urllib.parse
client, base, text, sl, tl = sys.argv[1:6]
if client == "weblate":
    q = lambda part: urllib.parse.quote(part, b"")
    sl = sl.replace("-", "_").lower()
    tl = tl.replace("-", "_").lower()
    print("/".join([base, q(sl), q(tl), q("unit"),
                    q(text[:500].replace("\r", " ").encode())]))
elif client == "okapi":
    # java.net.URLEncoder.encode(text, "UTF-8"): [A-Za-z0-9.*_-] kept,
    # ' ' -> '+', the rest %XX; then Okapi turns '+' into %20
    enc = urllib.parse.quote_plus(text, safe="*").replace("~", "%7E")
    print(f"{base}/{sl}/{tl}/unit/" + enc.replace("+", "%20"))
else:  # virtaal
    print(f"{base}/{sl}/{tl}/unit/" + urllib.parse.quote(text.encode(), safe=""))
PY
}

count_units() { sqlite3 "$1" 'select count(*) from tu'; }

# ---- a TM with the texts that break URL handling ----------------------
cat >pairs.tsv <<'EOF2'
Rate cut/hike? 50% + 25% & more #1	금리 인하/인상? 50% + 25% & 그 이상 #1
The Bank of Korea cut its key rate to 3.25 percent on Thursday.	한국은행은 목요일 기준금리를 3.25%로 인하했다.
The Bank of Korea cut its key rate to 3.5 percent on Thursday.	한국은행은 목요일 기준금리를 3.5%로 인하했다.
The Bank of Korea kept its key rate at 3.5 percent on Thursday.	한국은행은 목요일 기준금리를 3.5%로 동결했다.
Path a/b/c with a+plus and a~tilde *star	경로 a/b/c 더하기+ 물결~ 별*
<script>alert("x")</script> & "quotes"	<script>alert("y")</script> & "따옴표"
Line one two	한 줄 두 줄
EOF2
while IFS=$'\t' read -r s t; do
	"$TM" add --db tm.db -s en -t ko "$s" "$t" >/dev/null || fail "tm add $s"
done <pairs.tsv
"$TM" import -q --db tm.db "$src/samples/sample.tmx" || fail "import sample.tmx"
# one pair stored by two documents, and a Russian translation of an
# English sentence that also has a Korean one (a ko->ru pivot through en)
"$TM" add --db tm.db -s en -t ko --origin story-a.txt "Seoul is cold today." "서울은 오늘 춥다." >/dev/null &&
"$TM" add --db tm.db -s en -t ko --origin story-b.txt --duplicates keep "Seoul is cold today." "서울은 오늘 춥다." >/dev/null &&
"$TM" add --db tm.db -s en -t ru "Line one two" "Строка один два" >/dev/null || fail "tm add (origins, pivot)"
units=$(count_units tm.db)

start_server --db tm.db
is "$?" 0 "the server starts on a port of its choosing and names it"
like "$(head -1 "$work/srv.out")" 'read-only' "read-only by default"

# ---- amaGama dialect, each client's URL ---------------------------------
for client in weblate okapi virtaal; do
	for prefix in /tmserver /api/v1; do
		while IFS=$'\t' read -r s t; do
			url=$(client_url "$client" "$base$prefix" "$s" en ko)
			req GET "$url"
			got=$(printf '%s' "$body" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d[0]["source"] if d else "", d[0]["target"] if d else "", type(d[0]["quality"]).__name__ if d else "", sep="\t")')
			is "$code|$got" "200|$s	$t	float" "$client $prefix: exact match of '$s'"
		done <pairs.tsv
	done
done

# Weblate: '\r' is sent as a space
url=$(client_url weblate "$base/tmserver" $'Line one\rtwo' en ko)
req GET "$url"
like "$body" '"source":"Line one two"' "weblate: a carriage return sent as a space finds the text"
# Weblate cuts at 500 characters: a long text still gets an answer
long=$(python3 -c 'print("word " * 200)')
url=$(client_url weblate "$base/tmserver" "$long" en ko)
req GET "$url"
is "$code|$body" "200|[]" "weblate: a 500-character text gets an empty list"
# the longest URL Weblate makes: 500 Hangul syllables, 9 bytes each encoded
long=$(python3 -c 'print("한" * 700)')
url=$(client_url weblate "$base/tmserver" "$long" ko en)
req GET "$url"
is "$code|$body" "200|[]" "weblate: 500 Korean characters (4.5 KB encoded) are answered"

# Okapi reads the list best first and stops below its threshold
url=$(client_url okapi "$base/tmserver" "The Bank of Korea cut its key rate to 3.25 percent on Thursday." en ko)
req GET "$url?min_similarity=50&max_candidates=10"
sorted=$(printf '%s' "$body" | python3 -c '
import json, sys
q = [float(x["quality"]) for x in json.load(sys.stdin)]
print(len(q) >= 3 and q == sorted(q, reverse=True) and q[0] == 100.0)')
is "$sorted" "True" "okapi: several candidates, qualities as doubles, highest first"
req GET "$url?min_similarity=50&max_candidates=2"
is "$(printf '%s' "$body" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 2 "max_candidates limits the list"
req GET "$url?min_similarity=100"
is "$(printf '%s' "$body" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 1 "min_similarity=100 keeps the exact match only"

# ?source= (amaGama's form, '+' a space), language codes folded
req GET "$base/tmserver/EN_us/KO/unit/?source=Line+one+two"
like "$body" '"target":"한 줄 두 줄"' "?source= with '+' for spaces; en_US and KO accepted"
req GET "$base/api/v1/en/ko/unit/?source="
is "$code" 404 "no text is a 404, as in amaGama"
req GET "$base/tmserver/e%20n/ko/unit/x"
is "$code" 404 "a malformed language in the path is a 404"
req GET "$base/tmserver/xx_YY_zz_toolong/ko/unit/x"
like "$code" '^(400|200)$' "an unusual language code is answered"

# languages: Weblate's spelling; a 404 only when there is no list
req GET "$base/tmserver/languages/"
like "$body" '"sourceLanguages":\[.*"en".*"ko".*\].*"targetLanguages"' "languages/ lists the TM's languages"
req GET "$base/api/v1/languages/"
is "$code" 200 "languages/ under /api/v1 too"

# JSONP
req GET "$base/tmserver/en/ko/unit/Line%20one%20two?jsoncallback=cb.x_1"
like "$body" '^cb\.x_1\(\[\{.*\}\]\);$' "JSONP through jsoncallback"
like "$hdrs" 'Content-Type: application/javascript' "JSONP is served as JavaScript"
req GET "$base/tmserver/en/ko/unit/Line%20one%20two?callback=cb"
like "$body" '^cb\(\[' "JSONP through callback (tmserver)"
req GET "$base/tmserver/en/ko/unit/Line%20one%20two?callback=alert(1)//"
is "$code" 400 "a callback that is not a name is refused"
like "$body" '"code":"bad_callback"' "with a JSON error"

# ---- errors are JSON with the right status ------------------------------
req GET "$base/nothing/here"
is "$code" 404 "unknown path: 404"
like "$body" '^\{"error":\{"code":"not_found","message":' "as a JSON error"
req DELETE "$base/api/stats"
is "$code" 405 "a method the resource lacks: 405"
like "$hdrs" 'Allow: GET, HEAD, OPTIONS' "with Allow"
req PATCH "$base/api/stats"
is "$code" 501 "an unknown method: 501"
req GET "$base/tmserver/en/ko/unit/bad%zzescape"
is "$code" 400 "a bad percent-escape: 400"
req GET "$base/tmserver/en/ko/unit/bad%FFbyte"
is "$code" 400 "invalid UTF-8 in the text: 400"
like "$body" '"code":"invalid_utf8"' "named invalid_utf8"
req GET "$base/api/lookup?source=en&target=ko"
is "$code" 400 "a missing parameter: 400"
like "$body" '"code":"missing_parameter"' "named missing_parameter"
req GET "$base/api/lookup?q=x&source=en&target=ko&min=7"
is "$code" 400 "a number out of range: 400"
req POST "$base/api/lookup" --data-binary '{"q": "x", '
is "$code" 400 "a body that is not JSON: 400"
like "$body" '"code":"bad_json"' "named bad_json"
req GET "$base/api/units/999999"
is "$code" 404 "no such unit: 404"
longurl="$base/tmserver/en/ko/unit/$(head -c 20000 /dev/zero | tr '\0' a)"
req GET "$longurl"
like "$code" '^41[34]$' "a URL over 16 KiB is refused"
kill -0 "$pid" && pass "the server is still up after the malformed requests"

# ---- read-only: no write gets through, the TM is unchanged --------------
req PUT "$base/tmserver/en/ko/unit/New" --data-binary '{"source":"New","target":"새"}'
is "$code" 403 "read-only: an amaGama unit write is 403"
like "$body" '"code":"read_only"' "named read_only"
req POST "$base/api/units" --data-binary '{"source_lang":"en","target_lang":"ko","source":"a","target":"b"}'
is "$code" 403 "read-only: /api/units is 403"
req POST "$base/api/import" --data-binary @"$src/samples/sample.tmx"
is "$code" 403 "read-only: an import is 403"
req DELETE "$base/api/units/1"
is "$code" 403 "read-only: a delete is 403"
req POST "$base/api/review/tmx?origin=ro" --data-binary '{"format":1,"src_lang":"en","tgt_lang":"ko","links":[{"src":[0],"tgt":[0]},{"src":[1],"tgt":[1],"rejected":true}],"src_sentences":[{"text":"A & <b>"},{"text":"B"}],"tgt_sentences":[{"text":"가"},{"text":"나"}]}'
is "$code|$(grep -c '<tu[ >]' "$work/.body")" "200|1" "read-only: review/tmx answers (it stores nothing), the rejected link left out"
like "$body" '<seg>A &amp; &lt;b&gt;</seg>' "review/tmx: text is escaped in the TMX"
is "$(count_units tm.db)" "$units" "read-only: the TM is unchanged"

# ---- the JSON API ---------------------------------------------------------
req GET "$base/api/lookup?q=The+Bank+of+Korea+cut+its+key+rate+to+3.75+percent+on+Thursday.&source=en&target=ko"
like "$body" '"score":99(\.0)?,.*"proposed":"한국은행은 목요일 기준금리를 3.75%로 인하했다\."' "lookup: the proposed target carries the query's number"
like "$body" '"flags":\["numbers"\]' "lookup: flags"
req POST "$base/api/lookup" --data-binary '{"q":"Line one two","source":"en","target":"ko"}'
like "$body" '"target":"한 줄 두 줄"' "lookup by POST with a JSON body"
req GET "$base/api/concord?q=key+rate&lang=en&target=ko"
like "$body" '"span":\[[0-9]+,8\],"span_utf16":\[[0-9]+,8\]' "concord: spans in bytes and UTF-16 units"
req GET "$base/api/concord?q=%ED%8F%89%EC%96%91&lang=ko&translit=1"
like "$body" '"lang":"en-US".*Pyongyang|Pyongyang.*"lang":"en-US"' "concord: cross-script (평양 finds Pyongyang)"
req GET "$base/api/lookup?q=Seoul+is+cold+today.&source=en&target=ko"
like "$body" '"origins":\["story-[ab]\.txt","story-[ab]\.txt"\]' "lookup: every origin of a match (origins)"
like "$body" '"pivot":null' "lookup: a direct match has pivot null"
req GET "$base/api/lookup?q=%ED%95%9C+%EC%A4%84+%EB%91%90+%EC%A4%84&source=ko&target=ru"
like "$body" '"target":"Строка один два".*"flags":\[[^]]*"pivot"' "lookup: a ko->ru match through en is flagged pivot"
like "$body" '"pivot":\{"lang":"en[^"]*","text":"Line one two","tu":[0-9]+\}' "lookup: the pivot's language, shared variant and unit"
req GET "$base/api/concord?q=key+rate&lang=en&target=ko"
like "$body" '"origins":\[[^]]*\],"pivot":null,"match_kind":"exact"' "concord: origins, pivot and match_kind of a hit"
req GET "$base/api/concord?q=%ED%8F%89%EC%96%91&lang=ko&translit=1"
like "$body" '"match_kind":"translit"' "concord: a cross-script hit is of kind translit"
req GET "$base/api/concord?q=%ED%95%9C+%EC%A4%84&lang=ko&target=ru"
like "$body" '"translation":"Строка один два".*"pivot":"en' "concord: a translation through a pivot names its language"
req GET "$base/api/translit?text=%D0%9F%D1%83%D1%82%D0%B8%D0%BD"
is "$body" '{"format":1,"text":"Путин","latin":"Putin","key":"ptn"}' "translit"
req POST "$base/api/segment" --data-binary '{"lang":"en","text":"SEOUL, Nov. 27 (Yonhap) -- Rates fell. Mr. Kim spoke."}'
like "$body" '"kind":"dateline".*"text":"Mr. Kim spoke."' "segment"
req GET "$base/api/stats"
like "$body" "\"units\":$units," "stats"
req GET "$base/api/units/1"
like "$body" '"variants":\[\{"lang":"en"' "a unit by id"
req GET "$base/api/export?source=en&target=ko"
is "$code" 200 "export: 200"
like "$hdrs" 'Content-Type: application/x-tmx\+xml' "export: TMX"
# every unit but the en-ru one
is "$(grep -c '<tu[ >]' "$work/.body")" "$((units - 1))" "export: every en-ko unit"
req GET "$base/api/export?source=en&target=k+o"
is "$code" 400 "export: a bad language is 400"

# escaping: stored text is JSON-escaped, never interpreted
req GET "$base/api/lookup?q=%3Cscript%3Ealert(%22x%22)%3C%2Fscript%3E+%26+%22quotes%22&source=en&target=ko"
like "$body" '"source":"<script>alert\(\\"x\\"\)</script> & \\"quotes\\""' "markup-like text comes back as a JSON string"
like "$hdrs" 'X-Content-Type-Options: nosniff' "nosniff on every answer"

# keep-alive: two requests on one connection
curl -s -v "$base/api/stats" "$base/api/stats" -o /dev/null -o /dev/null 2>"$work/curl.v"
like "$(cat "$work/curl.v")" '[Rr]e-?using existing connection' "keep-alive: the second request reuses the connection"

# a loopback server answers loopback names only (DNS rebinding)
req GET "$base/api/stats" -H 'Host: evil.example'
is "$code" 403 "a Host that is not a loopback name: 403"
like "$body" '"code":"forbidden_host"' "named forbidden_host"
req GET "$base/api/stats" -H "Host: localhost:$port"
is "$code" 200 "Host localhost is fine"

# CORS: none without --cors
req GET "$base/api/stats" -H 'Origin: https://evil.example'
unlike "$hdrs" 'Access-Control-Allow-Origin' "no CORS header without --cors"
stop_server
is "$srv_rc" 0 "SIGTERM: the server exits 0"
like "$(cat "$work/srv.err")" 'stopped' "and says so"

# ---- writes --------------------------------------------------------------
cp tm.db w.db
# the account that runs the server: the creationid of a write that names
# no one, as tm add's is its user's
export USER=desk-server
start_server --db w.db --allow-writes --cors https://desk.example --max-upload 64K --timeout 2
like "$(head -1 "$work/srv.out")" 'writes allowed' "--allow-writes"
url=$(client_url virtaal "$base/tmserver" "Kim met Putin/again" en ko)
req PUT "$url" --data-binary '{"source":"Kim met Putin/again","target":"김정은, 푸틴 또 만나"}'
is "$code" 200 "virtaal: PUT a unit"
req GET "$url"
like "$body" '"target":"김정은, 푸틴 또 만나","quality":100' "the written unit is found at once"
req POST "$base/tmserver/en/ru/store/news.po" --data-binary '[{"source":"Good morning","target":"Доброе утро"},{"source":"Good night","target":"Спокойной ночи"}]'
is "$code|$body" "200|added 2 units from news.po" "amaGama: POST a store"
cnt=$(count_units w.db)
req POST "$base/tmserver/en/ru/store/bad.po" --data-binary '[{"source":"One more","target":"Ещё"},{"source":"x"}]'
is "$code" 400 "a store with a bad unit is refused"
is "$(count_units w.db)" "$cnt" "and stores nothing"
req POST "$base/api/units" --data-binary '{"source_lang":"en","target_lang":"ru","source":"Seoul","target":"Сеул","origin":"desk"}'
is "$code" 201 "/api/units: 201 for a new unit"
tu=$(printf '%s' "$body" | sed -n 's/.*"tu":\([0-9]*\).*/\1/p')
is "$body" "{\"format\":1,\"tu\":$tu,\"result\":\"added\"}" "/api/units: the unit and tm add's result name"
req GET "$base/api/units/$tu"
like "$body" '"lang":"en".*"text":"Seoul".*"lang":"ru".*"text":"Сеул"' "/api/units: the pair as tm add builds it"
req POST "$base/api/units" --data-binary '{"source_lang":"en","target_lang":"ru","source":"Seoul","target":"Сеул","origin":"desk"}'
is "$code|$body" "200|{\"format\":1,\"tu\":$tu,\"result\":\"merged\"}" "/api/units: the same pair again is merged"
req POST "$base/api/units" --data-binary '{"source_lang":"en","target_lang":"ru","source":"Seoul","target":"Сеул","duplicates":"sometimes"}'
is "$code" 400 "/api/units: an unknown duplicates mode is refused"
# skip-newer: the pair is stamped now, as tm add's, so it is skipped
# where the stored unit is as new or newer (a unit dated 2099)
cat >future.tmx <<'EOF2'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
<body><tu creationdate="20990101T000000Z"><tuv xml:lang="en"><seg>Vladivostok</seg></tuv><tuv xml:lang="ru"><seg>Владивосток</seg></tuv></tu></body></tmx>
EOF2
"$TM" import -q --db w.db future.tmx
req POST "$base/api/units" --data-binary '{"source_lang":"en","target_lang":"ru","source":"Vladivostok","target":"Владивосток","duplicates":"skip-newer"}'
is "$code|$(printf '%s' "$body" | sed -n 's/.*"result":"\([a-z]*\)".*/\1/p')" "200|skipped" "/api/units: skip-newer skips the pair stored with a later date"
# stamped as tm add stamps a unit: creationdate, creationid, creationtool,
# srclang (a desk shares the TM: who stored what, and when)
unit_attrs() { # the unit's attributes, creationdate as its form
	python3 -c '
import json, re, sys
a = json.load(sys.stdin)["attributes"]
if "creationdate" in a:
    a["creationdate"] = "DATE" if re.fullmatch(r"\d{8}T\d{6}Z", a["creationdate"]) else a["creationdate"]
print(" ".join("%s=%s" % kv for kv in sorted(a.items())))'
}
tu_attrs() { # DB WHERE: the stored attributes of a unit, as name=value
	sqlite3 "$1" "select attrs from tu where $2" |
		sed '/^$/d; s/\t[0-9]*T[0-9]*Z$/\tDATE/; s/\t/=/' | sort | paste -sd' '
}
req GET "$base/api/units/$tu"
is "$(printf '%s' "$body" | unit_attrs)" "creationdate=DATE creationid=desk-server creationtool=tm srclang=en" \
	"/api/units: stamped as tm add stamps it, creationid the server's user"
USER=desk-server "$TM" add --db add.db -s en -t ru Seoul Сеул >/dev/null
is "$(tu_attrs w.db "id = $tu")" \
	"$(tu_attrs add.db 1)" \
	"/api/units: the same attributes as tm add's unit"
req POST "$base/api/units" --data-binary '{"source_lang":"en","target_lang":"ru","source":"Busan","target":"Пусан","creationid":"jkim"}'
is "$code" 201 "/api/units with a creationid: 201"
tu2=$(printf '%s' "$body" | sed -n 's/.*"tu":\([0-9]*\).*/\1/p')
req GET "$base/api/units/$tu2"
is "$(printf '%s' "$body" | unit_attrs)" "creationdate=DATE creationid=jkim creationtool=tm srclang=en" \
	"/api/units: the request's creationid (the translator's, as a CAT tool sends it)"
req POST "$base/api/units" --data-binary '{"source_lang":"en","target_lang":"ru","source":"Busan","target":"Пусан","creationid":""}'
is "$code|$body" '400|{"error":{"code":"invalid","message":"creationid: 1 to 200 bytes of text without control characters"}}' \
	"/api/units: an empty creationid is refused"
# the script check of tm add: a swapped pair, a Russian text tagged ko
cnt=$(count_units w.db)
req POST "$base/api/units" --data-binary '{"source_lang":"ko","target_lang":"en","source":"Seoul","target":"서울"}'
is "$code|$body" "400|{\"error\":{\"code\":\"wrong_script\",\"message\":\"source: the ko text 'Seoul' has no Hangul or Han letter (\\\"force\\\": true stores it anyway)\"}}" \
	"/api/units: a source not in its language's script is refused, naming the field"
req POST "$base/api/units" --data-binary '{"source_lang":"en","target_lang":"ko","source":"Seoul","target":"Сеул"}'
is "$code|$(printf '%s' "$body" | sed -n 's/.*"message":"\([a-z]*\): .*/\1/p')" "400|target" \
	"/api/units: a target not in its language's script is refused, naming the field"
is "$(count_units w.db)" "$cnt" "/api/units: nothing stored"
run "$TM" add --db add.db -s ko -t en Seoul 서울
is "$rc:$err" "1:tm add: error: SRC: the ko text 'Seoul' has no Hangul or Han letter (--force stores it anyway)" \
	"tm add refuses the same pair with the same reason"
req POST "$base/api/units" --data-binary '{"source_lang":"ko","target_lang":"en","source":"Seoul FC","target":"Seoul FC","force":true}'
is "$code" 201 "/api/units: force stores it anyway"
tu3=$(printf '%s' "$body" | sed -n 's/.*"tu":\([0-9]*\).*/\1/p')
req DELETE "$base/api/units/$tu3"
req DELETE "$base/api/units/$tu2"
# amaGama's writes are stamped and checked alike (the protocol names
# no one: the server's user)
req PUT "$(client_url virtaal "$base/tmserver" "Jeju Island" en ko)" --data-binary '{"source":"Jeju Island","target":"제주도"}'
is "$code" 200 "amaGama: PUT a unit"
is "$(tu_attrs w.db "id = (select max(id) from tu)")" \
	"creationdate=DATE creationid=desk-server creationtool=tm srclang=en" "amaGama: the unit is stamped as tm add's"
cnt=$(count_units w.db)
req POST "$base/tmserver/en/ko/store/swap.po" --data-binary '[{"source":"Jeju","target":"제주"},{"source":"Busan","target":"Busan"}]'
is "$code|$(printf '%s' "$body" | sed -n 's/.*"message":"\([^"]*\)".*/\1/p')" "400|unit 1: target: the ko text 'Busan' has no Hangul or Han letter" \
	"amaGama: a store with a text in the wrong script is refused, naming the unit and the field"
is "$(count_units w.db)" "$cnt" "amaGama: and stores nothing"
req DELETE "$base/api/units/$tu"
is "$code|$body" "200|{\"format\":1,\"deleted\":$tu}" "DELETE a unit"
req DELETE "$base/api/units/$tu"
is "$code" 404 "DELETE it again: 404"

# import: one transaction; too big or broken changes nothing
cnt=$(count_units w.db)
python3 "$src/tests/cli/gen-tmx.py" "$src/samples" . 1 100 imp >/dev/null
req POST "$base/api/import?origin=wire" --data-binary @imp00.tmx
like "$code|$body" '^200\|.*"origin":"wire","units":100,"added":100' "import: 100 units"
cnt=$((cnt + 100))
head -c 20000 imp00.tmx >trunc.tmx
req POST "$base/api/import" --data-binary @trunc.tmx
is "$code" 400 "import of a truncated TMX: 400"
like "$body" '"code":"parse_error"' "named parse_error"
python3 "$src/tests/cli/gen-tmx.py" "$src/samples" . 1 2000 big >/dev/null
req POST "$base/api/import" --data-binary @big00.tmx
is "$code" 413 "import over --max-upload: 413"
is "$(count_units w.db)" "$cnt" "the failed imports left the TM as it was"
head -c $((9 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >big.json
req POST "$base/api/lookup" --data-binary @big.json
is "$code" 413 "a JSON body over 8 MiB: 413"

# align, then store the reviewed links
python3 - "$src/samples/rail-link" >align.json <<'PY'
import json, sys
d = sys.argv[1]
print(json.dumps({"source_lang": "en", "target_lang": "ko",
                  "source": open(d + "/en.txt").read(),
                  "target": open(d + "/ko.txt").read()}))
PY
req POST "$base/api/align" --data-binary @align.json
like "$body" '^\{"format":2,"source_lang":"en","target_lang":"ko","score":(0\.[0-9]+|1\.0),"links":\[\{"source":\[0\],"target":\[0\],"confidence"' "align: links with confidences"
like "$body" '"target_text":"[^"]*","status":"auto","check":"[0-9a-f]{16}"' "align: each link auto, with the check of its texts, as tm align --format json writes it"
printf '%s' "$body" >review.json
# notes and end marks kept apart as tm align keeps them: the English
# (END) was linked to the Korean byline before (0.84)
is "$(python3 -c 'import json; d=json.load(open("review.json")); print([(l["target"], l["confidence"]) for l in d["links"] if l["source_text"] == "(END)"], d["source_sentences"][-1]["kind"])')" \
	"[([], 1.0)] end" "align: an end mark is never linked, and its kind is given"
# presegmented: a line that is wholly an end mark, a note or furniture
# has that kind, as with tm align --presegmented (tm_segment_kind())
python3 - >align-pre.json <<'PY'
import json
print(json.dumps({"source_lang": "en", "target_lang": "ko", "presegmented": True,
                  "source": "SEOUL, Nov. 26 (Yonhap) --\nThe bank cut its key rate to 3.25 percent.\n"
                            "Every story ends with (END) on a line of its own.\n\n(END)\n",
                  "target": "(서울=연합뉴스) 김민수 기자 =\n한은이 기준금리를 3.25%로 인하했다.\n"
                            "모든 기사는 (END)로 끝난다.\n(역주: 2023년 1월부터 동결돼 왔다.)\n\n(끝)\nkms@yna.co.kr\n"}))
PY
req POST "$base/api/align" --data-binary @align-pre.json
is "$(printf '%s' "$body" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(" ".join(s["kind"] for s in d["source_sentences"]), "|", " ".join(s["kind"] for s in d["target_sentences"]), "|",
      " ".join(sorted("%s:%s%s" % (l["source"], l["target"], "!" if "store" in l else "") for l in d["links"])))')" \
	"dateline sentence sentence end | byline sentence sentence note end byline | [0]:[0]! [1]:[1] [2]:[2] [3]:[] []:[3] []:[4] []:[5]" \
	"align presegmented: the kinds of whole lines; end marks and the note alone, the dateline linked to the byline and never stored"
cnt=$(count_units w.db)
req POST "$base/api/review?origin=rail-link" --data-binary @review.json
like "$body" '"stored":[1-9][0-9]*,"added":[0-9]+,"merged":[0-9]+' "review: the links are stored"
added=$(printf '%s' "$body" | sed -n 's/.*"added":\([0-9]*\).*/\1/p')
is "$(count_units w.db)" "$((cnt + added))" "review: a unit per link added"
# the same document reviewed again, its first link now rejected: it
# replaces the document's units (tm_db_put_links), one fewer
python3 -c 'import json,sys; d=json.load(open("review.json")); d["links"][0]["rejected"]=True; json.dump(d,open("review2.json","w"))'
req POST "$base/api/review?origin=rail-link" --data-binary @review2.json
like "$body" '"replaced":[1-9]' "review again: the document's earlier units are replaced"
is "$(count_units w.db)" "$((cnt + added - 1))" "review again: the rejected link is gone"
stored2=$(printf '%s' "$body" | sed -n 's/.*"stored":\([0-9]*\).*/\1/p')
# the same review as TMX (the library's writer), nothing stored
req POST "$base/api/review/tmx?origin=rail-link" --data-binary @review2.json
is "$code" 200 "review/tmx: 200"
like "$hdrs" 'Content-Type: application/x-tmx\+xml' "review/tmx: TMX"
is "$(grep -c '<tu[ >]' "$work/.body")" "$stored2" "review/tmx: a unit per link the review stores"
like "$body" '<prop type="x-libtm-link">\[2\]:\[2\] auto 0\.[0-9]{3} rail-link</prop>' "review/tmx: each unit's link record, automatic as /api/align left it"
unlike "$body" '<seg>MOSCOW, Nov' "review/tmx: the link of the datelines ([1]:[1], furniture) is never stored"
printf '%s' "$body" >review.tmx
"$TM" import -q --db rt.db review.tmx && is "$(count_units rt.db)" "$stored2" "review/tmx: tm import reads it back"
is "$(count_units w.db)" "$((cnt + added - 1))" "review/tmx: the TM is unchanged"
req POST "$base/api/review/tmx" --data-binary '{"format":1}'
is "$code" 400 "review/tmx: not a review document: 400"

# statuses: a link confirmed, the others left automatic (the page's save
# and a hand-made file); a format 1 file without statuses stays all
# confirmed
python3 - review.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for i, l in enumerate(d["links"]):
    l["status"] = "confirmed" if i == 0 else "auto"
json.dump(d, open("review3.json", "w"))
d["links"][2]["status"] = "checked"
json.dump(d, open("bad-status.json", "w"))
d["links"][2]["status"] = "auto"
del d["links"][2]["confidence"]
json.dump(d, open("bad-conf.json", "w"))
d = json.load(open(sys.argv[1]))
d["format"] = 1
for l in d["links"]:
    del l["status"]
json.dump(d, open("review-v1.json", "w"))
PY
unit_status() { # TEXT: x-libtm-status and x-libtm-confidence of its unit
	sqlite3 w.db "select group_concat(p.value, ' ') from (select p.value from prop p join tuv v on v.tu_id = p.tu_id
	  where v.plain = '$(printf '%s' "$1" | sed "s/'/''/g")' and p.type in ('x-libtm-status', 'x-libtm-confidence') order by p.type desc) p"
}
src0=$(python3 -c 'import json; print(json.load(open("review3.json"))["links"][0]["source_text"])')
# (link 1 is the datelines', furniture: "store": "never: furniture", left out)
is "$(python3 -c 'import json; print([l.get("store") for l in json.load(open("review3.json"))["links"] if "store" in l])')" \
	"['never: furniture']" "review: /api/align marks the datelines' link never stored"
src1=$(python3 -c 'import json; print(json.load(open("review3.json"))["links"][2]["source_text"])')
conf1=$(python3 -c 'import json; print("%.3f" % json.load(open("review3.json"))["links"][2]["confidence"])')
nlinks=$(python3 -c 'import json; print(sum(1 for l in json.load(open("review3.json"))["links"] if l["source"] and l["target"] and "store" not in l))')
req POST "$base/api/review?origin=rail-link" --data-binary @bad-status.json
is "$code|$body" '400|{"error":{"code":"invalid","message":"link 2: status must be \"confirmed\" or \"auto\""}}' "review: an unknown status is refused, naming the link"
req POST "$base/api/review?origin=rail-link" --data-binary @bad-conf.json
is "$code|$body" '400|{"error":{"code":"invalid","message":"link 2: confidence of an \"auto\" link must be a number from 0 to 1"}}' "review: an auto link needs its confidence"
req POST "$base/api/review?origin=rail-link" --data-binary @review3.json
like "$body" "\"confirmed\":1,\"auto\":$((nlinks - 1)),\"skipped\":0," "review with statuses: one confirmed, the rest automatic"
is "$(unit_status "$src0")" "confirmed 1.000" "review: the confirmed link is stored confirmed, confidence 1.0"
is "$(unit_status "$src1")" "auto $conf1" "review: an automatic link is stored auto with its confidence"
req GET "$base/api/lookup?q=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$src1")&source=en&target=ko&min=100"
like "$body" '"score":10[01]' "review: the automatic link is looked up like any unit"
req POST "$base/api/review?origin=rail-link&min_confidence=1" --data-binary @review3.json
like "$body" "\"confirmed\":1,\"auto\":0,\"skipped\":$((nlinks - 1))," "review: min_confidence leaves out the automatic links under it"
req POST "$base/api/review/tmx?origin=rail-link" --data-binary @review3.json
like "$body" "<prop type=\"x-libtm-link\">\\[2\\]:\\[2\\] auto $conf1 rail-link</prop>" "review/tmx: an automatic link's record says auto"
like "$body" '<prop type="x-libtm-status">auto</prop>' "review/tmx: and its status"
req POST "$base/api/review?origin=rail-link" --data-binary @review3.json
like "$body" '"without_status":0\}$' "review: a format 2 document has no link without a status"
req POST "$base/api/review?origin=rail-link" --data-binary @review-v1.json
like "$body" "\"confirmed\":$nlinks,\"auto\":0,.*\"without_status\":$nlinks\}\$" \
	"review: a format 1 document's links without a status are confirmed, and counted"
# tm align --apply-review reads the same statuses (one reader)
stop_server
"$TM" align --apply-review review3.json --db w.db --origin rail-link --min-confidence 0 2>/dev/null
is "$?|$(unit_status "$src0")|$(unit_status "$src1")" "0|confirmed 1.000|auto $conf1" "tm align --apply-review: the statuses of the file"
"$TM" align --apply-review review-v1.json --db w.db --origin rail-link 2>/dev/null
is "$?|$(unit_status "$src1")" "0|confirmed 1.000" "tm align --apply-review: a format 1 file without statuses stores its links confirmed"
run tm align --apply-review bad-status.json --db w.db --origin rail-link
is "$rc" 1 "tm align --apply-review: an unknown status is refused"
like "$err" 'link 2: status must be "confirmed" or "auto"' "and says which link"
start_server --db w.db --allow-writes --cors https://desk.example --max-upload 64K --timeout 2

# a write from another site's page (CSRF) is refused; from a --cors
# origin or the server's own page it goes through
req POST "$base/api/units" -H 'Origin: https://evil.example' --data-binary '{"source_lang":"en","target_lang":"ko","source":"csrf","target":"x"}'
is "$code" 403 "a write with a foreign Origin: 403"
like "$body" '"code":"forbidden_origin"' "named forbidden_origin"
req POST "$base/api/units" -H 'Origin: https://desk.example' --data-binary '{"source_lang":"en","target_lang":"ko","source":"cors","target":"교차"}'
is "$code" 201 "a write from a --cors origin"
req POST "$base/api/units" -H "Origin: http://127.0.0.1:$port" --data-binary '{"source_lang":"en","target_lang":"ko","source":"own","target":"자체"}'
is "$code" 201 "a write from the server's own page"

# CORS for the listed origin only; the preflight
req GET "$base/api/stats" -H 'Origin: https://desk.example'
like "$hdrs" 'Access-Control-Allow-Origin: https://desk.example' "CORS for a --cors origin"
req GET "$base/api/stats" -H 'Origin: https://evil.example'
unlike "$hdrs" 'Access-Control-Allow-Origin' "no CORS for another origin"
req OPTIONS "$base/api/units" -H 'Origin: https://desk.example' -H 'Access-Control-Request-Method: POST'
is "$code" 204 "preflight: 204"
like "$hdrs" 'Access-Control-Allow-Methods: POST, OPTIONS' "preflight: the methods"

# a slow client is cut off after --timeout
slow_closed=$(python3 - "$port" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n")
s.settimeout(10)
t = time.time()
try:
    data = s.recv(100)
except OSError:
    data = b"?"
print("closed" if data == b"" and time.time() - t < 8 else "open")
PY
)
is "$slow_closed" closed "a client that stops sending is disconnected after --timeout"

# SIGTERM during an import: it finishes, then the server exits
stop_server
start_server --db w.db --allow-writes
python3 "$src/tests/cli/gen-tmx.py" "$src/samples" . 1 3000 late >/dev/null
cnt=$(count_units w.db)
curl -s -o late.out -w '%{http_code}' -X POST --data-binary @late00.tmx "$base/api/import" >late.code &
cpid=$!
sleep 0.3
stop_server
wait "$cpid"
is "$(cat late.code)" 200 "an import in flight at SIGTERM is finished and answered"
is "$srv_rc" 0 "then the server exits 0"
is "$(count_units w.db)" "$((cnt + 3000))" "and its units are stored"

# ---- token ------------------------------------------------------------------
printf 'short\n' >short.tok
run tm serve --db w.db --allow-writes --token-file short.tok --listen 127.0.0.1:0
is "$rc" 1 "a token under 16 characters is refused"
run tm serve --db w.db --allow-writes --listen 0.0.0.0:0
is "$rc" 2 "writes on a non-loopback address without a token: refused"
like "$err" 'needs --token-file' "and says why"
run tm serve --db missing.db --listen 127.0.0.1:0
is "$rc" 1 "a missing TM is an error when read-only"
printf 'k3y-0123456789abcdef\n' >tok
start_server --db w.db --allow-writes --token-file tok
req POST "$base/api/units" --data-binary '{"source_lang":"en","target_lang":"ko","source":"tok","target":"토큰"}'
is "$code" 401 "token: a write without it is 401"
like "$hdrs" 'WWW-Authenticate: Bearer' "with WWW-Authenticate"
req POST "$base/api/units" -H 'Authorization: Bearer k3y-0123456789abcdeX' --data-binary '{"source_lang":"en","target_lang":"ko","source":"tok","target":"토큰"}'
is "$code" 401 "token: a wrong one is 401"
req POST "$base/api/units" -H 'Authorization: Bearer k3y-0123456789abcdef' --data-binary '{"source_lang":"en","target_lang":"ko","source":"tok","target":"토큰"}'
is "$code" 201 "token: the right one writes"
req GET "$base/api/lookup?q=tok&source=en&target=ko&min=100"
like "$body" '"target":"토큰"' "token: reads need none"
stop_server

# ---- answers kept (--cache) ---------------------------------------------------
cp tm.db c.db
run tm serve --db c.db --cache 12X --listen 127.0.0.1:0
is "$rc" 2 "--cache: a bad size is a usage error"
start_server --db c.db --allow-writes
q="$base/api/lookup?q=The+ferry+left+Incheon+at+dawn.&source=en&target=ko&min=100"
req GET "$q"
is "$body" '{"format":1,"query":"The ferry left Incheon at dawn.","matches":[]}' "cache: a lookup with no match"
req GET "$q"
is "$body" '{"format":1,"query":"The ferry left Incheon at dawn.","matches":[]}' "cache: asked again, the same answer"
req POST "$base/api/units" --data-binary '{"source_lang":"en","target_lang":"ko","source":"The ferry left Incheon at dawn.","target":"여객선은 새벽에 인천을 떠났다."}'
is "$code" 201 "cache: a unit added through the server"
req GET "$q"
like "$body" '"target":"여객선은 새벽에 인천을 떠났다."' "cache: a write through the server drops the kept answers"
a="$base/tmserver/en/ko/unit/The%20ferry%20left%20Busan%20at%20dawn.?min_similarity=100"
req GET "$a"
is "$body" '[]' "cache: an amaGama lookup with no match"
"$TM" add --db c.db -s en -t ko "The ferry left Busan at dawn." "여객선은 새벽에 부산을 떠났다." >/dev/null || fail "tm add beside the server"
req GET "$a"
like "$body" '"target":"여객선은 새벽에 부산을 떠났다."' "cache: a write by another process is seen at the next request"
req GET "$a&jsoncallback=cb"
like "$body" '^cb\(\[\{"source":"The ferry left Busan at dawn."' "cache: a JSONP callback is an answer of its own"
req GET "$a"
like "$body" '^\[\{"source"' "cache: and the plain answer stays plain"
req DELETE "$base/api/units/$(sqlite3 c.db "select tu_id from tuv where plain = 'The ferry left Busan at dawn.'")"
is "$code" 200 "cache: a unit deleted through the server"
req GET "$a"
is "$body" '[]' "cache: the deleted unit is no longer answered"
stop_server
start_server --db c.db --cache 0
req GET "$base/api/lookup?q=The+ferry+left+Incheon+at+dawn.&source=en&target=ko&min=100"
like "$body" '"target":"여객선은 새벽에 인천을 떠났다."' "--cache 0: lookups answered without the cache"
stop_server

# ---- translate-toolkit's tmserver on the same units -------------------------
if /usr/bin/python3 -c 'import translate.storage.tmdb, translate.misc.selector' 2>/dev/null; then
	"$TM" export --db tm.db --source en --target ko enko.tmx >/dev/null
	start_server --db tm.db
	ttk_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	/usr/bin/python3 - "$ttk_port" enko.tmx >ttk.log 2>&1 <<'PY' &
import sys, types, wsgiref.simple_server
# translate.misc.wsgi imports cheroot (python3-cheroot) for the tmserver
# command's own HTTP server, which is not used here: wsgiref serves it
for name in ("cheroot", "cheroot.wsgi"):
    sys.modules[name] = types.ModuleType(name)
sys.modules["cheroot.wsgi"].Server = object
from translate.services import tmserver
srv = tmserver.TMServer("ttk.tmdb", [sys.argv[2]], max_candidates=5,
                        min_similarity=70, prefix="/tmserver",
                        source_lang="en", target_lang="ko")
class Quiet(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, *a):
        pass
wsgiref.simple_server.make_server("127.0.0.1", int(sys.argv[1]), srv.rest,
                                  handler_class=Quiet).serve_forever()
PY
	ttk_pid=$!
	for _ in $(seq 100); do
		curl -s -o /dev/null "http://127.0.0.1:$ttk_port/tmserver/en/ko/unit/x" && break
		sleep 0.1
	done
	cmp=$(python3 - "$base" "http://127.0.0.1:$ttk_port" pairs.tsv <<'PY'
import json, sys, urllib.parse, urllib.request
ours, theirs, pairs = sys.argv[1:4]
bad = []
n = 0
for line in open(pairs, encoding="utf-8"):
    s, t = line.rstrip("\n").split("\t")
    path = "/tmserver/en/ko/unit/" + urllib.parse.quote(s, safe="")
    a = json.load(urllib.request.urlopen(ours + path))
    b = json.load(urllib.request.urlopen(theirs + path))
    for name, d in (("tm", a), ("ttk", b)):
        if not isinstance(d, list) or not all(
                isinstance(x.get("source"), str) and isinstance(x.get("target"), str)
                and isinstance(x.get("quality"), float) for x in d):
            bad.append(f"{name} shape: {d!r}")
    if not b:
        continue  # translate-toolkit's index missed it
    n += 1
    if (a[0]["source"], a[0]["target"], a[0]["quality"]) != \
       (b[0]["source"], b[0]["target"], b[0]["quality"]):
        bad.append(f"{s}: tm {a[0]!r} ttk {b[0]!r}")
print(f"{n} " + ("; ".join(bad) or "same"))
PY
)
	like "$cmp" '^[1-9][0-9]* same$' "translate-toolkit's tmserver: same shape and the same exact matches ($cmp)"
	kill "$ttk_pid" 2>/dev/null
	wait "$ttk_pid" 2>/dev/null
	stop_server
else
	pass "# SKIP translate-toolkit (python3-translate) is absent"
fi
# under the sanitizers (scripts/run-tests' ASan build) the server's own
# reports land in its stderr, not in a test's exit status
unlike "$(cat "$work/all-srv.err" 2>/dev/null)" 'Sanitizer|runtime error' "the server's stderr holds no sanitizer report"
done_testing
