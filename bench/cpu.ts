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
import { cannedAccounts } from './canned.js';
import { accountsLoop, type RawAccount } from './loop.js';
import { middle, round } from './stats.js';

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
const canned = await cannedAccounts(input.n);

const auth = new DomoTokenAuth({
  instance: canned.instance,
  token: canned.token,
  baseUrl: canned.url,
  fetch: canned.fetch,
});
const headers = { 'x-domo-developer-token': canned.token, accept: 'application/json, text/plain' };
const kyApi = ky.create({ prefixUrl: canned.url, headers, fetch: canned.fetch });
const withQuery = (path: string, query?: string) => (query ? `${path}?${query}` : path);
const loop = async (json: (path: string, query?: string) => Promise<unknown>) => (await accountsLoop(json, 32)).length;

/** The validated list, read before timing for `hydration` only. */
const validated = input.client === 'hydration' ? (await routes.getAccounts(auth)).data : [];

const clients: Record<Layer, () => Promise<number>> = {
  raw: () => loop(async (path, query) => (await canned.fetch(canned.url + withQuery(path, query), { headers })).json()),
  ky: () => loop((path, query) => kyApi.get(withQuery(path.slice(1), query)).json()),
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

const cold = await cpuMs();
const warm: number[] = [];
for (let i = 0; i < input.runs; i += 1) warm.push(await cpuMs());
const output: CpuOutput = { ...input, coldMs: round(cold), warmMs: round(middle(warm)) };
process.stdout.write(`${JSON.stringify(output)}\n`);
