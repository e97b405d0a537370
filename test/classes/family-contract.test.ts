// The family contract (docs/families.md), asserted for every family's manager: one API, and not-found errors that
// name what is close. A family that skips a part fails here.
import { describe, expect, it } from 'vitest';
import {
  DomoAccounts,
  DomoGroups,
  DomoNotFoundError,
  DomoOAuthAccounts,
  DomoRoles,
  DomoUsers,
  type DomoAuth,
} from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 20, accounts: 4 });

/** Each family's manager, and a name that is one letter off an existing one. */
const FAMILIES: { name: string; manager: (auth: DomoAuth) => object; misspelt: string; close: string }[] = [
  { name: 'roles', manager: (auth) => new DomoRoles(auth), misspelt: 'Editr', close: 'Editor' },
  { name: 'accounts', manager: (auth) => new DomoAccounts(auth), misspelt: 'domo_cred', close: 'domo_creds' },
  { name: 'groups', manager: (auth) => new DomoGroups(auth), misspelt: 'Financ', close: 'Finance' },
  { name: 'users', manager: (auth) => new DomoUsers(auth), misspelt: 'nobody@sandbox.example', close: '' },
];

describe('every family speaks one manager API', () => {
  for (const family of FAMILIES) {
    it(`${family.name}: get, list, resolve, create, upsert`, () => {
      const manager = family.manager(sb.auth) as Record<string, unknown>;
      for (const method of ['get', 'list', 'resolve', 'create', 'upsert'])
        expect(typeof manager[method], `${family.name}.${method}`).toBe('function');
    });

    it(`${family.name}: resolve reports every unknown reference at once${family.close ? ', with close matches' : ''}`, async () => {
      const manager = family.manager(sb.auth) as { resolve: (refs: unknown[]) => Promise<unknown[]> };
      const error = (await manager.resolve([family.misspelt]).catch((e: unknown) => e)) as DomoNotFoundError;
      expect(error).toBeInstanceOf(DomoNotFoundError);
      expect(error.message).toContain(family.misspelt);
      if (family.close) expect(error.message).toContain(`did you mean "${family.close}"`);
    });
  }

  it('resolve takes ids and exact names in one call, in order', async () => {
    const roles = await new DomoRoles(sb.auth).resolve(['editor', 1, '4']);
    expect(roles.map((r) => r.name)).toEqual(['Editor', 'Admin', 'Participant']);
    const [account] = await new DomoAccounts(sb.auth).resolve(['DOMO_CREDS']);
    expect(account!.id).toBe(1);
  });

  it('OAuth templates have their own manager: get, list, exact names, resolve with suggestions, create', async () => {
    const templates = new DomoOAuthAccounts(sb.auth);
    for (const method of ['get', 'list', 'findByName', 'getByName', 'resolve', 'create'])
      expect(typeof (templates as unknown as Record<string, unknown>)[method], method).toBe('function');
    const [first] = await templates.list();
    const [resolved] = await templates.resolve([first!.displayName.toUpperCase()]);
    expect(resolved!.id).toBe(first!.id);
    const misspelt = first!.displayName.slice(0, -1);
    const error = (await templates.resolve([misspelt]).catch((e: unknown) => e)) as DomoNotFoundError;
    expect(error).toBeInstanceOf(DomoNotFoundError);
    expect(error.message).toContain(`did you mean ${JSON.stringify(first!.displayName)}`);
  });

  it('create is on every manager (the statics stay as aliases)', async () => {
    const role = await new DomoRoles(sb.auth).create({ name: 'Contract Role', description: 'made by the manager' });
    expect(sb.state.roles.get(role.id)?.name).toBe('Contract Role');
  });
});
