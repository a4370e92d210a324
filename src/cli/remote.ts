// The CLI's commands that also work through a running server's API (`--server URL`, with an API
// token in ART28_TOKEN or --token): for when that server owns the data folder.

/** A mistake in how the command was called, or a server that cannot be reached: said in one line. */
export class CommandError extends Error {}

export interface Server {
  url: string;
  token: string;
}

export type Answer<T> =
  { ok: true; body: T } | { ok: false; status: number; error: { code: string; message: string; fields: { field: string; message: string }[] } };

/** A server from the `--server` and `--token` options; the token may come from ART28_TOKEN instead. */
export function serverFrom(options: { server?: string; token?: string }): Server | null {
  if (!options.server) {
    return null;
  }
  const token = options.token ?? process.env.ART28_TOKEN;
  if (!token) {
    throw new CommandError("--server needs an API token of a staff user: set ART28_TOKEN (or --token); create one in the back-office under API tokens");
  }
  let url: URL;
  try {
    url = new URL(options.server);
  } catch {
    throw new CommandError(`--server ${options.server} is not a URL (e.g. http://127.0.0.1:3000)`);
  }
  return { url: url.origin, token };
}

/** One API call; a refusal comes back with the API's error, a network failure as a thrown Error. */
export async function callServer<T>(server: Server, method: "GET" | "POST", path: string, send?: { contentType: string; body: string }): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${server.token}`, "accept-language": "en", ...(send ? { "content-type": send.contentType } : {}) },
      ...(send ? { body: send.body } : {}),
    });
  } catch (error) {
    throw new CommandError(`cannot reach ${server.url}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`);
  }
  const text = await response.text();
  if (response.ok) {
    return { ok: true, body: JSON.parse(text) as T };
  }
  try {
    const parsed = JSON.parse(text) as { error: { code: string; message: string; fields?: { field: string; message: string }[] } };
    return { ok: false, status: response.status, error: { code: parsed.error.code, message: parsed.error.message, fields: parsed.error.fields ?? [] } };
  } catch {
    return {
      ok: false,
      status: response.status,
      error: { code: "http", message: `${server.url} answered ${response.status} ${response.statusText}`, fields: [] },
    };
  }
}
