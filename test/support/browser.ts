import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Why browser tests cannot run here, or null when they can. */
export function browserUnavailable(webRoot: string): string | null {
  if (!existsSync(CHROMIUM)) {
    return "no /usr/bin/chromium (apt-get install -y chromium)";
  }
  if (!existsSync(`${webRoot}/index.html`)) {
    return "the web UI is not built (npm run build:web)";
  }
  return null;
}

/** Debian's Chromium, headless, with none of its background calls home (no network here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}
