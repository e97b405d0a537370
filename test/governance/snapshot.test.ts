import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applySavedPlan,
  applySpec,
  DomoPlanError,
  DomoSpecError,
  DomoStalePlanError,
  exportSpec,
  loadPlan,
  loadSnapshot,
  planRestore,
  planSpec,
  renderPlan,
  restoreSnapshot,
  savePlan,
  type Spec,
} from '../../src/governance/index.js';
import { http, HttpResponse } from 'msw';
import { DomoInputError, DomoPartialFailureError } from '../../src/index.js';
import { createSandboxHandlers } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';
import { editorExtra, everythingSpec } from '../helpers/specs.js';

const sb = useSandbox();
let dir: string;
let extra: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'domo-admin-snapshots-'));
  extra = editorExtra(sb.state);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);
const roleNamed = (name: string) => [...sb.state.roles.values()].find((r) => r.name === name);
const groupNamed = (name: string) => [...sb.state.groups.values()].find((g) => g.name === name);
const everything = () => everythingSpec(sb.state, extra);

describe('snapshots and restore', () => {
  it('apply writes a snapshot of what it touches; restore puts the instance back exactly as it was', async () => {
    const before = await exportSpec(sb.auth);
    const report = await applySpec(sb.auth, everything(), { allowDestructive: true, snapshotDir: dir });
    expect(report.snapshot).toMatch(/\.json$/);
    expect(await readdir(dir)).toHaveLength(1);
    expect(roleNamed('Auditors')).toBeDefined();
    expect(sb.state.defaultRoleId).toBe(roleNamed('Auditors')!.id);

    const snapshot = loadSnapshot(await readFile(report.snapshot!, 'utf8'), { file: report.snapshot! });
    expect(snapshot.absent).toEqual({ roles: ['Auditors'], groups: ['Release Crew'] });
    expect(snapshot.spec.default_role).toBe(before.default_role);
    expect(snapshot.spec.roles?.['Finance Editors']?.grants).toEqual(
      [...(before.roles?.['Finance Editors']?.grants as string[])].sort(),
    );
    expect(snapshot.spec.roles?.Editor?.grants).toEqual({
      add: expect.any(Array),
      remove: [extra],
    });

    const back = await planRestore(sb.auth, snapshot);
    expect(renderPlan(back)).toContain('− role "Auditors"');
    expect(renderPlan(back)).toContain('− group "Release Crew"');
    await expect(restoreSnapshot(sb.auth, snapshot)).rejects.toThrow(/destructive/);
    const restored = await restoreSnapshot(sb.auth, snapshot, { allowDestructive: true, snapshotDir: dir });
    expect(restored.snapshot).toBeDefined(); // a restore is an apply: it can be undone too
    expect(await exportSpec(sb.auth)).toEqual(before);
    expect(roleNamed('Auditors')).toBeUndefined();
    expect(groupNamed('Release Crew')).toBeUndefined();
    expect((await planRestore(sb.auth, snapshot)).changes).toEqual([]);
  });

  it('undoing a restore re-creates what it deleted', async () => {
    const first = await applySpec(sb.auth, everything(), { allowDestructive: true, snapshotDir: dir });
    const applied = await exportSpec(sb.auth);
    const undo = await restoreSnapshot(sb.auth, loadSnapshot(await readFile(first.snapshot!, 'utf8')), {
      allowDestructive: true,
      snapshotDir: dir,
    });
    const redo = loadSnapshot(await readFile(undo.snapshot!, 'utf8'));
    expect(redo.spec.roles?.Auditors).toMatchObject({ description: 'Read the logs', grants: ['admin.audit.view'] });
    await restoreSnapshot(sb.auth, redo, { allowDestructive: true });
    const again = await exportSpec(sb.auth);
    // The same roles, groups and shares by name; only the members of the default role may differ in order.
    expect(again).toEqual(applied);
  });

  it('a failure part-way names the snapshot, and restoring it undoes what was applied', async () => {
    const before = await exportSpec(sb.auth);
    sb.server.use(
      http.put('*/api/authorization/v1/roles/settings', () => HttpResponse.json({ message: 'nope' }, { status: 403 })),
    );
    const error = (await applySpec(sb.authWith({ retry: 0 }), everything(), {
      allowDestructive: true,
      snapshotDir: dir,
    }).catch((e: unknown) => e)) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    const [file] = await readdir(dir);
    expect(error.message).toContain(`the state before is in ${join(dir, file!)}`);
    expect(roleNamed('Auditors')).toBeDefined(); // created before the default-role step failed
    sb.server.resetHandlers(...createSandboxHandlers(sb.state));
    await restoreSnapshot(sb.auth, loadSnapshot(await readFile(join(dir, file!), 'utf8')), { allowDestructive: true });
    expect(await exportSpec(sb.auth)).toEqual(before);
  });

  it('a snapshot of another instance is refused before anything is read or changed', async () => {
    await applySpec(sb.auth, everything(), { allowDestructive: true, snapshotDir: dir });
    const [file] = await readdir(dir);
    const snapshot = { ...loadSnapshot(await readFile(join(dir, file!), 'utf8')), instance: 'acme' };
    await expect(planRestore(sb.auth, snapshot)).rejects.toThrow(/the spec is for instance "acme", not "sandbox"/);
  });

  it('refuses to delete a system role, the default role, or a name that is both wanted and absent', async () => {
    const error = (await planSpec(
      sb.auth,
      { roles: { Auditors: {} } },
      { absent: { roles: ['Admin', 'Participant', 'Auditors'], groups: ['All Users'] } },
    ).catch((e: unknown) => e)) as DomoPlanError;
    expect(error).toBeInstanceOf(DomoPlanError);
    expect(error.problems).toEqual([
      'roles.Admin: "Admin" is a system role: it cannot be deleted',
      'roles.Participant: "Participant" is a system role: it cannot be deleted',
      'roles.Auditors: a role cannot be both in the spec and absent',
      'groups.All Users: "All Users" is a system group: it cannot be deleted',
    ]);
  });

  it('a snapshot file that is not one is refused with every problem located', () => {
    const error = (() => {
      try {
        return loadSnapshot('format: domo-admin-snapshot\nversion: 2\ninstance: x\n', { file: 'snap.json' });
      } catch (e) {
        return e;
      }
    })() as DomoSpecError;
    expect(error).toBeInstanceOf(DomoSpecError);
    expect(error.message).toMatch(/problems? in the snapshot/);
    expect(error.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['version', 'takenAt', 'spec', 'absent']));
  });
});

