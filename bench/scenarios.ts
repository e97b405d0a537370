/**
 * One benchmark scenario, measured in its own process (so its peak RSS is its own). Input: JSON in argv[2];
 * output: one JSON line with the run times, the requests sent and the peak RSS.
 */
import {
  DomoAccounts,
  DomoRole,
  DomoTokenAuth,
  DomoUsers,
  mapConcurrent,
  routes,
  type DomoAuth,
} from '../src/index.js';
import { auditAccess } from '../src/audit/index.js';
import { exportSpec, planSpec, type Spec } from '../src/governance/index.js';

export interface ScenarioInput {
  scenario:
    | 'hydrate'
    | 'raw-hydrate'
    | 'overhead'
    | 'raw-overhead'
    | 'fanout'
    | 'resolve-emails'
    | 'list-users'
    | 'plan'
    | 'audit';
  /** Alternate each run with this one (the raw baseline), so that drift on a noisy machine hits both alike. */
  pairWith?: ScenarioInput['scenario'];
  url: string;
  token: string;
  instance: string;
  n: number;
  concurrency: number;
  runs: number;
}

export interface ScenarioOutput {
  scenario: string;
  /** The alternated baseline's figures, when `pairWith` was given. */
  pair?: { scenario: string; runsMs: number[]; medianMs: number; requests: number };
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
const auth: DomoAuth = new DomoTokenAuth({
  instance: input.instance,
  token: input.token,
  baseUrl: input.url,
  fetch: countingFetch,
});
const headers = {
  'x-domo-developer-token': input.token,
  accept: 'application/json, text/plain',
  'user-agent': 'domo-admin/bench',
};

async function rawJson(path: string): Promise<unknown> {
  requests += 1;
  const response = await fetch(input.url + path, { headers });
  if (!response.ok) throw new Error(`${path} → ${response.status}`);
  return response.json();
}

/** What one measured run does; returns the number of items it handled. */
const work: Record<ScenarioInput['scenario'], () => Promise<number>> = {
  async hydrate() {
    const { accounts, failed } = await new DomoAccounts(auth).list({
      withConfig: true,
      concurrency: input.concurrency,
    });
    if (failed.length > 0) throw new Error(`${failed.length} config reads failed`);
    return accounts.length;
  },
  async 'raw-hydrate'() {
    const list = (await rawJson('/api/data/v1/accounts')) as {
      id: number;
      dataProviderType: string;
      credentialsType: string;
    }[];
    const stored = list.filter((account) => account.credentialsType !== 'oauth');
    await mapConcurrent(stored, input.concurrency, (account) =>
      rawJson(`/api/data/v1/providers/${account.dataProviderType}/account/${account.id}?unmask=false`),
    );
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
  async 'resolve-emails'() {
    const wanted = await sampleEmails(input.n);
    const users = await new DomoUsers(auth).resolve(wanted);
    if (users.length !== wanted.length) throw new Error(`resolved ${users.length} of ${wanted.length} emails`);
    return users.length;
  },
  async 'list-users'() {
    let count = 0;
    for await (const user of new DomoUsers(auth).list()) count += user.id > 0 ? 1 : 0; // streamed, nothing kept
    return count;
  },
  async plan() {
    const plan = await planSpec(auth, await governanceSpec(), { concurrency: input.concurrency });
    if (plan.changes.length === 0) throw new Error('the bench spec should plan some changes');
    const spec = await governanceSpec();
    return (
      Object.keys(spec.roles ?? {}).length +
      Object.keys(spec.groups ?? {}).length +
      Object.keys(spec.accounts ?? {}).length
    );
  },
  async audit() {
    const model = await auditAccess(auth, { concurrency: input.concurrency });
    if (model.failures.length > 0) throw new Error(`${model.failures.length} audit reads failed`);
    const { counts } = model;
    auditRequests = model.requests;
    return counts.users + counts.roles + counts.groups + counts.accounts + counts.templates;
  },
  async fanout() {
    const roles = await fanoutRoles();
    const results = await mapConcurrent(roles, input.concurrency, async ({ role, userId }, index) => {
      await role.setGrants(index % 2 === 0 ? ['dataset.view', 'card.view'] : ['dataset.view', 'dataset.export']);
      await role.addMembers([userId]);
    });
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0)
      throw new Error(`${failed.length} roles failed: ${String((failed[0] as { error: unknown }).error)}`);
    return roles.length;
  },
};

let emails: string[] | undefined;
/** `n` emails of seeded users, read once (not measured). */
async function sampleEmails(n: number): Promise<string[]> {
  emails ??= (await new DomoUsers(auth).list().toArray({ max: 1_000_000 })).slice(0, n).map((user) => user.email);
  return emails;
}

/** The audit's own count of requests by what they read (the last run's). */
let auditRequests: Record<string, number> | undefined;

let governance: Spec | undefined;
/**
 * The instance exported as a spec (not measured) — every custom role with its members, every editable group with
 * owners and members, every account's sharing — with every tenth role's description changed, so there is a plan.
 */
async function governanceSpec(): Promise<Spec> {
  if (governance) return governance;
  const spec = await exportSpec(auth);
  for (const [index, role] of Object.values(spec.roles ?? {}).entries())
    if (index % 10 === 0) role.description = `${role.description ?? ''} (bench)`;
  governance = spec;
  return spec;
}

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
    roles.push(
      found
        ? DomoRole.hydrate(auth, found)
        : await DomoRole.get(auth, (await routes.createRole(auth, { name: named(i) })).data.id),
    );
  }
  fanout = roles.map((role, i) => ({ role, userId: users[i % users.length] as number }));
  return fanout;
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;
const median = (values: number[]) => round1([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0);

async function timed(run: () => Promise<number>): Promise<{ ms: number; items: number; requests: number }> {
  const before = requests;
  const started = performance.now();
  const items = await run();
  return { ms: performance.now() - started, items, requests: requests - before };
}

async function main(): Promise<void> {
  const run = work[input.scenario];
  const pair = input.pairWith ? work[input.pairWith] : undefined;
  await run();
  await pair?.();
  const mine: Awaited<ReturnType<typeof timed>>[] = [];
  const theirs: Awaited<ReturnType<typeof timed>>[] = [];
  for (let i = 0; i < input.runs; i += 1) {
    mine.push(await timed(run));
    if (pair) theirs.push(await timed(pair));
  }
  const items = mine.at(-1)?.items ?? 0;
  const perRun = Math.round(mine.reduce((sum, r) => sum + r.requests, 0) / mine.length);
  const output: ScenarioOutput = {
    scenario: input.scenario,
    n: items,
    runsMs: mine.map((r) => round1(r.ms)),
    medianMs: median(mine.map((r) => r.ms)),
    requests: perRun,
    requestsPerItem: Math.round((perRun / items) * 1000) / 1000,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...(input.pairWith
      ? {
          pair: {
            scenario: input.pairWith,
            runsMs: theirs.map((r) => round1(r.ms)),
            medianMs: median(theirs.map((r) => r.ms)),
            requests: Math.round(theirs.reduce((sum, r) => sum + r.requests, 0) / theirs.length),
          },
        }
      : {}),
  };
  process.stdout.write(`${JSON.stringify(auditRequests ? { ...output, requestsBySection: auditRequests } : output)}\n`);
}

await main();
