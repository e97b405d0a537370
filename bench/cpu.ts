/**
 * CPU time by layer, in-process and without sockets: the same canned responses (read once from a sandbox) are
 * served through a fetch that answers at once to five clients of increasing depth, so what is left is each
 * client's own work — not the machine's loopback, not the server:
 *
 * - `raw`: `fetch` + `.json()`, configs kept on their accounts;
 * - `ky`: the same loop through one `ky.create()` instance (the floor the chosen HTTP library sets);
 * - `transport`: the library's transport (`auth.transport.request`, no schema);
 * - `routes`: `routes.getAccounts` + `routes.getAccountConfig` (argument checks, zod validation);
 * - `library`: `accounts.list({ withConfig: true })` (entities hydrated with class-transformer, configs held);
 * - `hydration`, apart: `DomoAccount.hydrate` alone over the validated list (class-transformer's share of `library`).
 *
 * Input `{ n, client, runs }` in argv[2]; prints one JSON line: the CPU time of the first run after import (cold)
 * and the median of the next `runs` (warm), user + system.
 */
import ky from 'ky';
import { DomoAccount, DomoAccounts, DomoTokenAuth, mapConcurrent, routes } from '../src/index.js';
import { startSandbox } from '../src/sandbox/index.js';

export type Layer = 'raw' | 'ky' | 'transport' | 'routes' | 'library' | 'hydration';
export interface CpuInput {
  n: number;
  client: Layer;
  runs: number;
}
export interface CpuOutput extends CpuInput {
  coldMs: number;
  warmMs: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as CpuInput;

interface RawAccount {
  id: number;
  dataProviderType: string;
  credentialsType?: string;
  config?: unknown;
}
const LIST = '/api/data/v1/accounts';
const configPath = (a: RawAccount) => `/api/data/v1/providers/${a.dataProviderType}/account/${a.id}`;

const sb = await startSandbox({ accounts: input.n, users: 100, port: 0 });
const texts = new Map<string, string>();
{
  const record = async (path: string) => {
    const response = await fetch(sb.url + path, { headers: { 'x-domo-developer-token': sb.token } });
    const text = await response.text();
    texts.set(path, text);
    return JSON.parse(text) as unknown;
  };
  for (const account of (await record(LIST)) as RawAccount[])
    if (account.credentialsType !== 'oauth') await record(`${configPath(account)}?unmask=false`);
  await sb.close();
}

/** Answers from memory, as a keep-alive connection with the body already there would. */
const canned = ((request: string | URL | Request) => {
  const url = typeof request === 'string' ? request : request instanceof URL ? request.href : request.url;
  const text = texts.get(url.slice(sb.url.length));
  if (text === undefined) return Promise.resolve(new Response('not canned', { status: 404 }));
  const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
  return Promise.resolve(new Response(text, { headers }));
}) as typeof fetch;

const auth = new DomoTokenAuth({ instance: sb.instance, token: sb.token, baseUrl: sb.url, fetch: canned });
const headers = { 'x-domo-developer-token': sb.token, accept: 'application/json, text/plain' };
const kyApi = ky.create({ prefixUrl: sb.url, headers, fetch: canned });

/** The hand-written loop over any JSON getter: the list, then each stored config kept on its account. */
async function loop(json: (path: string, query?: string) => Promise<unknown>): Promise<number> {
  const list = (await json(LIST)) as RawAccount[];
  const stored = list.filter((a) => a.credentialsType !== 'oauth');
  await mapConcurrent(stored, 32, async (a) => {
    a.config = await json(configPath(a), 'unmask=false');
  });
  return list.length;
}

/** The validated list, read before timing for `hydration` only. */
const validated = input.client === 'hydration' ? (await routes.getAccounts(auth)).data : [];

const clients: Record<Layer, () => Promise<number>> = {
  raw: () =>
    loop(async (path, query) => (await canned(`${sb.url}${path}${query ? `?${query}` : ''}`, { headers })).json()),
  ky: () => loop((path, query) => kyApi.get(`${path.slice(1)}${query ? `?${query}` : ''}`).json()),
  transport: () =>
    loop(async (path, query) => {
      const spec = { route: 'bench', method: 'GET' as const, path, ...(query ? { query: { unmask: false } } : {}) };
      return (await auth.transport.request(spec)).data;
    }),
  routes: async () => {
    const { data } = await routes.getAccounts(auth);
    const stored = data.filter((a) => a.credentialsType !== 'oauth') as RawAccount[];
    await mapConcurrent(stored, 32, async (a) => {
      a.config = (await routes.getAccountConfig(auth, a.id, { dataProviderType: a.dataProviderType })).data;
    });
    return data.length;
  },
  library: async () => (await new DomoAccounts(auth).list({ withConfig: true, concurrency: 32 })).length,
  hydration: () => Promise.resolve(validated.map((row) => DomoAccount.hydrate(auth, row)).length),
};

const run = clients[input.client];
if (!run) throw new Error(`unknown client ${input.client}`);

async function cpuMs(): Promise<number> {
  const before = process.cpuUsage();
  const items = await run();
  if (items !== input.n) throw new Error(`${input.client} read ${items} of ${input.n} accounts`);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const cold = await cpuMs();
const warm: number[] = [];
for (let i = 0; i < input.runs; i += 1) warm.push(await cpuMs());
warm.sort((a, b) => a - b);
const output: CpuOutput = { ...input, coldMs: round(cold), warmMs: round(warm[Math.floor(warm.length / 2)] ?? 0) };
process.stdout.write(`${JSON.stringify(output)}\n`);
