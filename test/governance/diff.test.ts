import { describe, expect, it } from 'vitest';
import { diffSpecs, renderDiff, type Spec } from '../../src/governance/index.js';

const instance: Spec = {
  roles: { Stewards: { description: 'x', grants: ['a', 'b'], members: ['ana@acme.com', 'bo@acme.com'] } },
  default_role: 'Participant',
  groups: { Finance: { type: 'closed', owners: ['cfo@acme.com'], members: ['ana@acme.com'] } },
  accounts: {
    Snowflake: { owner: 'svc@acme.com', share: { 'group:Finance': 'CAN_VIEW', 'dana@acme.com': 'CAN_EDIT' } },
  },
};

describe('diffSpecs', () => {
  it('compares everything both sides have, by name (case-insensitively) and field by field', () => {
    const other: Spec = {
      roles: { stewards: { description: 'y', grants: ['b', 'c'], members: ['ANA@acme.com', 'bo@acme.com'] } },
      default_role: 'Editor',
      accounts: { Snowflake: { owner: 'svc@acme.com', share: { 'group:Finance': 'CAN_EDIT' } } },
    };
    const diff = diffSpecs(instance, other, { fromLabel: 'dev', toLabel: 'prod' });
    expect(diff.differences).toEqual([
      {
        section: 'roles',
        name: 'Stewards',
        kind: 'changed',
        fields: [
          { field: 'description', from: 'x', to: 'y' },
          { field: 'grants', from: '2', to: '2', added: ['c'], removed: ['a'] },
        ],
      },
      {
        section: 'default_role',
        name: 'default role',
        kind: 'changed',
        fields: [{ field: 'default_role', from: 'Participant', to: 'Editor' }],
      },
      { section: 'groups', name: 'Finance', kind: 'only-from', fields: [] },
      {
        section: 'accounts',
        name: 'Snowflake',
        kind: 'changed',
        fields: [
          { field: 'share group:finance', from: 'CAN_VIEW', to: 'CAN_EDIT' },
          { field: 'share dana@acme.com', from: 'CAN_EDIT', to: '(none)' },
        ],
      },
    ]);
    expect(renderDiff(diff)).toContain(
      [
        '  ~ "Stewards"',
        '      description: "x" → "y"',
        '      grants: 1 added, 1 removed',
        '        + c',
        '        − a',
      ].join('\n'),
    );
    expect(diffSpecs(instance, instance).differences).toEqual([]);
  });

  it('each difference on its own line; a long list shows its first 10 and counts the rest', () => {
    const many = Array.from({ length: 25 }, (_, i) => `u${i}@acme.com`);
    const text = renderDiff(
      diffSpecs(
        { roles: { R: { members: [] } } },
        { roles: { R: { members: many } } },
        { fromLabel: 'dev', toLabel: 'prod' },
      ),
    );
    expect(text).toContain('      members: 25 added\n        + u0@acme.com\n');
    expect(text.match(/^ {8}\+ /gm)).toHaveLength(10);
    expect(text).toContain('        … and 15 more added\n');
  });

  it('scoped to a spec: only what it lists; additive entries ignore what the instance has beyond them', () => {
    const spec: Spec = {
      roles: { Stewards: { members: ['ana@acme.com'] } },
      accounts: { Snowflake: { share: { 'group:Finance': 'CAN_VIEW' } } },
    };
    expect(diffSpecs(spec, instance, { scope: 'from' }).differences).toEqual([]);
    const strict: Spec = {
      roles: { Stewards: { members: ['ana@acme.com'], membership: 'authoritative' } },
      accounts: { Snowflake: { share: { 'group:Finance': 'CAN_VIEW' }, sharing: 'authoritative' } },
    };
    expect(diffSpecs(strict, instance, { scope: 'from' }).differences.map((d) => d.fields)).toEqual([
      [{ field: 'members', from: '1', to: '2', added: ['bo@acme.com'], removed: [] }],
      [{ field: 'share dana@acme.com', from: '(none)', to: 'CAN_EDIT' }],
    ]);
    expect(diffSpecs(instance, spec, { scope: 'to' }).differences).toEqual([]);
  });
});