describe('saved plans', () => {
  const saved = async (spec: Spec) => {
    const text = `${JSON.stringify(savePlan(await planSpec(sb.auth, spec)), null, 2)}\n`;
    return loadPlan(text, { file: 'plan.json' });
  };

  it('applies a saved plan when nothing changed since planning', async () => {
    const plan = await saved(everything());
    const report = await applySavedPlan(sb.auth, plan, { allowDestructive: true });
    expect(report.applied.length).toBe(plan.changes.length);
    expect((await planSpec(sb.auth, everything())).changes).toEqual([]);
  });

  it('refuses a saved plan once the instance has changed, applying nothing', async () => {
    const plan = await saved(everything());
    roleNamed('Finance Editors')!.authorities.push('card.share'); // someone else changed the instance meanwhile
    const untouched = await exportSpec(sb.auth);
    const error = (await applySavedPlan(sb.auth, plan, { allowDestructive: true }).catch((e: unknown) => e)) as
      DomoStalePlanError | undefined;
    expect(error).toBeInstanceOf(DomoStalePlanError);
    expect(error!.message).toMatch(/changed since this plan was made .*nothing was applied/s);
    expect(error!.current.changes.length).toBeGreaterThan(0);
    expect(await exportSpec(sb.auth)).toEqual(untouched);
  });

  it('refuses a saved plan when what it read changed, even if the changes would be the same', async () => {
    const plan = await saved(everything());
    const bystander = live().at(-1)!;
    bystander.roleId = roleNamed('Finance Editors')!.id; // a member the additive spec does not mind
    const error = await applySavedPlan(sb.auth, plan, { allowDestructive: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoStalePlanError);
    expect((error as DomoStalePlanError).current.changes).toEqual(plan.changes);
  });

  it('refuses a saved plan whose changes were edited, or that is for another instance', async () => {
    const plan = await saved(everything());
    const edited = { ...plan, changes: plan.changes.slice(1) };
    await expect(applySavedPlan(sb.auth, edited, { allowDestructive: true })).rejects.toThrow(/was the file edited/);
    await expect(applySavedPlan(sb.auth, { ...plan, instance: 'acme' })).rejects.toThrow(DomoInputError);
    await expect(applySavedPlan(sb.auth, { ...plan, instance: 'acme' })).rejects.toThrow(/for instance "acme"/);
  });

  it('a plan file with a bad fingerprint or no spec is refused before anything is read', () => {
    expect(() => loadPlan('{"format":"domo-admin-plan","version":1}', { file: 'p.json' })).toThrow(
      /p\.json.* createdAt/s,
    );
  });
});
