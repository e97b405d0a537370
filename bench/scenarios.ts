/**
 * One benchmark scenario, measured in its own process (so its peak RSS is its own). Input: JSON in argv[2];
 * output: one JSON line with the run times, the requests sent and the peak RSS.
 */
import {
  DomoAccounts,
  DomoDatasets,
  DomoRole,
  DomoUser,
  DomoTokenAuth,
  DomoUsers,
  mapConcurrent,
  routes,
  type DomoAuth,
} from '../src/index.js';
import ky from 'ky';
import { accountsLoop } from './loop.js';
import { middle, round } from './stats.js';
import { auditAccess, executeOffboarding, planOffboarding } from '../src/audit/index.js';
import { ownedThings } from '../src/classes/ownership.js';
import { exportSpec, planSpec, type Spec } from '../src/governance/index.js';

export interface ScenarioInput {
  scenario:
    | 'hydrate'
    | 'raw-hydrate'
    | 'ky-hydrate'
    | 'overhead'
    | 'raw-overhead'
    | 'ky-overhead'
    | 'fanout'
    | 'resolve-emails'
    | 'list-users'
    | 'plan'
    | 'audit'
    | 'audit-content'
    | 'offboard';
  /** Alternate each run with these (the baselines), so that drift on a noisy machine hits all alike. */
  pairWith?: ScenarioInput['scenario'][];
  /** Time only the first run after import, with no warm-up (and no baseline: measure it in its own process). */
  cold?: boolean;
  url: string;
  token: string;
  instance: string;
  n: number;
  concurrency: number;
  runs: number;
}

