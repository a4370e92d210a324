import type { DataFolderInUseError } from "../db/data-folder.ts";

/** How to do each command through a running server instead of on its folder. */
const THROUGH_SERVER: Record<string, (url: string) => string> = {
  verify: (url) => `ART28_TOKEN=<API token> art28 verify --server ${url}`,
  "import customers": (url) => `ART28_TOKEN=<API token> art28 import customers FILE --server ${url}`,
  "export register": (url) => `ART28_TOKEN=<API token> art28 export register --format xlsx --out FILE --server ${url}`,
};

/** What a command that found its data folder owned tells the operator: who owns it, and what to do. */
export function refusalMessage(error: DataFolderInUseError): string {
  const { owner, command } = error;
  const lines = [`art28: ${error.message}`];
  if (owner?.command === "serve" && owner.url) {
    const through = THROUGH_SERVER[command];
    if (command === "serve") {
      lines.push(`  Art28 already serves this folder at ${owner.url}. Use that one, or start this one with another --data folder.`);
    } else if (through) {
      lines.push(
        `  It serves ${owner.url}; do the same through it, with an API token of a staff user (back-office → API tokens):`,
        `    ${through(owner.url)}`,
      );
    } else if (command === "backup") {
      // Reached only when the server offers no backup socket (backup.ts asks it otherwise).
      lines.push("  It offers no backup socket (an older Art28, or a folder path too long for a socket), and its files may not be copied while it runs.");
    } else if (command === "restore") {
      lines.push("  A restore replaces the database the server holds: stop it first, or restore into another folder (--data DIR).");
    } else if (command === "migrate") {
      lines.push("  The running server applied the migrations when it started; to apply a newer version's, stop it and start the new version.");
    }
  }
  if (owner) {
    lines.push(
      owner.command === "serve"
        ? `  Or stop it first: Ctrl-C where it runs, or kill ${owner.pid} (it stops cleanly within seconds).`
        : `  Wait for it to finish, and run this again.`,
    );
  }
  return `${lines.join("\n")}\n`;
}
