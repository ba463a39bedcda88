// Lighthouse over a list of pages in ONE headless Chromium, for tests/test_audits.py.
//
//   CHROME_PATH=/usr/bin/chromium node tests/lighthouse.mjs URL [URL ...] > scores.json
//
// Lighthouse's Node API rather than one `lighthouse` CLI process per page: the CLI starts a
// Chromium and loads Lighthouse's ~100 modules for every page, which on a 2-core machine costs
// more than the audits of a small page. Lighthouse still resets the cache and storage before
// each page (its default), so every page is measured as a first visit.
//
// Default config = the mobile preset (Moto G Power emulation, simulated slow 4G and 4x CPU
// slowdown); only the two categories the budget is about. Prints a JSON array, one object per
// URL: {url, performance, accessibility, failing: [{id, score, title, nodes}], metrics: {...}};
// a page Lighthouse could not audit has "error" (and null scores) instead of ending the run.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const urls = process.argv.slice(2);
if (urls.length === 0) {
  console.error("usage: node tests/lighthouse.mjs URL [URL ...]");
  process.exit(2);
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || undefined,
  chromeFlags: [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
  ],
});

const METRICS = [
  "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
  "cumulative-layout-shift", "speed-index",
];
const results = [];
try {
  for (const url of urls) {
    try {
      const runner = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
      });
      const { categories, audits, runtimeError } = runner.lhr;
      const failing = [];
      for (const ref of categories.accessibility.auditRefs) {
        const audit = audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          const nodes = (audit.details?.items || []).slice(0, 5)
            .map((item) => item.node?.selector || item.node?.snippet).filter(Boolean);
          failing.push({ id: ref.id, score: audit.score, title: audit.title, nodes });
        }
      }
      results.push({
        url,
        performance: categories.performance.score,
        accessibility: categories.accessibility.score,
        failing,
        metrics: Object.fromEntries(METRICS.map((id) => [id, audits[id]?.numericValue ?? null])),
        error: runtimeError ? `${runtimeError.code}: ${runtimeError.message}` : null,
      });
    } catch (err) {
      results.push({ url, performance: null, accessibility: null, failing: [], metrics: {},
        error: String(err && err.message || err) });
    }
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
