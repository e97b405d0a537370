/**
 * `npm start`: a scripted admin session. Against the environment's instance when DOMO_INSTANCE and a credential
 * are set (read-only unless --apply), otherwise against an embedded sandbox, where it runs the full tour.
 */
import { authFromEnv, hasEnvCredentials, type DomoAuth } from '../auth/index.js';
import type { DomoAccount } from '../classes/account/account.js';
import { DomoAccounts } from '../classes/account/accounts.js';
import { DomoRole } from '../classes/role/role.js';
import { DomoRoles } from '../classes/role/roles.js';
import { DomoDatasets } from '../classes/dataset/datasets.js';
import { DomoUsers } from '../classes/user/users.js';
import { OWNED_KEYS, OWNED_KIND, OWNED_LABEL, ownedCount } from '../classes/ownership.js';
import { planOffboarding } from '../audit/offboard.js';
import { roleNameOf, type DomoUser } from '../classes/user/user.js';
import type { AccessEntry } from '../routes/account/schemas.js';
import { AccessLevel } from '../routes/account/sharing.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { whoCan } from '../audit/access.js';
import { auditFindings } from '../audit/findings.js';
import { auditAccess } from '../audit/model.js';
import { DomoActivityLog } from '../classes/activity/activity-log.js';
import { minuteText } from '../internal/days.js';
import { applySpec } from '../governance/apply.js';
import { planRestore, restoreSnapshot } from '../governance/restore.js';
import { loadSnapshot } from '../governance/snapshot.js';
import { loadSpec } from '../governance/load.js';
import { planSpec, renderPlan } from '../governance/plan.js';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';
import { processIo, type CliIo } from './io.js';
import { accessTable, accountsTable, rolesTable } from './render.js';

/** Options of the demo. */
export interface DemoOptions {
  /** Make changes on a real instance (on throwaway objects the demo creates and deletes). */
  apply?: boolean;
  /** Use the sandbox even when the environment names an instance. */
  sandbox?: boolean;
}

class Tour {
  #step = 0;
  readonly #started = performance.now();

  constructor(readonly io: CliIo) {}

  step(text: string): void {
    this.#step += 1;
    this.io.out(`\n${String(this.#step).padStart(2)}. ${text}\n`);
  }

  line(text: string): void {
    this.io.out(`    ${text.replace(/\n(?=.)/g, '\n    ')}${text.endsWith('\n') ? '' : '\n'}`);
  }

  done(): void {
    this.io.out(`\n✓ done in ${((performance.now() - this.#started) / 1000).toFixed(1)} s\n`);
  }
}

