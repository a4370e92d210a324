/**
 * The trust site's bundle verifier in Chromium (issue 14, "Measured"): a bundle given to the page's
 * file input (by path: the page reads it as a File, in slices), timed from the choice to the
 * verdict, with the page's memory sampled every 50 ms over the Chrome DevTools Protocol: V8's heap
 * (`Runtime.getHeapUsage`: used, and the ArrayBuffers' backing stores, where a held events.jsonl
 * lives) and the renderer process's resident set (/proc). Run it on two builds of the web UI to
 * compare them:
 *
 *   node bench/verify/bundle-100k.ts --keep               # makes a bundle of 100,000 events, prints where
 *   node bench/verify/browser.ts --bundle /tmp/…/bundle.zip [--web-root dist/web] [--runs 3] [--no-sample]
 *
 * Bounded: each run waits at most BOUND_MS for the verdict. Not part of the test suite.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { createTestApp } from "../../test/support/app.ts";
import { CHROMIUM } from "../../test/support/browser.ts";
import { BOUND_MS, print, seconds } from "../support.ts";

const { values: args } = parseArgs({
  options: {
    bundle: { type: "string" },
    "web-root": { type: "string", default: DEFAULT_WEB_ROOT },
    runs: { type: "string", default: "3" },
    // Times the check alone: sampling takes CPU from a page that may want every core.
    "no-sample": { type: "boolean", default: false },
  },
});
if (!args.bundle) {
  throw new Error("--bundle FILE is required");
}
const bundle = resolve(args.bundle);
const webRoot = resolve(args["web-root"] ?? DEFAULT_WEB_ROOT);
const RUNS = Math.max(1, Math.min(10, Number(args.runs)));
const MB = 1024 * 1024;

/** Every process below `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // The process ended while the list was read: it is no one's descendant any more.
      continue;
    }
  }
  const out: number[] = [];
  const walk = (at: number) => {
    for (const child of children.get(at) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

/** The resident set (MB) of the renderer processes under the browser. */
function rendererRssMb(browserPid: number): number {
  let kb = 0;
  for (const pid of descendants(browserPid)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--type=renderer")) {
        continue;
      }
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // A renderer that ended between the list and the read holds no memory.
      continue;
    }
  }
  return kb / 1024;
}

const t = await createTestApp(new Date(), { webRoot });
const server = await chromium.launchServer({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
const browserPid = server.process().pid ?? 0;
try {
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const browser = await chromium.connect(server.wsEndpoint());
  print(`bundle ${(statSync(bundle).size / MB).toFixed(1)} MB; web UI ${webRoot}`);
  for (let run = 1; run <= RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/trust/verify`);
    await page.waitForLoadState("networkidle");
    const cdp = await context.newCDPSession(page);
    await cdp.send("HeapProfiler.enable");
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = async () => {
      const usage = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number; backingStorageSize?: number };
      return { used: usage.usedSize / MB, backing: (usage.backingStorageSize ?? 0) / MB };
    };
    const start = { ...(await heap()), rss: rendererRssMb(browserPid) };
    const peak = { ...start };
    let done = false;
    const sampling = (async () => {
      // One sample per 50 ms, never more than the bound allows.
      for (let i = 0; i < BOUND_MS / 50 && !done && !args["no-sample"]; i++) {
        const now = await heap();
        peak.used = Math.max(peak.used, now.used);
        peak.backing = Math.max(peak.backing, now.backing);
        peak.rss = Math.max(peak.rss, rendererRssMb(browserPid));
        await new Promise((wake) => setTimeout(wake, 50));
      }
    })();
    const started = performance.now();
    await page.getByTestId("bundle-file").setInputFiles(bundle);
    await page.locator('[data-testid="verify-ok"], [data-testid="verify-broken"]').first().waitFor({ timeout: BOUND_MS });
    const ms = performance.now() - started;
    done = true;
    await sampling;
    const verdict = (await page.getByTestId("verify-result").innerText()).replace(/\s+/g, " ").trim();
    print(
      args["no-sample"]
        ? `run ${run}: ${seconds(ms).padStart(8)} (not sampled)`
        : `run ${run}: ${seconds(ms).padStart(8)}   JS heap used ${start.used.toFixed(1)} → peak ${peak.used.toFixed(1)} MB   ` +
            `ArrayBuffers ${start.backing.toFixed(1)} → peak ${peak.backing.toFixed(1)} MB   renderer RSS ${start.rss.toFixed(0)} → peak ${peak.rss.toFixed(0)} MB`,
    );
    if (run === 1) {
      print(`  ${verdict.slice(0, 300)}`);
    }
    await context.close();
  }
  await browser.close();
} finally {
  await server.close();
  await t.close();
}