export interface ScenarioOutput {
  scenario: string;
  /** The alternated baselines' figures, when `pairWith` was given. */
  pairs?: { scenario: string; runsMs: number[]; medianMs: number; requests: number }[];
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

/** ky used as its README shows: one instance with the fixed options, then one call per request. */
const kyApi = ky.create({ prefixUrl: input.url, headers, timeout: 30_000 });
async function kyJson(path: string): Promise<unknown> {
  requests += 1;
  return kyApi.get(path.slice(1)).json();
}

/** The hand-written loop over a JSON getter, keeping what it read (the data the library holds). */
async function loopHydrate(json: (path: string) => Promise<unknown>): Promise<number> {
  const list = await accountsLoop((path, query) => json(query ? `${path}?${query}` : path), input.concurrency);
  kept = list;
  return list.length;
}

/** What the last run read, held until the next one replaces it (as the library's result is). */
let kept: unknown;

/** What one measured run does; returns the number of items it handled. */
const work: Record<ScenarioInput['scenario'], () => Promise<number>> = {
  async hydrate() {
    const { accounts, failed } = await new DomoAccounts(auth).list({
      withConfig: true,
      concurrency: input.concurrency,
    });
    if (failed.length > 0) throw new Error(`${failed.length} config reads failed`);
    kept = accounts;
    return accounts.length;
  },
  'raw-hydrate': () => loopHydrate(rawJson),
  'ky-hydrate': () => loopHydrate(kyJson),
  async overhead() {
    for (let i = 0; i < input.n; i += 1) await routes.getRoleById(auth, 1 + (i % 5));
    return input.n;
  },
  async 'raw-overhead'() {
    for (let i = 0; i < input.n; i += 1) await rawJson(`/api/authorization/v1/roles/${1 + (i % 5)}`);
    return input.n;
  },
  async 'ky-overhead'() {
    for (let i = 0; i < input.n; i += 1) await kyJson(`/api/authorization/v1/roles/${1 + (i % 5)}`);
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
  async 'audit-content'() {
    const model = await auditAccess(auth, { concurrency: input.concurrency, include: ['users'], content: true });
    if (model.failures.length > 0) throw new Error(`${model.failures.length} audit reads failed`);
    auditRequests = model.requests;
    return (model.content ?? []).reduce((sum, c) => sum + c.total, 0);
  },
  async offboard() {
    // The leaver owns everything (the server's soleContentOwner): any dataset's owner. The heir: another live user.
    const [first] = await new DomoDatasets(auth).list();
    const leaver = await DomoUser.get(auth, first!.ownerId!);
    const users = await new DomoUsers(auth).list().toArray({ max: 1_000_000 });
    const heir = users.find((u) => !u.isDeleted && u.active !== false && u.id !== leaver.id)!;
    // Timed end to end: the plan (discovery included: its requests are the plan's) and the hand-over.
    const discovery = counter();
    let schedulesScan = 0;
    const plan = await planOffboarding(auth, leaver.id, {
      to: heir.id,
      onRequest: (request) => {
        discovery.count(request);
        if (request.path.includes('/reportschedules/resources/')) schedulesScan += 1;
      },
    });
    const objects = ownedThings(plan).length;
    const hand = counter();
    const done = await executeOffboarding(auth, plan, { onRequest: hand.count });
    if (done.length !== objects) throw new Error(`offboarded ${done.length} of ${objects} objects`);
    offboardFigures = { objects, discovery: discovery.total(), schedulesScan, byType: hand.byType() };
    return objects;
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

/** Counts requests by method and the first three segments of their path (`GET api/data/v3`). */
function counter() {
  const seen = new Map<string, number>();
  return {
    count: ({ method, path }: { method: string; path: string }) => {
      const key = `${method} ${path.split('/').slice(1, 4).join('/')}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    },
    total: () => [...seen.values()].reduce((a, b) => a + b, 0),
    byType: () => Object.fromEntries([...seen].sort((a, b) => b[1] - a[1])),
  };
}

/** What the offboarding scenario saw: objects, discovery requests, hand-over requests by type. */
let offboardFigures: Record<string, unknown> | undefined;

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
  // Live members only: a deleted user is refused a role (Domo accepts their ids silently; the library does not).
  const users = (await routes.getRoleMembership(auth, 4)).data
    .filter((member) => !/_deleted_\d+$/.test(member.email ?? ''))
    .map((member) => member.userId);
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

const median = (values: number[]) => round(middle(values));

async function timed(run: () => Promise<number>): Promise<{ ms: number; items: number; requests: number }> {
  const before = requests;
  const started = performance.now();
  const items = await run();
  return { ms: performance.now() - started, items, requests: requests - before };
}

async function main(): Promise<void> {
  const run = work[input.scenario];
  const pairs = (input.pairWith ?? []).map((scenario) => ({ scenario, run: work[scenario], results: [] as Timed[] }));
  if (input.cold) {
    const first = await timed(run);
    write({ ...summary(input.scenario, [first]), coldMs: round(first.ms) });
    return;
  }
  await run();
  for (const pair of pairs) await pair.run();
  const mine: Timed[] = [];
  for (let i = 0; i < input.runs; i += 1) {
    mine.push(await timed(run));
    for (const pair of pairs) pair.results.push(await timed(pair.run));
  }
  write({
    ...summary(input.scenario, mine),
    ...(pairs.length > 0 ? { pairs: pairs.map((pair) => ({ ...pick(summary(pair.scenario, pair.results)) })) } : {}),
  });
}

type Timed = Awaited<ReturnType<typeof timed>>;

function summary(scenario: string, results: Timed[]): ScenarioOutput {
  const items = results.at(-1)?.items ?? 0;
  const perRun = Math.round(results.reduce((sum, r) => sum + r.requests, 0) / results.length);
  return {
    scenario,
    n: items,
    runsMs: results.map((r) => round(r.ms)),
    medianMs: median(results.map((r) => r.ms)),
    requests: perRun,
    requestsPerItem: Math.round((perRun / items) * 1000) / 1000,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function pick({ scenario, runsMs, medianMs, requests }: ScenarioOutput) {
  return { scenario, runsMs, medianMs, requests };
}

function write(output: ScenarioOutput & Record<string, unknown>): void {
  if (kept === undefined && input.scenario.endsWith('hydrate')) throw new Error('nothing was kept');
  const extra = { ...(auditRequests ? { requestsBySection: auditRequests } : {}), ...(offboardFigures ?? {}) };
  process.stdout.write(`${JSON.stringify({ ...output, ...extra })}\n`);
}

await main();
