/** Canned responses for the in-process benches (bench/cpu.ts, bench/heap.ts): no sockets, no server. */
import { startSandbox } from '../src/sandbox/index.js';
import { accountsLoop } from './loop.js';

/** A sandbox's answers for `n` accounts, recorded once, and a fetch that replays them at once. */
export interface CannedAccounts {
  url: string;
  instance: string;
  token: string;
  /** Answers from memory, as a keep-alive connection with the body already there would; unknown URLs get a 404. */
  fetch: typeof fetch;
}

/** Starts a sandbox of `n` accounts, records the list and every stored config, and stops it. */
export async function cannedAccounts(n: number): Promise<CannedAccounts> {
  const sb = await startSandbox({ accounts: n, users: 100, port: 0 });
  const texts = new Map<string, string>();
  try {
    await accountsLoop(async (path, query) => {
      const target = query ? `${path}?${query}` : path;
      const response = await fetch(sb.url + target, { headers: { 'x-domo-developer-token': sb.token } });
      const text = await response.text();
      texts.set(target, text);
      return JSON.parse(text) as unknown;
    }, 1);
  } finally {
    await sb.close();
  }
  const replay = ((request: string | URL | Request) => {
    const url = typeof request === 'string' ? request : request instanceof URL ? request.href : request.url;
    const text = texts.get(url.slice(sb.url.length));
    if (text === undefined) return Promise.resolve(new Response('not canned', { status: 404 }));
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
    return Promise.resolve(new Response(text, { headers }));
  }) as typeof fetch;
  return { url: sb.url, instance: sb.instance, token: sb.token, fetch: replay };
}
