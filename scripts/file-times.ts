// A node:test reporter that writes each test file's duration, one "ms<TAB>file" line per file, so
// scripts/test.ts can name the slowest files of a run (where the suite's time goes).
export default async function* fileTimes(source: AsyncIterable<{ type: string; data: { file?: string; duration_ms?: number } }>) {
  for await (const event of source) {
    if (event.type === "test:summary" && event.data.file !== undefined) {
      yield `${Math.round(event.data.duration_ms ?? 0)}\t${event.data.file}\n`;
    }
  }
}
