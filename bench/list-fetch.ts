/**
 * The hand-written counterpart of `domo-admin --json accounts list --with-config`, as one whole process: global
 * `fetch`, nothing imported, the same requests at the same concurrency (the list, then per account its config —
 * none for OAuth — and its access list, 32 accounts in flight), and the same kind of output: every account with its
 * config and access as JSON on stdout. Reads `DOMO_BASE_URL` and `DOMO_ACCESS_TOKEN` as the CLI does.
 */
const base = process.env.DOMO_BASE_URL as string;
const headers = { 'x-domo-developer-token': process.env.DOMO_ACCESS_TOKEN as string, accept: 'application/json' };
const CONCURRENCY = 32;

async function json(path: string): Promise<unknown> {
  const response = await fetch(base + path, { headers, signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`${response.status} ${path}`);
  return response.json();
}

interface Row {
  id: number;
  dataProviderType: string;
  credentialsType: string;
  [key: string]: unknown;
}

const rows = (await json('/api/data/v1/accounts')) as Row[];
const items: unknown[] = new Array<unknown>(rows.length);
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < rows.length) {
      const index = next++;
      const row = rows[index]!;
      const config =
        row.credentialsType === 'oauth'
          ? null
          : await json(`/api/data/v1/providers/${row.dataProviderType}/account/${row.id}?unmask=false`);
      const access = await json(`/api/data/v2/accounts/share/${row.id}`);
      items[index] = { ...row, config, access };
    }
  }),
);
process.stdout.write(`${JSON.stringify({ items, failed: [] }, null, 2)}\n`);
