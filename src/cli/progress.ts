import type { SingleBar } from "cli-progress";

/**
 * A progress bar on stderr for a long CLI command (verify, restore, import, export). cli-progress is
 * loaded by the commands that show one, not by every start (`serve` shows none).
 */
export async function progressBar(format: string): Promise<SingleBar> {
  const { default: cliProgress } = await import("cli-progress");
  return new cliProgress.SingleBar({ format, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
}
