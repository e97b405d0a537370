// The public surface, named: what each entry point of the package exports at runtime is exactly the list in
// surface.json. A new export is a decision (add it to the list, and to docs when it is for users); a helper that
// leaks out of src/internal/ or a family's files, or a name that disappears, fails here. (Types are checked by the
// type check of test/package/contract.test.ts and the README's examples.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';
import * as routes from '../../src/routes/index.js';
import * as sandbox from '../../src/sandbox/index.js';
import * as governance from '../../src/governance/index.js';
import * as audit from '../../src/audit/index.js';

const expected = JSON.parse(readFileSync(new URL('./surface.json', import.meta.url), 'utf8')) as Record<
  string,
  string[]
>;
const entries: Record<string, object> = {
  'domo-admin': root,
  'domo-admin/routes': routes,
  'domo-admin/sandbox': sandbox,
  'domo-admin/governance': governance,
  'domo-admin/audit': audit,
};

describe('the public surface', () => {
  it.each(Object.keys(entries))('%s exports exactly the names in surface.json', (entry) => {
    expect(Object.keys(entries[entry]!).sort()).toEqual(expected[entry]);
  });

  it('no helper is public: argument checks, quirk handlers, suggestion and id parsers stay inside', () => {
    const everything = Object.values(entries).flatMap((entry) => Object.keys(entry));
    for (const helper of [
      'checkId',
      'checkConcurrency',
      'callOptions',
      'closeMatches',
      'parseId',
      'wireId',
      'badRequestButApplied',
      'checkEmail',
      'roleNotFound',
      'pageOf',
    ])
      expect(everything, helper).not.toContain(helper);
  });

  it('every entry point exports by name: no export * of a module with helpers', () => {
    for (const file of [
      'src/index.ts',
      'src/client/index.ts',
      'src/classes/index.ts',
      'src/routes/account/index.ts',
      'src/routes/role/index.ts',
      'src/routes/group/index.ts',
      'src/routes/user/index.ts',
      'src/governance/index.ts',
      'src/audit/index.ts',
      'src/sandbox/index.ts',
    ])
      expect(readFileSync(file, 'utf8'), file).not.toMatch(
        /^export \* from '\.\/(?!client|auth|classes|account|role|user|group)[^']*'/m,
      );
  });
});
