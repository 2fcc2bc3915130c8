// SPDX-License-Identifier: MIT
// tm serve's page in Debian's chromium (puppeteer-core, no browser
// download): search, lookup matches with changed numbers marked,
// concordance hits with the phrase marked, the cross-script toggle, the
// keyboard (Enter, arrows, c copies), and stored text that looks like
// HTML shown as text, never run. Prints TAP; run through run.sh.
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
];
const db = path.join(work, "tm.db");
for (const [s, t, a, b] of pairs)
  execFileSync(TM, ["add", "--db", db, "-s", s, "-t", t, a, b]);

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

    // align two texts, untick a link, store the rest
    await page.click("#align summary");
    await page.select("#source", "en");
    await page.select("#target", "ru");
    await page.type("#a-src", "Seoul is cold today. Snow fell in the north. Roads were closed.");
    await page.type("#a-tgt", "В Сеуле сегодня холодно. На севере выпал снег. Дороги были закрыты.");
    await page.click("#a-run");
    await page.waitForFunction(() => /links/.test(document.getElementById("a-status").textContent));
    const rows = await page.evaluate(() => document.querySelectorAll("#links tbody tr").length);
    ok(rows === 3, "align: three links shown", rows);
    await page.evaluate(() => {
      for (const b of document.querySelectorAll("#links input")) b.checked = true;
      document.querySelectorAll("#links input")[2].checked = false;
    });
    await page.click("#a-store");
    await page.waitForFunction(() => /Stored/.test(document.getElementById("a-status").textContent));
    const st = await page.evaluate(() => document.getElementById("a-status").textContent);
    ok(/^Stored 2 links/.test(st), "review: the two ticked links are stored", st);
    const found = await page.evaluate(async () => {
      const f = async (q) => (await (await fetch("/api/lookup?source=en&target=ru&min=100&q=" + encodeURIComponent(q))).json()).matches.length;
      return [await f("Snow fell in the north."), await f("Roads were closed.")];
    });
    ok(found[0] === 1 && found[1] === 0, "review: the unticked link is not in the TM", found);

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
