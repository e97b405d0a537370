/**
 * Live heap per account, in-process: the library's `list({ withConfig: true })` result against a raw loop keeping the
 * same list and configs, measured after full GCs with finalizers allowed to run (Node's `Request`s hold memory until
 * then). Responses are canned (read once from a sandbox), so only what is kept is measured. Run with --expose-gc;
 * input `{ n }` in argv[2]; prints one JSON line.
 */
import { DomoAccounts, DomoTokenAuth, type DomoAccount } from '../src/index.js';
import { cannedAccounts } from './canned.js';
import { accountsLoop, type RawAccount } from './loop.js';

const { n } = JSON.parse(process.argv[2] ?? '{"n":5000}') as { n: number };
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const canned = await cannedAccounts(n);
const auth = new DomoTokenAuth({
  instance: canned.instance,
  token: canned.token,
  baseUrl: canned.url,
  fetch: canned.fetch,
});
const library = () => new DomoAccounts(auth).list({ withConfig: true });
const raw = (): Promise<RawAccount[]> =>
  accountsLoop(
    async (path, query) => (await canned.fetch(canned.url + (query ? `${path}?${query}` : path))).json(),
    32,
  );

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
