import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomoSpecError, loadSpec } from '../../src/governance/load.js';
import { specJsonSchema } from '../../src/governance/spec.js';

const EXAMPLE = `instance: acme            # optional guard: apply refuses another instance
roles:
  Data Stewards:
    description: Curates certified datasets
    grants: [dataset.manage, dataset.export]
    members: [ana@acme.com, bo@acme.com]
    membership: authoritative
  Editor: { grants: { add: [dataset.export] } }
  Auditors:
default_role: Participant
groups:
  Finance Analysts: { type: closed, owners: [cfo@acme.com], members: [ana@acme.com], membership: authoritative }
accounts:
  "Snowflake prod":
    share: { "group:Finance Analysts": CAN_VIEW, "dana@acme.com": CAN_EDIT }
    owner: svc@acme.com
    sharing: additive
`;

function problemsOf(text: string) {
  try {
    loadSpec(text, { file: 'governance.yaml' });
  } catch (error) {
    if (error instanceof DomoSpecError) return error;
    throw error;
  }
  throw new Error('expected a DomoSpecError');
}

describe('loadSpec', () => {
  it("reads the issue's example, with empty entries as {}", () => {
    const spec = loadSpec(EXAMPLE);
    expect(spec.instance).toBe('acme');
    expect(spec.roles?.['Data Stewards']).toEqual({
      description: 'Curates certified datasets',
      grants: ['dataset.manage', 'dataset.export'],
      members: ['ana@acme.com', 'bo@acme.com'],
      membership: 'authoritative',
    });
    expect(spec.roles?.Editor).toEqual({ grants: { add: ['dataset.export'] } });
    expect(spec.roles?.Auditors).toEqual({});
    expect(spec.accounts?.['Snowflake prod']?.share).toEqual({
      'group:Finance Analysts': 'CAN_VIEW',
      'dana@acme.com': 'CAN_EDIT',
    });
    expect(loadSpec('')).toEqual({});
  });

  it('reports every problem at once, each with file, line, column and field path', () => {
    const error = problemsOf(`roles:
  Data Stewards:
    grants: [dataset.manage, "not a grant"]
    members: [ana-at-acme.com]
    membrship: additive
groups:
  Ops: { type: system }
accounts:
  X: { share: { "someone": CAN_VIEW } }
`);
    expect(error.problems.map((p) => [p.line, p.path])).toEqual([
      [3, 'roles.Data Stewards.grants[1]'],
      [4, 'roles.Data Stewards.members[0]'],
      [5, 'roles.Data Stewards.membrship'],
      [7, 'groups.Ops.type'],
      [9, 'accounts.X.share.someone'],
    ]);
    expect(error.message).toContain('5 problems in the spec:');
    expect(error.message).toContain(
      'governance.yaml:5:5 roles.Data Stewards.membrship: unknown key; valid: description, grants, members, membership',
    );
    expect(error.problems[1]!.message).toBe('must be an email address');
    expect(error.problems[4]!.message).toBe('a share key must be "group:<exact group name>", an email or a user id');
    expect(error.name).toBe('DomoSpecError');
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(problemsOf('roles:\n  A: [unclosed\n').problems[0]).toMatchObject({
      file: 'governance.yaml',
      line: expect.any(Number),
    });
    const duplicate = problemsOf('roles:\n  A: {}\n  A: {}\n');
    expect(duplicate.problems[0]!.line).toBe(3);
    expect(problemsOf('rolez: {}\n').problems[0]).toMatchObject({
      line: 1,
      path: 'rolez',
      message: expect.stringContaining('valid: instance, roles, default_role, groups, accounts'),
    });
  });
});

describe('the published JSON Schema', () => {
  it('is generated from the zod schema and committed as schema/spec.schema.json (run npm run schema)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../schema/spec.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(specJsonSchema());
    expect(committed).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { roles: { type: 'object' } },
    });
  });
});
