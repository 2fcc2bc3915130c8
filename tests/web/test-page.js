// SPDX-License-Identifier: MIT
// tm serve's page in Debian's chromium (puppeteer-core, no browser
// download): search, lookup matches with changed numbers marked,
// concordance hits with the phrase marked, the cross-script toggle, the
// keyboard (Enter, arrows, c copies), every origin of a match, a pivot
// ("via en") and a hit's kind; the align-and-review editor (join, split,
// link, unlink, confirm, confirm all above a threshold, next doubtful, the
// keyboard, save with statuses, the review JSON download applied with
// `tm align --apply-review`); stored text that looks like HTML shown as
// text, never run. Prints TAP; run through run.sh.
"use strict";
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const puppeteer = require("puppeteer-core");

const TM = process.env.TM;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "tm-web-"));
let n = 0, failed = 0;
function ok(cond, what, detail) {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? "ok" : "not ok"} ${n} - ${what}`);
  if (!cond && detail !== undefined) console.log("#   " + JSON.stringify(detail));
}

const pairs = [
  ["en", "ko", "<script>window.__xss = 1</script> & \"quotes\"", "<img src=x onerror=\"window.__xss = 2\"> & \"따옴표\""],
  ["en", "ko", "The Bank of Korea cut its key rate to 3.25 percent on Thursday.", "한국은행은 목요일 기준금리를 3.25%로 인하했다."],
  ["en", "ko", "The Bank of Korea kept its key rate at 3.5 percent.", "한국은행은 기준금리를 3.5%로 동결했다."],
  ["en", "ru", "Putin met Kim in Pyongyang.", "Путин встретился с Кимом в Пхеньяне."],
  ["en", "ko", "Putin arrived in Pyongyang.", "푸틴이 평양에 도착했다."],
  // an en-ru unit sharing its English with an en-ko one: ko->ru via en
  ["en", "ru", "Putin arrived in Pyongyang.", "Путин прибыл в Пхеньян."],
];
const db = path.join(work, "tm.db");
for (const [s, t, a, b] of pairs)
  execFileSync(TM, ["add", "--db", db, "-s", s, "-t", t, a, b]);
// one pair from two documents
for (const o of ["wire-1.txt", "wire-2.txt"])
  execFileSync(TM, ["add", "--db", db, "-s", "en", "-t", "ko", "--origin", o, "--duplicates", "keep",
    "Seoul is cold today.", "서울은 오늘 춥다."]);

function startServer() {
  return new Promise((resolve, reject) => {
    const p = spawn(TM, ["serve", "--db", db, "--listen", "127.0.0.1:0", "--allow-writes"],
      { stdio: ["ignore", "pipe", "inherit"] });
    let buf = "";
    p.stdout.on("data", (d) => {
      buf += d;
      const m = buf.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve({ p, base: m[1] });
    });
    p.on("exit", (c) => reject(new Error("tm serve exited " + c)));
  });
}

(async () => {
  const { p: server, base } = await startServer();
  const args = ["--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--user-data-dir=" + path.join(work, "profile")];
  if (process.getuid && process.getuid() === 0) args.push("--no-sandbox");
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true, args, ignoreDefaultArgs: ["--enable-automation"] });
  try {
    const page = await browser.newPage();
    const foreign = [];
    page.on("request", (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });
    const dialogs = [];
    page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    // the clipboard of a headless browser: record what the page copies
    await page.evaluateOnNewDocument(() => {
      window.__copied = null;
      Object.defineProperty(navigator, "clipboard", { value: {
        writeText: async (t) => { window.__copied = t; } } });
    });
    const resp = await page.goto(base + "/", { waitUntil: "load" });
    ok(resp.status() === 200, "the page loads from the binary");
    ok(/script-src|default-src 'self'/.test(resp.headers()["content-security-policy"] || ""),
      "the page has a Content-Security-Policy");
    ok(await page.evaluate(() => document.activeElement.id === "q"), "the box has the focus");

    async function search(text) {
      await page.click("#q", { clickCount: 3 });
      await page.keyboard.type(text);
      await page.evaluate(() => { document.getElementById("status").textContent = ""; });
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => /hits\.|failed|:/.test(document.getElementById("status").textContent));
    }

    // stored text that looks like HTML is text
    await search("<script>window.__xss = 1</script> & \"quotes\"");
    const x = await page.evaluate(() => ({
      xss: window.__xss,
      tags: document.querySelectorAll("main script, main img, main iframe").length,
      src: document.querySelector("#matches li .src").textContent,
      tgt: document.querySelector("#matches li .tgt").textContent,
    }));
    ok(x.xss === undefined && x.tags === 0 && dialogs.length === 0,
      "segments holding <script>, <img onerror>, quotes and & run nothing", x);
    ok(x.src.endsWith("<script>window.__xss = 1</script> & \"quotes\""), "the source is shown as text", x.src);
    ok(x.tgt === "<img src=x onerror=\"window.__xss = 2\"> & \"따옴표\"", "the target is shown as text", x.tgt);

    // a lookup with another number: the number put in is marked
    await search("The Bank of Korea cut its key rate to 3.75 percent on Thursday.");
    const m = await page.evaluate(() => {
      const li = document.querySelector("#matches li");
      return { score: li.querySelector(".score").textContent,
        tgt: li.querySelector(".tgt").textContent,
        marks: [...li.querySelectorAll(".tgt mark.num")].map((e) => e.textContent),
        meta: li.querySelector(".meta").textContent };
    });
    ok(m.score === "99" && m.tgt === "한국은행은 목요일 기준금리를 3.75%로 인하했다.", "lookup: score and proposed target", m);
    ok(m.marks.length === 1 && m.marks[0] === "3.75", "lookup: the changed number is marked", m.marks);

    // concordance: the phrase marked
    await search("key rate");
    const h = await page.evaluate(() => [...document.querySelectorAll("#hits li .src mark")].map((e) => e.textContent));
    ok(h.length === 2 && h.every((t) => t === "key rate"), "concordance: the phrase is marked in each hit", h);

    // keyboard: arrows move, c copies the selected translation
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const selIdx = await page.evaluate(() => {
      const all = [...document.querySelectorAll(".results li")];
      return all.findIndex((li) => li.classList.contains("sel"));
    });
    ok(selIdx === 1, "arrows move the selection", selIdx);
    await page.keyboard.press("c");
    await page.waitForFunction(() => window.__copied !== null);
    const copied = await page.evaluate(() => window.__copied);
    const want = await page.evaluate(() => document.querySelectorAll(".results li")[1].querySelector(".tgt").textContent);
    ok(copied === want && copied.length > 0, "c copies the selected translation", { copied, want });
    await page.keyboard.press("Escape");
    ok(await page.evaluate(() => document.activeElement.id === "q"), "Esc goes back to the box");

    // cross-script
    await search("Путин");
    const before = await page.evaluate(() => document.querySelectorAll("#hits li").length);
    await page.click("#translit");
    await page.focus("#q");
    await page.keyboard.press("Enter");
    await page.waitForFunction((b) => document.querySelectorAll("#hits li").length > b, {}, before);
    const cs = await page.evaluate(() => [...document.querySelectorAll("#hits li .src mark")].map((e) => e.textContent));
    ok(cs.includes("Putin") && cs.some((t) => /푸틴/.test(t)), "cross-script: Путин finds Putin and 푸틴", cs);

    // origins and pivots of lookup matches, the kind of a concordance hit
    await search("Seoul is cold today.");
    const og = await page.evaluate(() => document.querySelector("#matches li .meta").textContent);
    ok(/wire-1\.txt/.test(og) && /wire-2\.txt/.test(og), "lookup: every origin of a match is shown", og);
    await page.select("#source", "ko");
    await page.select("#target", "ru");
    await search("푸틴이 평양에 도착했다.");
    const pv = await page.evaluate(() => {
      const li = document.querySelector("#matches li");
      return li && { tgt: li.querySelector(".tgt").textContent,
        pivot: (li.querySelector(".pivot") || {}).textContent, lang: li.querySelector(".tgt").lang };
    });
    ok(pv && pv.tgt === "Путин прибыл в Пхеньян." && pv.pivot === "via en" && pv.lang.startsWith("ru"),
      "lookup: a ko->ru match through English is marked via en (Korean and Cyrillic shown)", pv);
    await page.select("#source", "en");
    await page.select("#target", "ko");
    await search("key rate");
    const kinds = await page.evaluate(() => [...document.querySelectorAll("#hits li .kind-hit")].map((e) => e.textContent));
    ok(kinds.length === 2 && kinds.every((k) => k === "exact"), "concordance: the kind of each hit is shown", kinds);

    // ---- the align-and-review editor ----
    const rowsOf = () => page.evaluate(() => [...document.querySelectorAll("#links tbody tr")].map((tr) => ({
      kind: tr.dataset.kind, status: tr.dataset.status, cls: tr.className,
      s: tr.cells[2].textContent, t: tr.cells[3].textContent })));
    const cur = () => page.evaluate(() => [...document.querySelectorAll("#links tbody tr")].findIndex((tr) => tr.classList.contains("cur")));
    async function alignTexts(sl, tl, a, b) {
      await page.select("#source", sl);
      await page.select("#target", tl);
      await page.$eval("#a-src", (e, v) => { e.value = v; }, a);
      await page.$eval("#a-tgt", (e, v) => { e.value = v; }, b);
      await page.evaluate(() => { document.getElementById("a-status").textContent = ""; });
      await page.click("#a-run");
      await page.waitForFunction(() => /links|rror/.test(document.getElementById("a-status").textContent));
      return rowsOf();
    }
    await page.click("#align summary");
    let r = await alignTexts("en", "ru",
      "Seoul is cold today. Snow fell in the north. Roads were closed.",
      "В Сеуле сегодня холодно. На севере выпал снег. Дороги были закрыты.");
    ok(r.length === 3 && r.every((x) => x.kind === "1-1" && x.status === "auto"), "align: three automatic 1-1 links", r);
    const langs = await page.evaluate(() => { const c = document.querySelector("#links tbody tr").cells; return [c[2].lang, c[3].lang]; });
    ok(/^en/.test(langs[0]) && /^ru/.test(langs[1]), "align: each column carries its language (lang)", langs);

    // keyboard: j/k and arrows move, Enter confirms
    await page.focus("#links");
    await page.keyboard.press("j");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("k");
    ok(await cur() === 1, "editor: j, ArrowDown, k move", await cur());
    await page.keyboard.press("Enter");
    r = await rowsOf();
    ok(r[1].status === "confirmed" && r[0].status === "auto", "editor: Enter confirms the current link", r);

    // join: rows 0 and 1 become a 2-2 link; split undoes it
    await page.keyboard.press("k");
    await page.click("#a-join");
    r = await rowsOf();
    ok(r.length === 2 && r[0].kind === "2-2" && r[0].s === "Seoul is cold today. Snow fell in the north." &&
      r[0].t === "В Сеуле сегодня холодно. На севере выпал снег.", "editor: join makes a 2-2 link of two", r);
    await page.click("#a-split");
    r = await rowsOf();
    ok(r.length === 3 && r.slice(0, 2).every((x) => x.kind === "1-1" && x.status === "auto") &&
      r[1].s === "Snow fell in the north." && r[1].t === "На севере выпал снег.", "editor: split gives each sentence its row back", r);

    // unlink: a 1-0 and a 0-1 row; link: one link again
    await page.focus("#links");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("u");
    r = await rowsOf();
    ok(r.length === 4 && r[2].kind === "1-0" && r[3].kind === "0-1" && /orphan/.test(r[2].cls) && r[3].t === "Дороги были закрыты.",
      "editor: unlink gives a 1-0 and a 0-1 row, marked", r);
    // next doubtful: the orphans and the split rows (confidence 0)
    await page.keyboard.press("n");
    ok(await cur() === 3, "editor: n jumps to the next doubtful link", await cur());
    await page.keyboard.press("n");
    ok(await cur() === 0, "editor: n wraps round to the first doubtful link", await cur());
    await page.keyboard.press("n");
    await page.keyboard.press("n");
    await page.keyboard.press("l");
    r = await rowsOf();
    ok(r.length === 3 && r[2].kind === "1-1" && r[2].status === "confirmed", "editor: link pairs the 1-0 row with the 0-1 row", r);

    // confirm all above a threshold: the split rows (0.00) stay doubtful
    await page.$eval("#a-th", (e) => { e.value = "0.3"; e.dispatchEvent(new Event("change")); });
    await page.click("#a-confirm-all");
    r = await rowsOf();
    ok(r.map((x) => x.status).join() === "auto,auto,confirmed" && /low/.test(r[0].cls),
      "editor: confirm all above 0.3 leaves the links below it", r);
    await page.focus("#links");
    await page.keyboard.press("k");
    await page.keyboard.press("k");
    await page.keyboard.press(" ");
    r = await rowsOf();
    ok(r.map((x) => x.status).join() === "confirmed,auto,confirmed", "editor: Space confirms too", r);

    // download the review JSON, then save: the same units either way
    const dl = path.join(work, "dl");
    fs.mkdirSync(dl);
    const cdp = await page.target().createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: dl });
    await page.$eval("#a-origin", (e) => { e.value = "story-en.txt"; });
    await page.click("#a-json");
    const file = path.join(dl, "story-en.txt.review.json");
    for (let k = 0; k < 50 && !fs.existsSync(file); k++) await new Promise((f) => setTimeout(f, 100));
    ok(fs.existsSync(file), "editor: the review JSON is downloaded", fs.readdirSync(dl));
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    ok(doc.format === 2 && doc.links.length === 3 && doc.links.map((l) => l.status).join() === "confirmed,auto,confirmed" &&
      !doc.links.some((l) => l.rejected) && /^[0-9a-f]{16}$/.test(doc.links[0].check),
      "editor: the review JSON keeps each link's status", doc.links);
    // TMX of the confirmed links, written by the server
    await page.click("#a-tmx");
    const tfile = path.join(dl, "story-en.txt.tmx");
    for (let k = 0; k < 50 && !fs.existsSync(tfile); k++) await new Promise((f) => setTimeout(f, 100));
    const tmx = fs.existsSync(tfile) ? fs.readFileSync(tfile, "utf8") : "";
    ok((tmx.match(/<tu[ >]/g) || []).length === 2 && /x-libtm-status">confirmed</.test(tmx) && !/<seg>Snow fell/.test(tmx),
      "editor: Download TMX gives the two confirmed links (the automatic one is under the threshold)", tmx);
    await page.click("#a-store");
    await page.waitForFunction(() => /Stored|rror/.test(document.getElementById("a-status").textContent));
    const st = await page.evaluate(() => document.getElementById("a-status").textContent);
    ok(/^Stored 2 links \(2 confirmed, 0 automatic; .*; 1 automatic under 0.3 left out\.$/.test(st),
      "review: the two confirmed links are stored, the automatic one under the threshold left out", st);
    const exp = (d) => {
      const out = path.join(work, "out.tmx");
      execFileSync(TM, ["export", "-q", "--db", d, "-s", "en", "-t", "ru", "--origin", "story-en.txt", out]);
      return fs.readFileSync(out, "utf8");
    };
    const units = (x) => [...x.matchAll(/<tu[ >][\s\S]*?<\/tu>/g)].map((m) =>
      m[0].replace(/(creation|change)date="[^"]*"/g, "").replace(/tuid="[^"]*"/g, "")).sort();
    const pageTmx = exp(db);
    ok(/x-libtm-status">confirmed</.test(pageTmx) && !/<seg>Snow fell/.test(pageTmx) && /<seg>Roads were closed/.test(pageTmx),
      "review: tm export shows the confirmed status; the unconfirmed link is not stored", pageTmx);
    const look = execFileSync(TM, ["lookup", "--db", db, "-s", "en", "-t", "ru", "--json", "Roads were closed."]).toString();
    ok(/"origins":\["story-en\.txt"\]/.test(look), "review: stored under the origin given", look);
    const db2 = path.join(work, "tm2.db");
    execFileSync(TM, ["align", "--apply-review", file, "--db", db2, "-q", "--min-confidence", "0.3"]);
    ok(JSON.stringify(units(exp(db2))) === JSON.stringify(units(pageTmx)),
      "review: tm align --apply-review of the download stores the same units as the page", [units(exp(db2)), units(pageTmx)]);

    // a link confirmed, one left automatic, one rejected: each stored
    // with its status (confirmed at 1.0, auto with its confidence), the
    // rejected one not at all
    r = await alignTexts("en", "ru",
      "Prices rose in March. Exports fell by a tenth. The bank kept its rate.",
      "Цены выросли в марте. Экспорт упал на десятую часть. Банк сохранил ставку.");
    ok(r.length === 3 && r.every((x) => x.kind === "1-1" && x.status === "auto"), "align again: three automatic links", r);
    await page.$eval("#a-th", (e) => { e.value = "0"; e.dispatchEvent(new Event("change")); });
    await page.focus("#links");
    await page.keyboard.press("Enter");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("x");
    r = await rowsOf();
    ok(r.map((x) => x.status).join() === "confirmed,auto,rejected" && /rejected/.test(r[2].cls),
      "editor: x rejects the current link", r);
    await page.keyboard.press("x");
    await page.keyboard.press("x");
    ok((await rowsOf())[2].status === "rejected", "editor: x again takes it back, and again rejects", await rowsOf());
    const conf1 = await page.evaluate(() => document.querySelectorAll("#links tbody tr")[1].cells[4].textContent);
    await page.$eval("#a-origin", (e) => { e.value = "story-2.txt"; });
    await page.evaluate(() => { document.getElementById("a-status").textContent = ""; });
    await page.click("#a-store");
    await page.waitForFunction(() => /Stored|rror/.test(document.getElementById("a-status").textContent));
    const st2 = await page.evaluate(() => document.getElementById("a-status").textContent);
    ok(/^Stored 2 links \(1 confirmed, 1 automatic;/.test(st2), "review: one confirmed and one automatic link stored", st2);
    const exp2 = (() => {
      const out = path.join(work, "out2.tmx");
      execFileSync(TM, ["export", "-q", "--db", db, "-s", "en", "-t", "ru", "--origin", "story-2.txt", out]);
      return fs.readFileSync(out, "utf8");
    })();
    const tuOf = (x, seg) => ([...x.matchAll(/<tu[ >][\s\S]*?<\/tu>/g)].map((m) => m[0]).find((u) => u.includes(seg)) || "");
    const u1 = tuOf(exp2, "<seg>Prices rose in March.</seg>"), u2 = tuOf(exp2, "<seg>Exports fell by a tenth.</seg>");
    ok(/x-libtm-status">confirmed</.test(u1) && /x-libtm-confidence">1\.000</.test(u1),
      "review: the confirmed link is stored confirmed, confidence 1.000 (tm export)", u1);
    const c2 = Number((u2.match(/x-libtm-confidence">([0-9.]+)</) || [])[1]);
    ok(/x-libtm-status">auto</.test(u2) && c2 < 1 && Math.abs(c2 - Number(conf1)) <= 0.005,
      "review: the automatic link is stored auto with the confidence the page showed (" + conf1 + ")", u2);
    ok(!/<seg>The bank kept its rate/.test(exp2), "review: the rejected link is not stored", exp2);
    const look2 = JSON.parse(execFileSync(TM, ["lookup", "--db", db, "-s", "en", "-t", "ru", "--json", "Exports fell by a tenth."]).toString());
    ok(JSON.stringify(look2).includes("Экспорт упал на десятую часть.") && JSON.stringify(look2).includes("story-2.txt"),
      "review: the automatic link is looked up like any unit", look2);

    // hostile sentences are text in both columns of the editor
    r = await alignTexts("en", "ko", "<script>window.__xss = 3</script> & \"quotes\" here. The Bank of Korea cut its key rate.",
      "<b onmouseover=\"window.__xss = 4\">굵게</b> & \"따옴표\" 여기. 한국은행은 기준금리를 인하했다.");
    const hx = await page.evaluate(() => ({ xss: window.__xss,
      tags: document.querySelectorAll("#links script, #links b, #links img").length }));
    ok(r.length >= 1 && r.some((x) => x.s.includes("<script>window.__xss = 3</script> & \"quotes\"")) &&
      r.some((x) => x.t.includes("<b onmouseover=\"window.__xss = 4\">굵게</b> & \"따옴표\"")) &&
      hx.xss === undefined && hx.tags === 0, "editor: <script>, quotes and & are text in both columns", { r, hx });

    ok(foreign.length === 0, "no request leaves the server (offline, no CDN)", foreign);
  } catch (e) {
    ok(false, "the page test ran to its end", String(e && e.stack || e));
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.log("Bail out! " + e); process.exit(1); });
