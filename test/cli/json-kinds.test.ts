// One --json shape per kind: every command that prints a user, role, group, account, OAuth template, grant,
// change report or error prints exactly the documented schema (strict: a field of its own fails), lists as
// `{ items, failed }`; the README's example of each kind is valid too; `schema --kind` prints it as JSON Schema.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CONTENT_TYPES, KIND_SCHEMAS, listSchema, type Kind } from '../../src/cli/kinds-schema.js';
import { SINGLE_OWNER_FAMILIES } from '../../src/classes/owned-families.js';
import { useLoopbackCli, writeProfiles } from '../helpers/loopback.js';
import { JSON_KINDS } from '../../src/cli/commands/governance.js';

const loopback = useLoopbackCli();

/** Runs a command with --json (and --yes) and checks its stdout against the kind, or a list of it. */
async function expectKind(kind: Kind, args: string[], shape: 'one' | 'list' = 'one'): Promise<unknown> {
  const run = await loopback.cli(['--json', '--yes', ...args]);
  expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
  const schema: z.ZodType = shape === 'list' ? listSchema(KIND_SCHEMAS[kind]) : KIND_SCHEMAS[kind];
  const parsed = schema.safeParse(JSON.parse(run.stdout));
  expect(parsed.error?.issues ?? [], `${args.join(' ')} as ${kind}`).toEqual([]);
  return parsed.data;
}

const state = () => loopback.sandbox().state;
const someone = () =>
  [...state().users.values()].find((u) => u.roleId === 4 && !u.emailAddress.includes('_deleted_'))!.emailAddress;

