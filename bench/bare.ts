/**
 * The memory floor: the hydrate requests made with global fetch by a process that loads nothing of domo-admin
 * (no imports at all). Input as scenarios.ts; prints `{ medianMs, peakRssMb, startRssMb, requests }`.
 */
interface BareInput {
  url: string;
  token: string;
  concurrency: number;
  runs: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as BareInput;
const headers = { 'x-domo-developer-token': input.token, accept: 'application/json, text/plain' };
const startRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
let requests = 0;

async function json(path: string): Promise<unknown> {
  requests += 1;
  return (await fetch(input.url + path, { headers })).json();
}

async function once(): Promise<void> {
  const list = (await json('/api/data/v1/accounts')) as {
    id: number;
    dataProviderType: string;
    credentialsType: string;
  }[];
  const stored = list.filter((account) => account.credentialsType !== 'oauth');
  let next = 0;
  await Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      while (next < stored.length) {
        const account = stored[next++]!;
        await json(`/api/data/v1/providers/${account.dataProviderType}/account/${account.id}?unmask=false`);
      }
    }),
  );
}

await once();
requests = 0;
const times: number[] = [];
for (let i = 0; i < input.runs; i += 1) {
  const started = performance.now();
  await once();
  times.push(performance.now() - started);
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
process.stdout.write(
  `${JSON.stringify({ scenario: 'bare-fetch', medianMs: Math.round(median * 10) / 10, requests: Math.round(requests / input.runs), startRssMb, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
