/**
 * `bench/list-fetch.ts` through one ky instance (fixed options, `.json()` per request): the floor that the chosen
 * HTTP library sets under `domo-admin --json accounts list --with-config`, as a whole process.
 */
import ky from 'ky';

const client = ky.create({
  prefixUrl: process.env.DOMO_BASE_URL as string,
  headers: { 'x-domo-developer-token': process.env.DOMO_ACCESS_TOKEN as string, accept: 'application/json' },
  timeout: 60_000,
  redirect: 'manual',
});
const CONCURRENCY = 32;

interface Row {
  id: number;
  dataProviderType: string;
  credentialsType: string;
  [key: string]: unknown;
}

const rows = await client.get('api/data/v1/accounts').json<Row[]>();
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
          : await client
              .get(`api/data/v1/providers/${row.dataProviderType}/account/${row.id}`, {
                searchParams: { unmask: false },
              })
              .json();
      const access = await client.get(`api/data/v2/accounts/share/${row.id}`).json();
      items[index] = { ...row, config, access };
    }
  }),
);
process.stdout.write(`${JSON.stringify({ items, failed: [] }, null, 2)}\n`);