describe('--json: one schema per kind', () => {
  it('user: whoami, users list, find, show, create, set-role, update', async () => {
    const me = (await expectKind('user', ['whoami'])) as { role: string; roleId: number | null };
    expect(me.role).toBe('Admin');
    const list = (await expectKind('user', ['users', 'list', '--limit', '5'], 'list')) as {
      items: { roleId: number; role: string }[];
    };
    for (const user of list.items) expect(user.role, 'a role id always comes with its name').toBeTruthy();
    await expectKind('user', ['users', 'find', 'ada'], 'list');
    await expectKind('user', ['users', 'show', 'admin@sandbox.example']);
    await expectKind('user', ['users', 'create', 'new.person@sandbox.example', '--name', 'New Person']);
    const moved = (await expectKind('user', ['users', 'set-role', someone(), 'Editor'])) as { role: string };
    expect(moved.role).toBe('Editor');
    await expectKind('user', ['users', 'update', 'new.person@sandbox.example', '--title', 'Analyst']);
  });

  it('role: roles list, show, create, update, default', async () => {
    await expectKind('role', ['roles', 'list'], 'list');
    const shown = (await expectKind('role', ['roles', 'show', 'Editor'])) as { grants: string[]; members: unknown[] };
    expect(shown.grants.length).toBeGreaterThan(0);
    await expectKind('role', ['roles', 'create', 'Auditors', '--from', 'Editor']);
    await expectKind('role', ['roles', 'update', 'Auditors', '--description', 'read-only audit']);
    const def = (await expectKind('role', ['roles', 'default'])) as { isDefault: boolean };
    expect(def.isDefault).toBe(true);
  });

  it('group: groups list, show, create, update, owners', async () => {
    await expectKind('group', ['groups', 'list'], 'list');
    const shown = (await expectKind('group', ['groups', 'show', 'Finance'])) as { owners: unknown[] };
    expect(shown.owners.length).toBeGreaterThan(0);
    await expectKind('group', ['groups', 'create', 'Reviewers', '--type', 'closed']);
    await expectKind('group', ['groups', 'update', 'Reviewers', '--description', 'reviews']);
    await expectKind('group', ['groups', 'owners', 'Reviewers']);
  });

  it('account and OAuth template: list, show, rename, transfer-owner; access lists', async () => {
    const accounts = (await expectKind('account', ['accounts', 'list', '--with-config'], 'list')) as {
      items: { owners: { name: string | null }[]; config: unknown }[];
    };
    expect(accounts.items[0]!.owners[0]!.name, 'owners by name').toBeTruthy();
    expect(accounts.items[0]!.config).toBeDefined();
    await expectKind('account', ['accounts', 'show', '1']);
    await expectKind('account', ['accounts', 'rename', '1', 'domo creds']);
    await expectKind('account', ['accounts', 'transfer-owner', '1', '--to', someone()]);
    const templates = (await expectKind('oauthTemplate', ['oauth', 'list'], 'list')) as {
      items: { id: number; owners: { name: string | null }[] }[];
    };
    expect(templates.items[0]!.owners[0]!.name, 'owners by name').toBeTruthy();
    await expectKind('oauthTemplate', ['oauth', 'show', String(templates.items[0]!.id)]);
  });

  it('dataset: datasets list (searched, and --owner), show; transfer prints a change report per dataset', async () => {
    const all = (await expectKind('dataset', ['datasets', 'list'], 'list')) as { items: { id: string }[] };
    expect(all.items).toHaveLength(state().datasets.size);
    const leaver = [...state().datasets.values()].find((d) => d.ownerId !== state().adminUserId)!.ownerId;
    const email = state().users.get(leaver)!.emailAddress;
    const owned = (await expectKind('dataset', ['datasets', 'list', '--owner', email], 'list')) as {
      items: { id: string; owner: { id: number } }[];
    };
    expect(owned.items.every((d) => d.owner.id === leaver)).toBe(true);
    const shown = (await expectKind('dataset', ['datasets', 'show', owned.items[0]!.id])) as { access: unknown[] };
    expect(shown.access.length).toBeGreaterThan(0);
    const moved = (await expectKind(
      'change',
      ['datasets', 'transfer', ...owned.items.map((d) => d.id), '--to', someone()],
      'list',
    )) as {
      items: { type: string; added: { as: string }[]; removed: { id: number }[] }[];
    };
    expect(moved.items).toHaveLength(owned.items.length);
    expect(moved.items[0]).toMatchObject({ type: 'dataset', added: [{ as: 'owner' }], removed: [{ id: leaver }] });
  });

  it('card: cards list, show; transfer prints a change report per card', async () => {
    const all = (await expectKind('card', ['cards', 'list', '--limit', '30'], 'list')) as { items: { id: number }[] };
    expect(all.items).toHaveLength(30);
    await expectKind('card', ['cards', 'show', String(all.items[0]!.id)]);
    const moved = (await expectKind(
      'change',
      ['cards', 'transfer', String(all.items[0]!.id), String(all.items[1]!.id), '--to', 'group:Finance'],
      'list',
    )) as { items: { type: string; added: { type: string }[] }[] };
    expect(moved.items.map((c) => c.type)).toEqual(['card', 'card']);
    expect(moved.items[0]!.added).toEqual([expect.objectContaining({ type: 'group', as: 'owner' })]);
  });

  it('content: dataflows list, list --owner, show; transfer prints a change report per dataflow', async () => {
    const all = (await expectKind('content', ['dataflows', 'list'], 'list')) as {
      items: { id: number; owner: { id: number } }[];
    };
    expect(all.items).toHaveLength([...state().dataflows.values()].filter((f) => !f.deleted).length);
    const first = all.items[0]!;
    await expectKind('content', ['dataflows', 'list', '--owner', String(first.owner.id)], 'list');
    const shown = (await expectKind('content', ['dataflows', 'show', String(first.id)])) as {
      type: string;
      details: { outputDatasetIds: string[] };
    };
    expect(shown.type).toBe('dataflow');
    expect(shown.details.outputDatasetIds.length).toBeGreaterThan(0);
    const moved = (await expectKind(
      'change',
      ['dataflows', 'transfer', String(first.id), '--to', someone()],
      'list',
    )) as {
      items: { type: string }[];
    };
    expect(moved.items.map((c) => c.type)).toEqual(['dataflow']);
    const beastModes = (await expectKind('content', ['beast-modes', 'list'], 'list')) as { items: { id: number }[] };
    const beastMode = (await expectKind('content', ['beast-modes', 'show', String(beastModes.items[0]!.id)])) as {
      type: string;
    };
    expect(beastMode.type).toBe('beastMode');
    const reports = (await expectKind('content', ['report-schedules', 'list'], 'list')) as {
      items: { id: number; type: string }[];
    };
    expect(reports.items.map((r) => r.type)).toContain('reportSchedule');
    const report = (await expectKind('content', ['report-schedules', 'show', String(reports.items[0]!.id)])) as {
      details: { frequency: string };
    };
    expect(report.details.frequency).toMatch(/^(DAILY|WEEKLY|MONTHLY)$/);
  });

  it("the content kind's types are exactly the single-owner families' kinds", () => {
    expect([...CONTENT_TYPES].sort()).toEqual(SINGLE_OWNER_FAMILIES.map((f) => f.kind).sort());
  });

  it('page: pages list, show; transfer prints a change report per page', async () => {
    const all = (await expectKind('page', ['pages', 'list'], 'list')) as { items: { id: number }[] };
    expect(all.items).toHaveLength(state().pages.size);
    const shown = (await expectKind('page', ['pages', 'show', String(all.items[0]!.id)])) as { cardIds: number[] };
    expect(shown.cardIds.length).toBeGreaterThan(0);
    const moved = (await expectKind(
      'change',
      ['pages', 'transfer', String(all.items[0]!.id), '--to', someone()],
      'list',
    )) as {
      items: { type: string }[];
    };
    expect(moved.items.map((c) => c.type)).toEqual(['page']);
  });

  it('grant: grants list', async () => {
    await expectKind('grant', ['grants', 'list'], 'list');
  });

  it('change report: every membership, share, grant and delete write', async () => {
    const user = someone();
    const moved = (await expectKind('change', ['roles', 'members', 'add', 'Editor', user])) as {
      added: { name: string | null }[];
    };
    expect(moved.added).toHaveLength(1);
    expect(moved.added[0]!.name, 'the user by name').toBeTruthy();
    await expectKind('change', ['roles', 'members', 'remove', 'Editor', user]);
    await expectKind('change', ['roles', 'grants', 'add', 'Editor', 'dataset.export']);
    await expectKind('change', ['roles', 'grants', 'remove', 'Editor', 'dataset.export']);
    await expectKind('change', ['groups', 'add', 'Finance', user]);
    await expectKind('change', ['groups', 'remove', 'Finance', user]);
    await expectKind('change', ['groups', 'owners', 'Finance', '--add', user]);
    const shared = (await expectKind('change', ['accounts', 'share', '1', '--user', user, '--level', 'CAN_EDIT'])) as {
      added: { as: string }[];
    };
    expect(shared.added).toEqual([expect.objectContaining({ type: 'user', as: 'CAN_EDIT' })]);
    const changed = (await expectKind('change', ['accounts', 'share', '1', '--user', user])) as {
      added: { as: string }[];
      removed: { as: string }[];
    };
    expect([changed.added[0]!.as, changed.removed[0]!.as]).toEqual(['CAN_VIEW', 'CAN_EDIT']);
    await expectKind('change', ['accounts', 'unshare', '1', '--user', user]);
    await expectKind('change', ['oauth', 'share', '1', '--group', 'Finance']);
    const deleted = (await expectKind('change', ['groups', 'delete', 'Finance'])) as { deleted: boolean };
    expect(deleted.deleted).toBe(true);
    await expectKind('role', ['roles', 'create', 'Temp']);
    await expectKind('change', ['roles', 'delete', 'Temp']);
    await expectKind('change', ['accounts', 'delete', '2']);
  });

  it('error: a failed command and a usage error print one error object on stderr', async () => {
    for (const args of [
      ['roles', 'show', 'No Such Role'],
      ['accounts', 'share', '1', '--level', 'BOGUS', '--user', 'admin@sandbox.example'],
    ]) {
      const run = await loopback.cli(['--json', ...args]);
      expect(run.code).not.toBe(0);
      expect(run.stdout).toBe('');
      const error = KIND_SCHEMAS.error.parse(JSON.parse(run.stderr)) as { exitCode: number };
      expect(error.exitCode).toBe(run.code);
    }
  });
});

