// SPDX-License-Identifier: MIT
// The page of tm serve: one box; lookup matches and concordance hits from
// the JSON API. Stored text is only ever put in the page as text
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

  function meta(origin, date) {
    const parts = [];
    if (origin) parts.push(origin);
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
        head.appendChild(document.createTextNode(m.source));
        li.appendChild(head);
        const t = el("div", "tgt");
        t.appendChild(withNumbers(m.proposed, m.target));
        li.appendChild(t);
        li.appendChild(meta(m.origin, m.changed || m.created));
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
        s.appendChild(marked(h.text, h.span_utf16[0], h.span_utf16[1]));
        li.appendChild(s);
        const t = el("div", "tgt");
        if (h.translation) t.appendChild(markPhrase(h.translation, text));
        li.appendChild(t);
        li.appendChild(meta(h.origin, h.changed));
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
  let review = null;
  const aStatus = $("a-status");

  async function align() {
    const body = { source_lang: $("source").value, target_lang: $("target").value,
      source: $("a-src").value, target: $("a-tgt").value };
    aStatus.textContent = "Aligning…";
    const r = await fetch("/api/align", { method: "POST",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const d = await r.json();
    if (!r.ok) throw new Error(d.error ? d.error.message : r.statusText);
    review = d;
    const tb = $("links").tBodies[0];
    tb.replaceChildren();
    d.links.forEach((l, i) => {
      const tr = el("tr");
      const keep = el("input");
      keep.type = "checkbox";
      // a link with a side missing is never stored; a doubtful one starts
      // unticked
      keep.checked = l.src.length > 0 && l.tgt.length > 0 && l.confidence >= 0.5;
      keep.disabled = !(l.src.length > 0 && l.tgt.length > 0);
      keep.setAttribute("aria-label", "keep link " + (i + 1));
      keep.dataset.link = String(i);
      const c0 = el("td");
      c0.appendChild(keep);
      tr.appendChild(c0);
      tr.appendChild(el("td", null, l.src_text));
      tr.appendChild(el("td", null, l.tgt_text));
      tr.appendChild(el("td", "conf", l.confidence.toFixed(2)));
      if (l.confidence < 0.5) tr.className = "low";
      tb.appendChild(tr);
    });
    $("a-store").disabled = !writable || !d.links.length;
    aStatus.textContent = d.links.length + " links, document score " + d.score.toFixed(2) +
      (writable ? "." : "; this server is read-only.");
  }

  async function store() {
    if (!review) return;
    for (const box of $("links").querySelectorAll("input[type=checkbox]"))
      review.links[Number(box.dataset.link)].rejected = !box.checked;
    const r = await fetch("/api/review?origin=page", { method: "POST",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(review) });
    const d = await r.json();
    if (!r.ok) throw new Error(d.error ? d.error.message : r.statusText);
    aStatus.textContent = "Stored " + d.stored + " links (" + d.added + " new).";
    $("a-store").disabled = true;
  }

  let writable = false;
  getJSON("/api/stats").then((d) => { writable = !!d.writable; }).catch(() => {});
  $("a-run").addEventListener("click", () =>
    align().catch((err) => { aStatus.textContent = String(err.message || err); }));
  $("a-store").addEventListener("click", () =>
    store().catch((err) => { aStatus.textContent = String(err.message || err); }));

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
