/**
 * Live heap per account, in-process: the library's `list({ withConfig: true })` result against a raw loop keeping the
 * same list and configs, measured after full GCs with finalizers allowed to run (Node's `Request`s hold memory until
 * then). Responses are canned (read once from a sandbox), so only what is kept is measured. Run with --expose-gc;
 * input `{ n }` in argv[2]; prints one JSON line.
 */
import { DomoAccounts, DomoTokenAuth, mapConcurrent, type DomoAccount } from '../src/index.js';
import { startSandbox } from '../src/sandbox/index.js';

const { n } = JSON.parse(process.argv[2] ?? '{"n":5000}') as { n: number };
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const sb = await startSandbox({ accounts: n, users: 100, port: 0 });
const texts = new Map<string, string>();
const headers = { 'x-domo-developer-token': sb.token };
const configPath = (a: RawAccount) => `/api/data/v1/providers/${a.dataProviderType}/account/${a.id}?unmask=false`;
interface RawAccount {
  id: number;
  dataProviderType: string;
  credentialsType: string;
  config?: unknown;
}
async function record(path: string): Promise<unknown> {
  const text = await (await fetch(sb.url + path, { headers })).text();
  texts.set(path, text);
  return JSON.parse(text);
}
for (const account of (await record('/api/data/v1/accounts')) as RawAccount[])
  if (account.credentialsType !== 'oauth') await record(configPath(account));
await sb.close();

const canned: typeof fetch = (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const text = texts.get(url.slice(sb.url.length)) ?? '';
  const length = String(Buffer.byteLength(text));
  return Promise.resolve(
    new Response(text, { headers: { 'content-type': 'application/json', 'content-length': length } }),
  );
};
const auth = new DomoTokenAuth({ instance: sb.instance, token: sb.token, baseUrl: sb.url, fetch: canned });
const library = () => new DomoAccounts(auth).list({ withConfig: true });
async function raw(): Promise<RawAccount[]> {
  const list = (await (await canned(`${sb.url}/api/data/v1/accounts`)).json()) as RawAccount[];
  await mapConcurrent(
    list.filter((a) => a.credentialsType !== 'oauth'),
    32,
    async (a) => {
      a.config = await (await canned(sb.url + configPath(a))).json();
    },
  );
  return list;
}

async function settled(): Promise<number> {
  for (let i = 0; i < 6; i += 1) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  return process.memoryUsage().heapUsed;
}
const kb = (bytes: number) => Math.round((bytes / n / 1024) * 100) / 100;

await library(); // warm: compiled code and caches are not per account
await raw();
const before = await settled();
const kept: DomoAccount[] = await library();
const withAll = await settled();
for (const account of kept) account.config = undefined;
const withoutConfigs = await settled();
for (const account of kept) Object.defineProperty(account, 'raw', { value: undefined });
const withoutRaw = await settled();
for (const account of kept) Object.assign(account, { createdAt: undefined, modifiedAt: undefined });
const withoutDates = await settled();
kept.length = 0;
const cleared = await settled();
const rawKept = await raw();
const withRaw = await settled();
process.stdout.write(
  `${JSON.stringify({
    n,
    libKbPerAccount: kb(withAll - before),
    configKb: kb(withAll - withoutConfigs),
    rawRowKb: kb(withoutConfigs - withoutRaw),
    datesKb: kb(withoutRaw - withoutDates),
    entityKb: kb(withoutDates - before),
    rawLoopKbPerAccount: kb(withRaw - cleared),
    held: rawKept.length,
  })}\n`,
);
