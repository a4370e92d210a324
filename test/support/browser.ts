import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { PASSWORD } from "./app.ts";

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
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** Logs `email` in through the login page of the app at `base`, with the test password. */
export async function loginAs(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Set ART28_SHOTS=/tmp/art28-shots to keep a screenshot of every page a browser test passes. */
export async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.ART28_SHOTS;
  if (folder) {
    mkdirSync(folder, { recursive: true });
    await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
  }
}

/** The trimmed text of the first element with this test id. */
export const textOf = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).first().textContent()) ?? "").trim();
