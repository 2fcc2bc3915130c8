// SPDX-License-Identifier: MIT
// The page of tm serve: one box; lookup matches and concordance hits from
// the JSON API; the align-and-review editor (docs/serve.md, "The web page"). Stored text is only ever put in the page as text
// (textContent, text nodes), never parsed as HTML.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const q = $("q"), status = $("status");
  let items = [], sel = -1, seq = 0;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // @text with [start, start + len) (UTF-16 units) marked
  function marked(text, start, len) {
    const f = document.createDocumentFragment();
    if (start < 0 || len <= 0 || start + len > text.length) {
      f.appendChild(document.createTextNode(text));
      return f;
    }
    f.appendChild(document.createTextNode(text.slice(0, start)));
    f.appendChild(el("mark", null, text.slice(start, start + len)));
    f.appendChild(document.createTextNode(text.slice(start + len)));
    return f;
  }

  // the proposed target with the numbers the stored target lacks marked
  // (those the lookup put in from the query)
  function withNumbers(proposed, target) {
    const f = document.createDocumentFragment();
    const have = new Set((target.match(/\d+(?:[.,]\d+)*/g) || []));
    let last = 0;
    for (const m of proposed.matchAll(/\d+(?:[.,]\d+)*/g)) {
      if (have.has(m[0])) continue;
      f.appendChild(document.createTextNode(proposed.slice(last, m.index)));
      f.appendChild(el("mark", "num", m[0]));
      last = m.index + m[0].length;
    }
    f.appendChild(document.createTextNode(proposed.slice(last)));
    return f;
  }

  // every document the match comes from (origins), else its origin
  function meta(origins, origin, date) {
    const parts = [];
    if (origins && origins.length) parts.push(origins.join(", "));
    else if (origin) parts.push(origin);
    if (date) parts.push(date.replace(/^(\d{4})(\d\d)(\d\d)T.*/, "$1-$2-$3"));
    return el("div", "meta", parts.join(" · "));
  }

  function select(i) {
    if (!items.length) return;
    if (sel >= 0 && items[sel]) items[sel].li.classList.remove("sel");
    sel = Math.max(0, Math.min(items.length - 1, i));
    const li = items[sel].li;
    li.classList.add("sel");
    li.focus();
    li.scrollIntoView({ block: "nearest" });
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = "Copied.";
    } catch (e) {
      status.textContent = "Copying failed: " + e;
    }
  }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const d = await r.json();
    if (!r.ok) throw new Error(d && d.error ? d.error.message : r.statusText);
    return d;
  }

  async function search() {
    const text = q.value.trim();
    const my = ++seq;
    if (!text) return;
    const src = $("source").value, tgt = $("target").value;
    const p = new URLSearchParams({ q: text, source: src, target: tgt, min: "60", max: "10" });
    const c = new URLSearchParams({ q: text, lang: src, target: tgt, max: "50" });
    if ($("translit").checked) c.set("translit", "1");
    status.textContent = "Searching…";
    const [lk, cc] = await Promise.allSettled([
      getJSON("/api/lookup?" + p), getJSON("/api/concord?" + c)]);
    if (my !== seq) return; // a newer search is under way
    const mOl = $("matches"), hOl = $("hits");
    mOl.replaceChildren();
    hOl.replaceChildren();
    items = [];
    sel = -1;
    const notes = [];
    if (lk.status === "fulfilled") {
      for (const m of lk.value.matches) {
        const li = el("li");
        li.tabIndex = -1;
        const head = el("div", "src");
        head.appendChild(el("span", "score", Math.round(m.score)));
        const ms = el("span", null, m.source);
        ms.lang = m.source_lang;
        head.appendChild(ms);
        li.appendChild(head);
        const t = el("div", "tgt");
        t.lang = m.target_lang;
        t.appendChild(withNumbers(m.proposed, m.target));
        li.appendChild(t);
        if (m.pivot) {
          // the translation is another unit's, through a shared variant
          const pv = el("span", "pivot", "via " + m.pivot.lang.replace(/-.*/, ""));
          pv.title = "through " + m.pivot.text;
          head.appendChild(pv);
        }
        li.appendChild(meta(m.origins, m.origin, m.changed || m.created));
        mOl.appendChild(li);
        items.push({ li, copy: m.proposed });
      }
      notes.push(lk.value.matches.length + " matches");
    } else notes.push("lookup: " + lk.reason.message);
    if (cc.status === "fulfilled") {
      for (const h of cc.value.hits) {
        const li = el("li");
        li.tabIndex = -1;
        const s = el("div", "src");
        s.lang = h.lang;
        s.appendChild(marked(h.text, h.span_utf16[0], h.span_utf16[1]));
        li.appendChild(s);
        const t = el("div", "tgt");
        if (h.target_lang) t.lang = h.target_lang;
        if (h.translation) t.appendChild(markPhrase(h.translation, text));
        li.appendChild(t);
        const md = meta(h.origins, h.origin, h.changed);
        // how the phrase was found, and a translation through a pivot
        if (h.match_kind) md.appendChild(el("span", "kind-hit", h.match_kind));
        if (h.pivot) md.appendChild(el("span", "pivot", "via " + h.pivot.replace(/-.*/, "")));
        li.appendChild(md);
        hOl.appendChild(li);
        items.push({ li, copy: h.translation || "" });
      }
      notes.push(cc.value.hits.length + " concordance hits");
    } else notes.push("concordance: " + cc.reason.message);
    status.textContent = notes.join(", ") + ".";
    items.forEach((it, i) => it.li.addEventListener("click", () => select(i)));
  }

  // the phrase on the translation side, where it appears as it is (names,
  // numbers, a loan word); nothing is marked otherwise
  function markPhrase(text, phrase) {
    const i = text.toLowerCase().indexOf(phrase.toLowerCase());
    return marked(text, i, i < 0 ? 0 : phrase.length);
  }

  $("search").addEventListener("submit", (e) => {
    e.preventDefault();
    search().catch((err) => { status.textContent = String(err); });
  });
  // ---- align, review, store ----
  // The review document of /api/align (the format of `tm align --format
  // json`, 2: every link "auto" until confirmed) is edited in place: each
  // link keeps a "status" (auto or confirmed) and, when the reviewer
  // rejects it, "rejected": true;
  // joins, splits, links and unlinks rewrite its src/tgt index arrays
  // and texts. Saved, a confirmed link is stored confirmed (confidence
  // 1.0), an automatic one at or above the threshold as automatic with
  // its confidence (as `tm align --db` stores it), a rejected one not at
  // all; `tm align --apply-review --min-confidence THRESHOLD` of the
  // downloaded file stores the same.
  let review = null, cur = -1, writable = false;
  const aStatus = $("a-status");
  const th = () => Number($("a-th").value) || 0;

  function sentText(arr, idx) {
    return idx.map((i) => arr[i].text).join(" ");
  }
  function relink(l) { // texts from the sentences, as the server joins them
    l.src_text = sentText(review.source_sentences, l.src);
    l.tgt_text = sentText(review.target_sentences, l.tgt);
    return l;
  }
  function mk(src, tgt, confidence, status) {
    return relink({ src, tgt, confidence, cost: 0, status });
  }
  const doubtful = (l) => l.status !== "confirmed" && !l.rejected &&
    (!l.src.length || !l.tgt.length || l.confidence < th());
  // what a save stores: both sides, not rejected, confirmed or at or
  // above the threshold
  const kept = (l) => l.src.length && l.tgt.length && !l.rejected &&
    (l.status === "confirmed" || l.confidence >= th());

  function render() {
    const tb = $("links").tBodies[0];
    tb.replaceChildren();
    let nc = 0, nd = 0, nr = 0, nk = 0;
    review.links.forEach((l, i) => {
      const tr = el("tr");
      const kind = l.src.length + "-" + l.tgt.length;
      tr.dataset.kind = kind;
      tr.dataset.status = l.rejected ? "rejected" : l.status;
      tr.className = [l.status, l.rejected ? "rejected" : "",
        !l.src.length || !l.tgt.length ? "orphan" : "",
        l.status !== "confirmed" && !l.rejected && l.confidence < th() ? "low" : "",
        i === cur ? "cur" : ""].filter(Boolean).join(" ");
      // shade: the lower the confidence, the stronger
      if (l.status !== "confirmed" && l.src.length && l.tgt.length)
        tr.style.setProperty("--shade", String(Math.max(0, Math.min(1, 1 - l.confidence))));
      tr.appendChild(el("td", "n", i + 1));
      tr.appendChild(el("td", "kind", kind));
      // lang: the browser picks the script's font (Korean, not Chinese
      // or Japanese, glyphs for Hanja) and breaks lines its way
      const cs = el("td", "s", l.src_text), ct = el("td", "t", l.tgt_text);
      cs.lang = review.source_lang;
      ct.lang = review.target_lang;
      tr.appendChild(cs);
      tr.appendChild(ct);
      tr.appendChild(el("td", "conf", l.rejected ? "✗" : l.status === "confirmed" ? "✓" : l.confidence.toFixed(2)));
      tr.addEventListener("click", () => { cur = i; render(); });
      tb.appendChild(tr);
      if (l.status === "confirmed" && !l.rejected) nc++;
      if (l.rejected) nr++;
      if (doubtful(l)) nd++;
      if (kept(l)) nk++;
    });
    $("a-counts").textContent = review.links.length + " links, " + nc + " confirmed, " +
      nr + " rejected, " + nd + " doubtful; " + nk + " to store";
    $("a-store").disabled = !writable || !nk;
    $("a-json").disabled = false;
    $("a-tmx").disabled = !nk;
    const r = tb.rows[cur];
    if (r) r.scrollIntoView({ block: "nearest" });
  }

  function move(i) {
    if (!review || !review.links.length) return;
    cur = Math.max(0, Math.min(review.links.length - 1, i));
    render();
  }
  function say(t) { aStatus.textContent = t; }

  // the link and the next become one (2-1, 1-2, 2-2, ...): a person made
  // it, so it is confirmed
  function join() {
    const L = review.links, a = L[cur], b = L[cur + 1];
    if (!a || !b) return say("No next link to join with.");
    L.splice(cur, 2, mk(a.src.concat(b.src), a.tgt.concat(b.tgt), 1, "confirmed"));
    render();
  }
  // a link of several sentences: each sentence its own row, paired in
  // order, the rest 1-0 or 0-1; doubtful until confirmed
  function split() {
    const L = review.links, a = L[cur];
    if (!a || a.src.length + a.tgt.length < 3)
      return say("Only a link of three sentences or more splits; unlink a 1-1.");
    const rows = [];
    for (let k = 0; k < Math.max(a.src.length, a.tgt.length); k++)
      rows.push(mk(a.src.slice(k, k + 1), a.tgt.slice(k, k + 1), 0, "auto"));
    L.splice(cur, 1, ...rows);
    render();
  }
  // a 1-0 (or 0-1) row and the next 0-1 (or 1-0) row become one link
  function link() {
    const L = review.links, a = L[cur], b = L[cur + 1];
    if (!a || !b) return say("No next row to link with.");
    const oneSided = (x, y) => x.src.length && !x.tgt.length && !y.src.length && y.tgt.length;
    if (!oneSided(a, b) && !oneSided(b, a))
      return say("Link pairs a row with only a source and the next with only a target (or the reverse).");
    L.splice(cur, 2, mk(a.src.concat(b.src), a.tgt.concat(b.tgt), 1, "confirmed"));
    render();
  }
  // a link becomes its source alone and its target alone
  function unlink() {
    const L = review.links, a = L[cur];
    if (!a || !a.src.length || !a.tgt.length) return say("Only a link with both sides unlinks.");
    L.splice(cur, 1, mk(a.src, [], 0, "auto"), mk([], a.tgt, 0, "auto"));
    render();
  }
  function confirm() {
    const a = review && review.links[cur];
    if (!a) return;
    if (!a.src.length || !a.tgt.length) return say("A link with a side missing is never stored.");
    a.status = a.status === "confirmed" && !a.rejected ? "auto" : "confirmed";
    delete a.rejected;
    render();
  }
  // a wrong link: never stored (again: back to automatic)
  function reject() {
    const a = review && review.links[cur];
    if (!a) return;
    if (a.rejected) delete a.rejected;
    else {
      a.rejected = true;
      a.status = "auto";
    }
    render();
  }
  function confirmAbove() {
    let k = 0;
    for (const l of review.links)
      if (l.status !== "confirmed" && !l.rejected && l.src.length && l.tgt.length && l.confidence >= th()) {
        l.status = "confirmed";
        k++;
      }
    say("Confirmed " + k + " links at or above " + th() + ".");
    render();
  }
  function nextDoubtful() {
    const L = review.links;
    for (let k = 1; k <= L.length; k++) {
      const i = (cur + k + L.length) % L.length;
      if (doubtful(L[i])) { move(i); return; }
    }
    say("No doubtful link left.");
  }

  // 64-bit FNV-1a of the link's texts, as `tm align --format json`
  // writes "check" (unedited texts)
  const enc = new TextEncoder();
  function check(a, b) {
    let h = 0xcbf29ce484222325n;
    const P = 0x100000001b3n, M = (1n << 64n) - 1n;
    const eat = (x) => { h = ((h ^ BigInt(x)) * P) & M; };
    for (const c of enc.encode(a)) eat(c);
    eat(0x1f);
    for (const c of enc.encode(b)) eat(c);
    return h.toString(16).padStart(16, "0");
  }

  // the review document as stored and downloaded
  function reviewDoc() {
    const origin = $("a-origin").value.trim() || "page";
    const links = review.links.map((l) => {
      const o = { source: l.src, target: l.tgt, confidence: l.confidence, cost: l.cost || 0,
        source_text: l.src_text, target_text: l.tgt_text, check: check(l.src_text, l.tgt_text),
        status: l.status };
      if (l.rejected) o.rejected = true;
      return o;
    });
    return { format: 2, source_lang: review.source_lang, target_lang: review.target_lang,
      source_file: origin, target_file: origin, score: review.score, links,
      source_sentences: review.source_sentences, target_sentences: review.target_sentences };
  }

  async function align() {
    const body = { source_lang: $("source").value, target_lang: $("target").value,
      source: $("a-src").value, target: $("a-tgt").value };
    say("Aligning…");
    const r = await fetch("/api/align", { method: "POST",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const d = await r.json();
    if (!r.ok) throw new Error(d.error ? d.error.message : r.statusText);
    // the page keeps a link's sides as src/tgt; the JSON names them as
    // every JSON of tm does (source, target, source_text, target_text)
    for (const l of d.links) {
      Object.assign(l, { src: l.source, tgt: l.target, src_text: l.source_text,
        tgt_text: l.target_text, status: "auto" });
      for (const k of ["source", "target", "source_text", "target_text"]) delete l[k];
    }
    review = d;
    cur = d.links.length ? 0 : -1;
    $("a-tools").hidden = false;
    render();
    say(d.links.length + " links, document score " + d.score.toFixed(2) +
      (writable ? "." : "; this server is read-only."));
  }

  async function store() {
    if (!review) return;
    const origin = $("a-origin").value.trim() || "page";
    const r = await fetch("/api/review?origin=" + encodeURIComponent(origin) +
      "&min_confidence=" + th(), { method: "POST",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(reviewDoc()) });
    const d = await r.json();
    if (!r.ok) throw new Error(d.error ? d.error.message : r.statusText);
    say("Stored " + d.stored + " links (" + d.confirmed + " confirmed, " + d.auto + " automatic; " +
      d.added + " new) under " + d.origin + (d.skipped ? "; " + d.skipped + " automatic under " + th() + " left out" : "") + ".");
  }

  function save(blob, ext) {
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = ($("a-origin").value.trim() || "page").replace(/[^\w.-]+/g, "_") + ext;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
  function download() {
    save(new Blob([JSON.stringify(reviewDoc(), null, 1) + "\n"], { type: "application/json" }), ".review.json");
  }
  // the links a save stores, as TMX: the server's writer (/api/review/tmx)
  async function downloadTmx() {
    const origin = $("a-origin").value.trim() || "page";
    const r = await fetch("/api/review/tmx?origin=" + encodeURIComponent(origin) +
      "&min_confidence=" + th(), { method: "POST",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(reviewDoc()) });
    if (!r.ok) {
      const d = await r.json().catch(() => null);
      throw new Error(d && d.error ? d.error.message : r.statusText);
    }
    save(await r.blob(), ".tmx");
  }

  for (const [id, box] of [["a-src-file", "a-src"], ["a-tgt-file", "a-tgt"]])
    $(id).addEventListener("change", async (e) => {
      const f = e.target.files[0];
      if (f) $(box).value = await f.text();
    });

  getJSON("/api/stats").then((d) => { writable = !!d.writable; }).catch(() => {});
  const guard = (f) => () => { try { if (review) f(); } catch (err) { say(String(err.message || err)); } };
  $("a-run").addEventListener("click", () =>
    align().catch((err) => { say(String(err.message || err)); }));
  $("a-store").addEventListener("click", () =>
    store().catch((err) => { say(String(err.message || err)); }));
  $("a-json").addEventListener("click", guard(download));
  $("a-tmx").addEventListener("click", () =>
    downloadTmx().catch((err) => { say(String(err.message || err)); }));
  $("a-join").addEventListener("click", guard(join));
  $("a-split").addEventListener("click", guard(split));
  $("a-link").addEventListener("click", guard(link));
  $("a-unlink").addEventListener("click", guard(unlink));
  $("a-confirm").addEventListener("click", guard(confirm));
  $("a-reject").addEventListener("click", guard(reject));
  $("a-confirm-all").addEventListener("click", guard(confirmAbove));
  $("a-next").addEventListener("click", guard(nextDoubtful));
  $("a-th").addEventListener("change", () => { if (review) render(); });

  // the table's keys: j/k or arrows move, Enter or Space confirms, x
  // rejects, n the next doubtful link, + join, / split, l link, u unlink
  $("links").addEventListener("keydown", (e) => {
    if (!review || e.ctrlKey || e.metaKey || e.altKey) return;
    const acts = { j: () => move(cur + 1), ArrowDown: () => move(cur + 1),
      k: () => move(cur - 1), ArrowUp: () => move(cur - 1),
      Enter: confirm, " ": confirm, x: reject, n: nextDoubtful, "+": join, "/": split,
      l: link, u: unlink };
    const f = acts[e.key];
    if (!f) return;
    e.preventDefault();
    e.stopPropagation();
    guard(f)();
  });

  document.addEventListener("keydown", (e) => {
    const inBox = document.activeElement === q;
    // the editor's fields keep their keys
    if (document.activeElement && document.activeElement.closest("#align")) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      select(inBox || sel < 0 ? 0 : sel + 1);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (sel <= 0) { q.focus(); return; }
      select(sel - 1);
    } else if (e.key === "Escape") {
      q.focus();
      q.select();
    } else if (e.key === "c" && !inBox && sel >= 0 && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      copy(items[sel].copy);
    }
  });
})();
