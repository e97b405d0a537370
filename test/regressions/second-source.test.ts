// domo-api-admin.md §6: what a second source (the Postman collection, PM) says Domo sends and expects, checked on
// the wire, with the sandbox answering in PM's shapes and reproducing the traps peers saw.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { offboardUser } from '../../src/audit/index.js';
import { DomoGroups, DomoUser, DomoUsers, roleNameOf, routes } from '../../src/index.js';
import { people } from '../helpers/audit.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 60, accounts: 4 });
const sentTo = (path: string) => sb.sent.filter((r) => r.url.pathname === path);
const bodies = async (path: string) => {
  await sb.settled();
  return sentTo(path).map((r) => JSON.parse(r.body) as unknown);
};

/** A user who owns one group and is a member of another; every other group neither. */
function ownerOfOneGroup() {
  const [user, heir] = people(sb.state);
  const groups = [...sb.state.groups.values()].filter((g) => g.type === 'open' || g.type === 'closed');
  const [owned, joined] = groups;
  for (const g of sb.state.groups.values()) g.userIds = g.userIds.filter((id) => id !== user!.id);
  owned!.owners = [{ type: 'USER', id: user!.id }];
  joined!.userIds.push(user!.id);
  return { user: user!, heir: heir!, owned: owned!, joined: joined! };
}

describe('§6 #1: grouplist filters are sent, never trusted', () => {
  it('sends owner with ownerType=USER', async () => {
    const { user } = ownerOfOneGroup();
    await routes.getGroups(sb.auth, { owner: user.id });
    const query = sentTo('/api/content/v2/groups/grouplist')[0]!.url.searchParams;
    expect(query.get('owner')).toBe(String(user.id));
    expect(query.get('ownerType')).toBe('USER');
  });

  it('owned(), groups() and DomoGroups.list re-check every row when Domo ignores the filters', async () => {
    sb.state.traps.groupListIgnoresFilters = true;
    const { user, owned, joined } = ownerOfOneGroup();
    const raw = await routes.getAllGroups(sb.auth, { owner: user.id });
    expect(raw.data.length).toBe(sb.state.groups.size); // the trap: every group came back
    const entity = await DomoUser.get(sb.auth, user.id);
    expect((await entity.owned()).groups.map((g) => g.id)).toEqual([owned.id]);
    expect((await entity.groups()).map((g) => g.id)).toEqual([joined.id]);
    expect((await new DomoGroups(sb.auth).list({ owner: user.id })).map((g) => g.id)).toEqual([owned.id]);
  });

  it('DomoUser.delete({ transferTo }) and offboarding touch only the groups the user owns', async () => {
    sb.state.traps.groupListIgnoresFilters = true;
    const { user, heir, owned } = ownerOfOneGroup();
    const ownersOfOthers = () =>
      JSON.stringify([...sb.state.groups.values()].filter((g) => g.id !== owned.id).map((g) => g.owners));
    const untouched = ownersOfOthers();
    await (await DomoUser.get(sb.auth, user.id)).delete({ transferTo: heir.id });
    const changes = (await bodies('/api/content/v2/groups/access')) as { groupId: string }[][];
    expect(changes.flat().map((c) => c.groupId)).toEqual([String(owned.id)]);
    expect(sb.state.groups.get(owned.id)!.owners).toEqual([{ type: 'USER', id: heir.id }]);
    expect(ownersOfOthers()).toBe(untouched);
  });

  it('offboarding with the trap on hands over exactly the owned group', async () => {
    sb.state.traps.groupListIgnoresFilters = true;
    const { user, heir, owned } = ownerOfOneGroup();
    const { plan } = await offboardUser(sb.auth, user.emailAddress, { to: heir.emailAddress });
    expect(plan.groups.map((g) => g.id)).toEqual([owned.id]);
    const changes = (await bodies('/api/content/v2/groups/access')) as { groupId: string }[][];
    expect(changes.flat().map((c) => c.groupId)).toEqual([String(owned.id)]);
  });
});

describe('§6 #2: creating a user never emails anyone by accident', () => {
  it('sends sendInvite=false unless asked, and true when asked', async () => {
    const users = new DomoUsers(sb.auth);
    await users.create({ displayName: 'Quiet One', email: 'quiet@sandbox.example' });
    await users.create({ displayName: 'Invited One', email: 'invited@sandbox.example', sendInvite: true });
    await users.upsert({ email: 'upserted@sandbox.example', displayName: 'Upserted' });
    const sent = sentTo('/api/content/v3/users').filter((r) => r.method === 'POST');
    expect(sent.map((r) => r.url.searchParams.get('sendInvite'))).toEqual(['false', 'true', 'false']);
  });

  it('reads the created user id as id ?? userId', async () => {
    sb.server.use(
      http.post('*/api/content/v3/users', () =>
        HttpResponse.json({ userId: 424242, displayName: 'Ada', detail: { email: 'ada@sandbox.example' } }),
      ),
    );
    const user = await new DomoUsers(sb.auth).create({ displayName: 'Ada', email: 'ada@sandbox.example' });
    expect(user).toMatchObject({ id: 424242, email: 'ada@sandbox.example' });
  });

  it('refuses a sendInvite that is not a boolean, sending nothing', async () => {
    const error = await routes
      .createUser(sb.auth, { displayName: 'X', email: 'x@sandbox.example', sendInvite: 'yes' as unknown as boolean })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DomoInputError', field: 'sendInvite' });
    expect(sb.sent).toHaveLength(0);
  });
});