describe('--json of a run over --profiles', () => {
  it('instances: diff and apply of a spec over one profile', async () => {
    const env = await writeProfiles(loopback.dir(), { dev: loopback.sandbox() });
    const spec = join(loopback.dir(), 'spec.yaml');
    await writeFile(spec, (await loopback.cli(['export', '--only', 'roles'])).stdout);
    for (const args of [
      ['diff', '--from', spec, '--profiles', 'dev'],
      ['apply', spec, '--profiles', 'dev'],
    ]) {
      const run = await loopback.cli(['--json', '--yes', ...args], env);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      const parsed = KIND_SCHEMAS.instances.safeParse(JSON.parse(run.stdout));
      expect(parsed.error?.issues ?? [], args.join(' ')).toEqual([]);
      expect(parsed.data?.instances.map((i) => [i.profile, i.exitCode])).toEqual([['dev', 0]]);
    }
  });
});

describe('the documented kinds', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('the README has an example of every kind, and each is valid', () => {
    for (const kind of Object.keys(KIND_SCHEMAS) as Kind[]) {
      const block = new RegExp(`<!-- json-kind: ${kind} -->\\s*\`\`\`json\\n([\\s\\S]*?)\`\`\``).exec(readme);
      expect(block, `README example of ${kind}`).not.toBeNull();
      const parsed = KIND_SCHEMAS[kind].safeParse(JSON.parse(block![1]!));
      expect(parsed.error?.issues ?? [], kind).toEqual([]);
    }
  });

  it('schema --kind takes every kind', () => {
    expect([...JSON_KINDS].sort()).toEqual(Object.keys(KIND_SCHEMAS).sort());
  });

  it('schema --kind prints each as JSON Schema', async () => {
    const run = await loopback.cli(['schema', '--kind', 'change']);
    const schema = JSON.parse(run.stdout) as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(['type', 'id', 'name', 'added', 'removed', 'deleted']);
    expect(schema.additionalProperties).toBe(false);
  });
});
