// Issue 24 §3: the red team's findings on governance specs, exports, names and snapshots (each failed before its fix).
import { describe, expect, it } from 'vitest';
import {
  DomoPlanError,
  DomoSpecError,
  exportSpec,
  loadSpec,
  planSpec,
  specToYaml,
  type Spec,
} from '../../src/governance/index.js';
import { UNSAFE_CHARS_BUT_LINES } from '../../src/internal/unsafe-text.js';
import type { SandboxRole } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 40, accounts: 4 });
const people = () =>
  [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);

function addRole(name: string, members: number[] = []): SandboxRole {
  const id = sb.state.nextRoleId++;
  const role = { id, name, description: '', authorities: ['dataset.view'], created: 1, modified: 1 };
  sb.state.roles.set(id, role);
  for (const userId of members) sb.state.users.get(userId)!.roleId = id;
  return role;
}

const problemsOf = (text: string) => {
  try {
    loadSpec(text, { file: 'spec.yaml' });
  } catch (error) {
    expect(error).toBeInstanceOf(DomoSpecError);
    return (error as DomoSpecError).problems;
  }
  throw new Error('the spec loaded');
};

describe('#1, #7: names that are Object.prototype keys', () => {
  it('a role named __proto__ on the server: planning a move out of it pollutes nothing and the before-state keeps it', async () => {
    const [a, b] = people();
    addRole('__proto__', [a!.id, b!.id]);
    addRole('constructor');
    const plan = await planSpec(sb.auth, { roles: { Editor: { members: [a!.emailAddress] } } });
    expect(({} as Record<string, unknown>).members).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('members');
    const before = plan.before.spec.roles!;
    expect(Object.hasOwn(before, '__proto__')).toBe(true);
    expect(before['__proto__']!.members).toEqual([a!.emailAddress]);
    // A later, unrelated plan is not affected: it plans no group for an existing one.
    const group = [...sb.state.groups.values()].find((g) => g.type === 'open')!;
    const next = await planSpec(sb.auth, { groups: { [group.name]: {} } });
    expect(next.changes.filter((c) => c.kind === 'create-group')).toEqual([]);
  });

  it('__proto__, constructor and toString keys in a spec are kept as names, in roles, groups and share', () => {
    const spec = loadSpec(
      [
        'roles:',
        '  __proto__: { description: p }',
        '  toString: { description: t }',
        'groups:',
        '  constructor: { description: c }',
        'accounts:',
        '  x:',
        '    share: { "group:__proto__": CAN_VIEW }',
      ].join('\n'),
    );
    expect(Object.keys(spec.roles!)).toEqual(['__proto__', 'toString']);
    expect(spec.roles!['__proto__']).toEqual({ description: 'p' });
    expect(Object.keys(spec.groups!)).toEqual(['constructor']);
    expect(Object.keys(spec.accounts!.x!.share!)).toEqual(['group:__proto__']);
    expect(Object.prototype).not.toHaveProperty('description');
  });
});

describe('#2: a fresh export is data, and plans no changes', () => {
  it('for every name the server can hold: bidi, zero-width and control characters, padding, 300 characters, __proto__', async () => {
    const names = [
      'Evil\u202Egnp.exe',
      'Zero\u200Bwidth',
      'Esc\u001b[31mRed',
      ' Padded ',
      'L'.repeat(300),
      '__proto__',
    ];
    const [first] = people();
    const gone = [...sb.state.users.values()].find((u) => u.deleted)!;
    for (const name of names) addRole(name, [first!.id]);
    gone.roleId = [...sb.state.roles.values()].find((r) => r.name === ' Padded ')!.id; // a deleted user keeps a role
    const [one, two] = [...sb.state.accounts.values()];
    two!.displayName = one!.displayName; // two accounts with one display name
    const skipped: string[][] = [];
    const spec = await exportSpec(sb.auth, { onSkip: (s) => skipped.push(s.names) });
    expect(skipped).toEqual([[one!.displayName, one!.displayName]]);
    const yaml = specToYaml(spec);
    expect(yaml.replace(/\t/g, '')).not.toMatch(UNSAFE_CHARS_BUT_LINES);
    expect(yaml).toContain('"Evil\\u202Egnp.exe"');
    const loaded = loadSpec(yaml);
    for (const name of names) expect(Object.hasOwn(loaded.roles!, name), JSON.stringify(name)).toBe(true);
    const plan = await planSpec(sb.auth, loaded);
    expect(plan.changes).toEqual([]);
  });
});