describe('§6 #3: v2 user reads name the role and carry no roleId', () => {
  it('whoAmI answers in PM shape; the role name is still known, by name or by id', async () => {
    const me = await sb.auth.whoAmI();
    expect(me.roleId).toBeUndefined();
    expect(me.role).toBe('Admin');
    expect(await roleNameOf(sb.auth, me)).toBe('Admin');
    const participant = people(sb.state).find((u) => u.roleId === 4)!;
    expect(await roleNameOf(sb.auth, { id: participant.id })).toBe('Participant'); // from the v3 read
    expect(await roleNameOf(sb.auth, { id: participant.id, roleId: 4 })).toBe('Participant');
  });

  it('a DomoUser from a v2 read (a group member) finds its role by name', async () => {
    const group = [...sb.state.groups.values()].find((g) => g.userIds.length > 0)!;
    const [member] = await (await new DomoGroups(sb.auth).get(group.id)).getMembers();
    expect(member!.roleId).toBeUndefined();
    const expected = sb.state.roles.get(sb.state.users.get(member!.id)!.roleId)!.name;
    expect(member!.roleName).toBe(expected);
    expect((await member!.role()).name).toBe(expected);
  });
});

describe('§6 #4: the user search asks for its count and sends ids as strings', () => {
  it('sends showCount: true and string ids', async () => {
    const ids = people(sb.state)
      .slice(0, 3)
      .map((u) => u.id);
    await new DomoUsers(sb.auth).resolve(ids);
    const [body] = (await bodies('/api/identity/v1/users/search')) as {
      showCount: boolean;
      filters: { values: unknown[] }[];
    }[];
    expect(body!.showCount).toBe(true);
    expect(body!.filters[0]!.values).toEqual(ids.map(String));
  });

  for (const omitsCount of [false, true])
    it(`every paged read gets everyone from pages of 7${omitsCount ? ', with no count in the answer' : ''}`, async () => {
      sb.state.traps.userSearchPageCap = 7;
      sb.state.traps.userSearchOmitsCount = omitsCount;
      const live = people(sb.state);
      const all = [...sb.state.users.values()].filter((u) => !u.deleted);
      const listed = await new DomoUsers(sb.auth).list().toArray({ max: 10_000 });
      expect(listed.map((u) => u.id).sort()).toEqual(all.map((u) => u.id).sort());
      const resolved = await new DomoUsers(sb.auth).resolve(live.map((u) => u.id));
      expect(resolved.map((u) => u.id)).toEqual(live.map((u) => u.id));
      const last = live.at(-1)!;
      expect((await new DomoUsers(sb.auth).getByEmail(last.emailAddress)).id).toBe(last.id);
    });
});

describe('§6 #5, #6: thin v3 rows and the GET owners variant', () => {
  it('a thin v3 user (PM: id, invitorUserId, displayName, role, roleId, detail.email) hydrates', async () => {
    const [user] = people(sb.state);
    sb.server.use(
      http.get('*/api/content/v3/users/:id', () =>
        HttpResponse.json({
          id: user!.id,
          invitorUserId: 1,
          displayName: user!.displayName,
          role: 'Participant',
          roleId: 4,
          detail: { email: user!.emailAddress },
        }),
      ),
    );
    const entity = await DomoUser.get(sb.auth, user!.id);
    expect(entity).toMatchObject({ id: user!.id, email: user!.emailAddress, roleId: 4, roleName: 'Participant' });
    expect(entity.createdAt).toBeUndefined();
  });

  it('the sandbox answers the v3 list in PM thin rows', async () => {
    const [user] = people(sb.state);
    const response = await fetch(`https://sandbox.domo.com/api/content/v3/users?id=${user!.id}`, {
      headers: { 'x-domo-developer-token': sb.state.adminToken },
    });
    expect(await response.json()).toEqual([
      {
        id: user!.id,
        invitorUserId: sb.state.adminUserId,
        displayName: user!.displayName,
        role: sb.state.roles.get(user!.roleId)!.name,
        roleId: user!.roleId,
        detail: { email: user!.emailAddress },
      },
    ]);
  });

  it('group owners fall back to GET …/groups/{id}/permissions on a 405 from the POST variant', async () => {
    sb.state.traps.groupOwnersPostMissing = true;
    const group = [...sb.state.groups.values()][0]!;
    const { data } = await routes.getGroupOwners(sb.auth, group.id);
    expect(data.map((o) => o.id)).toEqual(group.owners.map((o) => o.id));
    const get = sb.sent.find((r) => r.method === 'GET' && r.url.pathname.endsWith(`/groups/${group.id}/permissions`));
    expect(get?.url.searchParams.get('includeUsers')).toBe('true');
  });
});
