import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { inScope } from "../../src/db/scope.ts";
import { DEMO_PASSWORD, loadDemo } from "../../src/modules/setup/demo.ts";
import { createTestApp, type TestApp } from "./app.ts";

/** The app with the demo's data (customers, signed agreements, a sub-processor change, two incidents), served with the built UI. */
export async function startDemoApp(customers = 12): Promise<{ t: TestApp; base: string }> {
  const t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
  await inScope(t.database.db, { kind: "processor" }, (tx) => loadDemo(tx, t.clock, customers));
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  return { t, base: `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}` };
}

/** Logs a demo user in through the login page. */
export async function loginDemo(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** The ids a list endpoint gives this session (lists are arrays or pages with `items`). */
export async function idsOf(page: Page, base: string, path: string, key = "id"): Promise<string[]> {
  const answer = await page.request.get(`${base}${path}`);
  if (!answer.ok()) {
    throw new Error(`${path}: ${answer.status()}`);
  }
  const body = (await answer.json()) as unknown;
  const rows = (Array.isArray(body) ? body : ((body as { items?: unknown[] }).items ?? [])) as Record<string, unknown>[];
  return rows.map((row) => row[key]).filter((id): id is string => typeof id === "string");
}

/** The id of the first record a list endpoint gives this session; none in the demo data fails. */
export async function firstId(page: Page, base: string, path: string, key = "id"): Promise<string> {
  const [first] = await idsOf(page, base, path, key);
  if (!first) {
    throw new Error(`${path}: no record in the demo data`);
  }
  return first;
}

/** Opens a page of the app and waits until it has its heading and nothing is loading any more. */
export async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator("main h1").first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll(".loading").length === 0);
}

/** The routes under `prefix` that web/src/App.tsx declares, as written there ("agreements/:id"). */
export function routesIn(appSource: string, layout: "PortalLayout" | "AdminLayout"): string[] {
  const start = appSource.indexOf(`element={<${layout} />}>`);
  const end = appSource.indexOf("</Route>", start);
  const block = appSource.slice(start, end);
  return [...block.matchAll(/<Route (index|path="([^"]+)")/g)].map((m) => m[2] ?? "").filter((path) => path !== "*");
}
