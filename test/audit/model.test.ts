import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { auditAccess, reachOf, userAccess, whoCan } from '../../src/audit/index.js';
import { DomoAuthError, DomoInputError } from '../../src/index.js';
import { people } from '../helpers/audit.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 60, accounts: 8 });

describe('auditAccess', () => {
  it('reads one consistent model, at most one request per entity (list pages aside)', async () => {
    const progress = new Set<string>();
    const model = await auditAccess(sb.auth, { onProgress: (p) => progress.add(p.section) });
    const state = sb.state;
    expect(model.counts).toMatchObject({
      roles: state.roles.size,
      users: [...state.users.values()].filter((u) => !u.deleted).length,
      groups: state.groups.size,
      accounts: state.accounts.size,
      templates: state.templates.size,
      failures: 0,
    });
    for (const role of model.roles) {
      expect(role.grants).toEqual([...state.roles.get(role.id)!.authorities].sort());
      expect(role.members.sort()).toEqual(
        [...state.users.values()]
          .filter((u) => u.roleId === role.id && !u.deleted)
          .map((u) => u.id)
          .sort(),
      );
    }
    expect(model.roles.find((r) => r.isDefault)!.id).toBe(state.defaultRoleId);
    expect(model.users.filter((u) => u.deleted)).toHaveLength(3);
    const { requests } = model;
    expect(requests.roles).toBe(state.roles.size + 2); // the list, the default role, one grants read per role
    expect(requests.accounts).toBe(state.accounts.size + 1);
    expect(requests.templates).toBe(state.templates.size + 1);
    expect(requests.groups).toBeLessThanOrEqual(state.groups.size + 2); // list pages (an empty one ends it), members
    expect(requests.users).toBe(1);
    expect(requests.total).toBe(sb.sent.length);
    expect([...progress]).toEqual(expect.arrayContaining(['roles', 'groups', 'accounts', 'templates']));
  });

  it('expands shares through group membership, nested groups too', async () => {
    const [inner, outer] = [...sb.state.groups.values()].filter((g) => g.type === 'open' || g.type === 'closed');
    const nested = people(sb.state).find((u) => !inner!.userIds.includes(u.id) && !outer!.userIds.includes(u.id))!;
    inner!.userIds.push(nested.id);
    outer!.groupIds.push(inner!.id);
    const account = sb.state.accounts.get(4)!;
    account.shares.push({ type: 'GROUP', id: outer!.id, accessLevel: 'CAN_EDIT' });
    const model = await auditAccess(sb.auth);
    const reach = reachOf(
      model,
      model.accounts.find((a) => a.id === 4)!,
    );
    expect(reach.get(nested.id)).toEqual([{ level: 'CAN_EDIT', via: { group: outer!.name, id: outer!.id } }]);
    const access = userAccess(model, nested.emailAddress.toUpperCase());
    expect(access.groups.map((g) => g.group.name)).toEqual(expect.arrayContaining([inner!.name, outer!.name]));
    expect(access.credentials.find((c) => c.credential.id === 4)).toMatchObject({ kind: 'account', level: 'CAN_EDIT' });
    expect(() => userAccess(model, 'nobody@sandbox.example')).toThrow(DomoInputError);
  });

  it('who-can: the users holding a grant and the role it comes through; an unknown grant gets suggestions', async () => {
    const model = await auditAccess(sb.auth, { include: ['roles'] });
    const holders = whoCan(model, 'role.manage');
    const expected = [...sb.state.users.values()].filter(
      (u) => !u.deleted && sb.state.roles.get(u.roleId)!.authorities.includes('role.manage'),
    );
    expect(holders.map((h) => h.user.id).sort()).toEqual(expected.map((u) => u.id).sort());
    expect(new Set(holders.map((h) => h.role.name))).toEqual(new Set(['Admin', 'Privileged Admin']));
    expect(() => whoCan(model, 'role.manag')).toThrow(/did you mean role\.manage/);
  });

  it('a failed read is listed and the rest goes on; a rejected credential stops it', async () => {
    sb.server.use(
      http.get('*/api/data/v2/accounts/share/3', () => HttpResponse.json({ message: 'boom' }, { status: 500 })),
      http.get('*/api/authorization/v1/roles/3/authorities', () =>
        HttpResponse.json({ message: 'no' }, { status: 403 }),
      ),
    );
    const model = await auditAccess(sb.authWith({ retry: 0 }));
    expect(model.failures.map((f) => [f.section, f.id])).toEqual(
      expect.arrayContaining([
        ['accounts', 3],
        ['roles', 3],
      ]),
    );
    expect(model.accounts.find((a) => a.id === 3)).toMatchObject({ incomplete: true, shares: [] });
    expect(model.roles.find((r) => r.id === 3)).toMatchObject({ incomplete: true });
    expect(model.accounts.filter((a) => !a.incomplete)).toHaveLength(sb.state.accounts.size - 1);
    await expect(auditAccess(sb.authWith({ token: 'wrong' }))).rejects.toThrow(DomoAuthError);
  });

  it('pages through users until an empty page when the search gives no total (a short page is not the end)', async () => {
    const all = [...sb.state.users.values()];
    const extra = Array.from({ length: 1_100 }, (_, i) => ({ id: 900_000_000 + i, email: `bulk${i}@sandbox.example` }));
    const pages: number[] = [];
    sb.server.use(
      http.post('*/api/identity/v1/users/search', async ({ request }) => {
        const { offset, limit } = (await request.json()) as { offset: number; limit: number };
        pages.push(offset);
        const rows = [
          ...all.map((u) => ({ id: u.id, email: u.emailAddress, roleId: u.roleId })),
          ...extra.map((u) => ({ ...u, roleId: 4 })),
        ].slice(offset, offset + limit);
        return HttpResponse.json({
          users: rows.map((u) => ({
            id: u.id,
            attributes: [
              { key: 'emailAddress', values: [u.email] },
              { key: 'roleId', values: [u.roleId] },
            ],
          })),
        });
      }),
    );
    const model = await auditAccess(sb.auth, { include: ['users'] });
    expect(model.users).toHaveLength(all.length + extra.length);
    expect(pages).toEqual([0, 500, 1000, 1165]);
    expect(model.requests.users).toBe(4); // three pages and the empty page that ends them
  });
});
