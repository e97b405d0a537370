/**
 * One benchmark scenario, measured in its own process (so its peak RSS is its own). Input: JSON in argv[2];
 * output: one JSON line with the run times, the requests sent and the peak RSS.
 */
import { DomoAccounts, DomoRole, DomoTokenAuth, mapConcurrent, routes, type DomoAuth } from '../src/index.js';

export interface ScenarioInput {
  scenario: 'hydrate' | 'raw-hydrate' | 'overhead' | 'raw-overhead' | 'fanout';
  url: string;
  token: string;
  instance: string;
  n: number;
  concurrency: number;
  runs: number;
}

export interface ScenarioOutput {
  scenario: string;
  n: number;
  runsMs: number[];
  medianMs: number;
  requests: number;
  requestsPerItem: number;
  peakRssMb: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as ScenarioInput;
let requests = 0;
const countingFetch: typeof fetch = (request, init) => {
  requests += 1;
  return fetch(request, init);
};
const auth: DomoAuth = new DomoTokenAuth({ instance: input.instance, token: input.token, baseUrl: input.url, fetch: countingFetch });
const headers = { 'x-domo-developer-token': input.token, accept: 'application/json' };

async function rawJson(path: string): Promise<unknown> {
  requests += 1;
  const response = await fetch(input.url + path, { headers });
  if (!response.ok) throw new Error(`${path} → ${response.status}`);
  return response.json();
}

/** What one measured run does; returns the number of items it handled. */
const work: Record<ScenarioInput['scenario'], () => Promise<number>> = {
  async hydrate() {
    const { accounts, failed } = await new DomoAccounts(auth).list({ withConfig: true, concurrency: input.concurrency });
    if (failed.length > 0) throw new Error(`${failed.length} config reads failed`);
    return accounts.length;
  },
  async 'raw-hydrate'() {
    const list = (await rawJson('/api/data/v1/accounts')) as { id: number; dataProviderType: string; credentialsType: string }[];
    const stored = list.filter((account) => account.credentialsType !== 'oauth');
    await mapConcurrent(stored, input.concurrency, (account) => rawJson(`/api/data/v1/providers/${account.dataProviderType}/account/${account.id}?unmask=false`));
    return list.length;
  },
  async overhead() {
    for (let i = 0; i < input.n; i += 1) await routes.getRoleById(auth, 1 + (i % 5));
    return input.n;
  },
  async 'raw-overhead'() {
    for (let i = 0; i < input.n; i += 1) await rawJson(`/api/authorization/v1/roles/${1 + (i % 5)}`);
    return input.n;
  },
  async fanout() {
    const roles = await fanoutRoles();
    const results = await mapConcurrent(roles, input.concurrency, async ({ role, userId }, index) => {
      await role.setGrants(index % 2 === 0 ? ['dataset.view', 'card.view'] : ['dataset.view', 'dataset.export']);
      await role.addMembers([userId]);
    });
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) throw new Error(`${failed.length} roles failed: ${String((failed[0] as { error: unknown }).error)}`);
    return roles.length;
  },
};

let fanout: { role: DomoRole; userId: number }[] | undefined;
/** The roles of the fan-out, created once (not measured). */
async function fanoutRoles(): Promise<{ role: DomoRole; userId: number }[]> {
  if (fanout) return fanout;
  const { data: existing } = await routes.getRoles(auth);
  const users = (await routes.getRoleMembership(auth, 4)).data.map((member) => member.userId);
  const named = (i: number) => `bench role ${i}`;
  const roles: DomoRole[] = [];
  for (let i = 0; i < input.n; i += 1) {
    const found = existing.find((role) => role.name === named(i));
    roles.push(found ? DomoRole.hydrate(auth, found) : await DomoRole.get(auth, (await routes.createRole(auth, { name: named(i) })).data.id));
  }
  fanout = roles.map((role, i) => ({ role, userId: users[i % users.length] as number }));
  return fanout;
}

async function main(): Promise<void> {
  const run = work[input.scenario];
  await run();
  const runsMs: number[] = [];
  let items = 0;
  requests = 0;
  for (let i = 0; i < input.runs; i += 1) {
    const started = performance.now();
    items = await run();
    runsMs.push(performance.now() - started);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const output: ScenarioOutput = {
    scenario: input.scenario, n: items, runsMs: runsMs.map((ms) => Math.round(ms * 10) / 10),
    medianMs: Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 10) / 10,
    requests: Math.round(requests / input.runs), requestsPerItem: Math.round((requests / input.runs / items) * 1000) / 1000,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

await main();