/** Runs the tour; resolves to the exit code. */
export async function runDemo(io: CliIo = processIo, options: DemoOptions = {}): Promise<number> {
  const real = !options.sandbox && hasEnvCredentials(io.env);
  let sandbox: RunningSandbox | undefined;
  try {
    sandbox = real ? undefined : await startSandbox();
    const auth = sandbox
      ? authFromEnv({ DOMO_INSTANCE: sandbox.instance, DOMO_ACCESS_TOKEN: sandbox.token, DOMO_BASE_URL: sandbox.url })
      : authFromEnv(io.env);
    const tour = new Tour(io);
    io.out(
      sandbox
        ? `domo-admin tour against an embedded sandbox (${sandbox.url}). Set DOMO_INSTANCE and DOMO_ACCESS_TOKEN to use a real instance.\n`
        : `domo-admin tour against ${auth.baseUrl} — ${options.apply ? 'APPLYING changes to throwaway objects it creates' : 'read-only (pass --apply to make changes)'}\n`,
    );
    await readTour(tour, auth, Boolean(sandbox));
    if (sandbox) await sandboxTour(tour, auth);
    else if (options.apply) await realApplyTour(tour, auth);
    tour.done();
    return 0;
  } catch (error) {
    io.err(`\n${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    return 1;
  } finally {
    await sandbox?.close();
  }
}

/** Read-only steps. On a real instance the audit reads roles, users and groups only: credentials can be thousands. */
async function readTour(tour: Tour, auth: DomoAuth, everything: boolean): Promise<void> {
  tour.step('Who am I');
  const me = await auth.whoAmI();
  const role = (await roleNameOf(auth, me)) ?? 'unknown';
  tour.line(
    `signed in as ${me.displayName ?? me.emailAddress ?? me.id} (user ${me.id}, role "${role}") on ${auth.instance}`,
  );
  tour.step('Roles');
  tour.line(rolesTable(await new DomoRoles(auth).list()));
  tour.step('Access audit: findings, and who can manage roles');
  const model = await auditAccess(auth, everything ? {} : { include: ['roles', 'groups'] });
  const findings = auditFindings(model);
  const { counts } = model;
  const read = everything
    ? `${counts.users} users, ${counts.roles} roles, ${counts.groups} groups, ${counts.accounts} accounts and ${counts.templates} OAuth templates`
    : `${counts.users} users, ${counts.roles} roles and ${counts.groups} groups (credentials are left out on a real instance: \`domo-admin audit\` reads them)`;
  tour.line(`read ${read} in ${model.requests.total} requests; ${findings.length} finding(s):`);
  for (const finding of findings) tour.line(`[${finding.severity}] ${finding.message}`);
  const holders = whoCan(model, 'role.manage');
  tour.line(
    `role.manage: ${holders.length} user(s), through ${[...new Set(holders.map((h) => `"${h.role.name}"`))].join(', ') || 'no role'}`,
  );
}

async function sandboxTour(tour: Tour, auth: DomoAuth): Promise<void> {
  const { role, movers } = await roleTour(tour, auth);
  await accountTour(tour, auth, movers, role);
  await governanceTour(
    tour,
    auth,
    movers.map((m) => m.email),
  );
  await leaverTour(tour, auth);
  await historyTour(tour, auth);
}

/** Who does what: a role's changes as the activity log has them (harvested by day, one object type per call). */
async function historyTour(tour: Tour, auth: DomoAuth): Promise<void> {
  tour.step('Who changed a role, and when (the activity log)');
  const role = await new DomoRoles(auth).get('Editor');
  const { events, result } = await new DomoActivityLog(auth).history('ROLE', role.id, {
    from: Date.now() - 90 * 86_400_000,
  });
  tour.line(
    `role "${role.name}": ${events.length} change(s) in the last 90 days (${result.chunks} day(s) read${result.complete ? '' : `, ${result.failed.length} not`}), newest first:`,
  );
  for (const event of events.slice(0, 3))
    tour.line(
      `  ${minuteText(event.time)} UTC  ${event.userName || `user ${event.userId}`}  ${event.actionType}  ${event.additionalComment || event.eventText}`,
    );
}

/** A leaver: everything they own, by type, and the offboarding plan (to a group, with a fallback user) — unapplied. */
async function leaverTour(tour: Tour, auth: DomoAuth): Promise<void> {
  tour.step('A leaver: everything they own, and the offboarding plan (not applied)');
  const datasets = await new DomoDatasets(auth).list().toArray({ max: 10_000 });
  const me = (await auth.whoAmI()).id;
  const counts = new Map<number, number>();
  for (const d of datasets)
    if (d.ownerId !== undefined && d.ownerId !== me) counts.set(d.ownerId, (counts.get(d.ownerId) ?? 0) + 1);
  const leaverId = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (leaverId === undefined) return tour.line('nobody but the signed-in user owns a dataset here');
  const leaver = await new DomoUsers(auth).get(leaverId);
  const owned = await leaver.owned();
  const types = OWNED_KEYS.filter((key) => owned[key].length > 0).map(
    (key) => `${owned[key].length} ${OWNED_LABEL[OWNED_KIND[key]]}(s)`,
  );
  const limited = OWNED_KEYS.filter((key) => owned.discovery?.[key]?.exhaustive === false).map(
    (key) => `${OWNED_LABEL[OWNED_KIND[key]]}s as far as Domo lists them`,
  );
  tour.line(
    `${leaver.email} owns ${types.join(', ')} (${ownedCount(owned)} in all, every type read and re-checked${limited.length > 0 ? `; ${limited.join(', ')}` : ''})`,
  );
  let fallback: DomoUser | undefined;
  for await (const u of new DomoUsers(auth).list())
    if (u.id !== leaver.id && u.id !== me && u.active !== false && !u.isDeleted) {
      fallback = u;
      break;
    }
  const plan = await planOffboarding(auth, leaver.id, {
    to: 'group:Finance',
    ...(fallback ? { fallbackTo: fallback.id } : {}),
    toContainerOwner: true,
  });
  tour.line(
    `offboarding to group "Finance" (what a group cannot own to ${plan.datasetsTo?.label ?? '-'}), ${plan.steps.length} step(s), e.g.:`,
  );
  for (const step of plan.steps.slice(0, 4)) tour.line(`  ${step}`);
  tour.line(`  … (\`domo-admin offboard ${leaver.email} --to group:Finance --out plan.json\` saves it to apply later)`);
}

/** A role made from another, its grants set and added, two users moved in and back out. */
async function roleTour(tour: Tour, auth: DomoAuth): Promise<{ role: DomoRole; movers: DomoUser[] }> {
  const roles = new DomoRoles(auth);
  tour.step('Create a role from an existing one');
  const editor = await roles.getByName('Editor');
  const role = await DomoRole.create(auth, {
    name: 'Finance Analysts',
    description: 'created by the domo-admin tour',
    fromRoleId: editor.id,
  });
  tour.line(`created ${role.summary()} with the grants of "${editor.name}"`);

  tour.step('Set and add grants (checked against the catalogue first)');
  await role.setGrants(['dataset.view', 'dataset.export', 'card.view', 'card.edit']);
  tour.line(`set: ${role.grants?.join(', ')}`);
  await role.addGrants(['alert.create']);
  tour.line('added: alert.create');
  try {
    await role.addGrants(['dataset.mange']);
  } catch (error) {
    tour.line(`refused before sending: ${(error as Error).message}`);
  }

  tour.step('Move two users in and out (a user holds exactly one role)');
  const participant = await roles.getByName('Participant');
  const movers = (await participant.getMembers()).filter((m) => m.email).slice(0, 2);
  await role.addMembers(movers.map((m) => m.email)); // by email: resolved in one search
  tour.line(`by email: ${movers.map((m) => m.email).join(', ')}`);
  tour.line(
    `moved ${movers.map((m) => m.displayName).join(' and ')} from "${participant.name}" into "${role.name}": ${(await role.getMembers()).length} members`,
  );
  await role.removeMembers(
    movers.map((m) => m.email),
    { toRoleId: participant.id },
  );
  tour.line(`moved them back to "${participant.name}": ${(await role.getMembers()).length} members`);
  return { role, movers };
}

/** Accounts with configs, a share, the access list, a transfer, a rename, and everything put back. */
async function accountTour(tour: Tour, auth: DomoAuth, movers: DomoUser[], role: DomoRole): Promise<void> {
  tour.step('Accounts with their configs (secrets redacted)');
  const accounts = new DomoAccounts(auth);
  const { accounts: all, failed } = await accounts.list({ withConfig: true, withAccess: true, concurrency: 8 });
  tour.line(accountsTable(all.slice(0, 6), true));
  tour.line(`… ${all.length} accounts in all, ${failed.length} config reads failed`);

  tour.step('Share an account with a user and a group');
  const account = await accounts.getByName('Snowflake - finance');
  const original = await account.getAccess();
  const [user] = movers as [DomoUser, ...DomoUser[]];
  const group = original.find((row) => row.type === 'GROUP');
  await account.share({ user: user.email });
  if (group?.name) await account.share({ group: group.name, accessLevel: AccessLevel.CAN_EDIT });
  tour.line(
    `${account.summary()}: ${user.displayName} <${user.email}> can view${group ? `, group "${group.name}" can edit` : ''}`,
  );

  tour.step('The access list');
  tour.line(accessTable(await account.getAccess()));

  tour.step('Transfer ownership');
  const owner = original.find((row) => row.type === 'USER' && row.accessLevel === 'OWNER')!;
  await account.transferOwnership({ to: user.email, from: owner.id });
  tour.line(`owner: ${owner.name} → ${user.displayName}`);

  tour.step('Rename');
  const before = account.displayName;
  await account.rename('Snowflake – finance (tour)');
  tour.line(`"${before}" → "${account.displayName}" (Domo keeps name "${account.name}")`);

  tour.step('Clean up');
  await account.rename(before);
  await account.transferOwnership({ to: owner.id, from: user.email });
  await restoreAccess(account, original);
  await role.delete();
  tour.line(
    `account #${account.id} back to its name, owner and ${original.length} access entries; role "${role.name}" deleted`,
  );
}

/**
 * Governance as code: a small spec, its plan, apply (with a snapshot), the empty plan after it; then the snapshot
 * is restored, which removes what the apply made and moves the members back to their roles.
 */
async function governanceTour(tour: Tour, auth: DomoAuth, emails: string[]): Promise<void> {
  tour.step(
    'Governance as code: plan and apply a spec (its policy rules judged), then restore the snapshot taken before',
  );
  const spec = loadSpec(
    [
      'roles:',
      '  Tour Auditors:',
      '    description: Read the audit log',
      '    grants: [admin.audit.view, user.view]',
      `    members: [${emails.join(', ')}]`,
      'groups:',
      `  Tour Reviewers: { type: closed, members: [${emails.join(', ')}] }`,
      'policies:',
      '  - { warn: every group has two owners, group_owners_at_least: 2 }',
      '  - { deny: only Admin may manage roles, grant: role.manage, only_roles: [Admin] }',
    ].join('\n'),
    { file: 'tour.yaml' },
  );
  tour.line(renderPlan(await planSpec(auth, spec)).trimEnd());
  const dir = await mkdtemp(join(tmpdir(), 'domo-admin-tour-'));
  try {
    const { applied, snapshot } = await applySpec(auth, spec, { snapshotDir: dir });
    tour.line(`applied: ${applied.join('; ')}`);
    tour.line(renderPlan(await planSpec(auth, spec)).trimEnd());
    const taken = loadSnapshot(await readFile(snapshot ?? '', 'utf8'));
    tour.line(`restore (snapshot ${basename(snapshot ?? '')}):`);
    tour.line(renderPlan(await planRestore(auth, taken)).trimEnd());
    await restoreSnapshot(auth, taken, { allowDestructive: true });
    tour.line('(restored: the tour role and group are gone, the members back in their roles)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Puts an account's access list back to `original`: revokes what was added, resets changed levels. */
async function restoreAccess(account: DomoAccount, original: readonly AccessEntry[]): Promise<void> {
  const key = (row: { type: string; id: number }) => `${row.type}:${row.id}`;
  const wanted = new Map(original.map((row) => [key(row), row]));
  for (const row of await account.getAccess()) {
    const principal = row.type === 'USER' ? { userId: row.id } : { groupId: row.id };
    const target = wanted.get(key(row));
    if (!target) await account.unshare(principal);
    else if (target.accessLevel !== row.accessLevel)
      await account.share({ ...principal, accessLevel: target.accessLevel as AccessLevel });
  }
}

async function realApplyTour(tour: Tour, auth: DomoAuth): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  tour.step('Create a throwaway role from the default role');
  const roles = new DomoRoles(auth);
  const base = await roles.getDefault();
  const role = await DomoRole.create(auth, {
    name: `domo-admin tour ${stamp}`,
    description: 'temporary: created and deleted by the domo-admin tour',
    fromRoleId: base.id,
  });
  try {
    tour.line(`created ${role.summary()}`);
    tour.step('Add and remove a grant');
    const catalogue = await roles.authorities();
    const extra = catalogue.find((g) => !(role.grants ?? []).includes(g.id) && (g.dependsOn ?? []).length === 0);
    if (extra) {
      await role.addGrants([extra.id]);
      await role.removeGrants([extra.id]);
      tour.line(`added and removed ${extra.id}`);
    }
    tour.line('(users are not moved and no ownership is transferred on a real instance)');
  } finally {
    tour.step('Clean up');
    await role.delete();
    tour.line(`deleted role #${role.id}`);
  }
}