describe('#6: duplicates in a spec are errors at their place, nothing sent', () => {
  it('names that differ only by case or surrounding spaces, and share keys that differ only by case', () => {
    const trailing = problemsOf('roles:\n  Auditors: {}\n  "Auditors ": {}\n');
    expect(trailing[0]).toMatchObject({ line: 3, path: 'roles.Auditors ' });
    expect(trailing[0]!.message).toContain('name the same role');
    expect(problemsOf('groups:\n  Auditors: {}\n  auditors: {}\n')[0]).toMatchObject({ line: 3 });
    const share = problemsOf(
      'accounts:\n  x:\n    share:\n      ada@acme.com: CAN_VIEW\n      ADA@acme.com: CAN_EDIT\n',
    );
    expect(share[0]).toMatchObject({ line: 5 });
    expect(problemsOf('roles:\n  A: {}\n  A: {}\n')[0]!.message).toContain('appears twice');
    expect(sb.sent).toHaveLength(0);
  });

  it('one user twice under share, by email and by id, is a plan problem at one of the keys', async () => {
    const [user] = people();
    const account = sb.state.accounts.get(1)!;
    const spec: Spec = {
      accounts: {
        [account.displayName]: { share: { [user!.emailAddress]: 'CAN_VIEW', [String(user!.id)]: 'CAN_EDIT' } },
      },
    };
    const error = (await planSpec(sb.auth, spec).catch((e: unknown) => e)) as DomoPlanError;
    expect(error).toBeInstanceOf(DomoPlanError);
    expect(error.problems).toEqual([
      expect.stringMatching(/\.share\.\S+: the same user as \S+ \(.+\); list them once$/),
    ]);
    expect(sb.state.requests.filter((r) => r.mutated)).toHaveLength(0);
  });
});

describe('#14, #15, #19: what a spec file may hold', () => {
  it('an alias bomb is a located DomoSpecError, not a ReferenceError', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'roles: {}',
    ].join('\n');
    const [problem] = problemsOf(bomb);
    expect(problem!.message).toContain('too many YAML aliases');
    expect(problem!.line).toBeGreaterThan(0);
  });

  it('a complex key is refused at its place, not turned into a role named "[ a, b ]"', () => {
    const [problem] = problemsOf('roles:\n  ? [a, b]\n  : {}\n');
    expect(problem).toMatchObject({ line: 2 });
    expect(problem!.message).toContain('complex keys are refused');
  });

  it('30 000 roles load (the duplicate-key check is linear)', () => {
    const lines = ['roles:'];
    for (let i = 0; i < 30_000; i += 1)
      lines.push(`  Role number ${i}: { description: "role ${i}", grants: [dataset.view] }`);
    expect(Object.keys(loadSpec(lines.join('\n')).roles!)).toHaveLength(30_000);
  });

  it('a new name with control characters is a problem; a lookalike of an existing name is a warning', async () => {
    const error = (await planSpec(sb.auth, {
      roles: { 'Bad\u0000Name': {}, 'Esc\u001bName': {} },
    }).catch((e: unknown) => e)) as DomoPlanError;
    expect(error).toBeInstanceOf(DomoPlanError);
    expect(error.problems).toEqual([
      expect.stringContaining('must not hold control, bidi or zero-width characters (\\u0000)'),
      expect.stringContaining('(\\u001B)'),
    ]);
    const plan = await planSpec(sb.auth, { roles: { Аdmin: {} } }); // a Cyrillic А
    expect(plan.warnings).toEqual([expect.stringContaining('looks like the existing role "Admin"')]);
  });
});
