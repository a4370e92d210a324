import { execFileSync } from "node:child_process";

// What some tests need from the machine: Chromium, poppler-utils, a PostgreSQL server. Where one is
// missing a developer's run skips those tests and says why; with CI=true it fails instead, since
// .ci/run installs all of them and a skip there would hide a missing install step.

const inCi = () => process.env.CI === "true";

/** The skip reason to give node:test, or false when nothing is missing. Throws with CI=true. */
export function skipIfMissing(reason: string | null): string | false {
  if (reason === null) {
    return false;
  }
  if (inCi()) {
    throw new Error(`${reason}; with CI=true a test that would skip fails instead`);
  }
  return reason;
}

function runs(tool: string): boolean {
  try {
    execFileSync(tool, ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false; // not installed
  }
}

/** Whether every tool runs here (with CI=true a missing one throws). */
export function toolsPresent(...tools: string[]): boolean {
  const missing = tools.filter((tool) => !runs(tool));
  return skipIfMissing(missing.length > 0 ? `${missing.join(", ")} not installed (apt-get install -y poppler-utils)` : null) === false;
}

/**
 * A skip reason on the PostgreSQL run for a test of what does not depend on the database engine (the
 * layout of pages, their accessibility): it runs once, on the embedded engine, to keep CI's time.
 */
export function embeddedEngineOnly(what: string): string | false {
  return process.env.ART28_TEST_ENGINE === "postgres" ? `${what} does not depend on the database engine: tested on the embedded run` : false;
}
