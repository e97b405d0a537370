import type { HttpHandler } from 'msw';
import { objectBody } from '../domain/roles.js';
import { createUser, deleteUser, searchUsers, updateUser } from '../domain/users.js';
import { notFound } from '../errors.js';
import type { SandboxUser } from '../model.js';
import { userView, v2UserView, v3ListView } from '../views.js';
import { empty, endpoint, json, pageOffset, pageSize, type SandboxScope } from './kit.js';

/** Users: the identity search, reads by id (v2 and v3), create, update (attributes) and delete. */
export function userHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'POST', '/api/identity/v1/users/search', async (ctx) => {
      const body = objectBody(await ctx.json());
      const users = searchUsers(state, body);
      const cap = state.traps.userSearchPageCap ?? 500;
      const limit = Math.min(pageSize(body.limit ?? 100, 500), cap);
      const offset = pageOffset(body.offset);
      const page = users.slice(offset, offset + limit).map(searchUserDocument);
      // `count` only when asked (`showCount: true`), as the Postman collection asks for it (domo-api-admin.md §6 #4).
      const counted = body.showCount === true && !state.traps.userSearchOmitsCount;
      return json(counted ? { users: page, count: users.length } : { users: page });
    }),
    endpoint(scope, 'GET', '/api/content/v2/users/:id', (ctx) => {
      const user = state.users.get(ctx.id());
      return user ? json(v2UserView(state, user)) : empty(200); // Domo's quirk: 200 with an empty body for an unknown user
    }),
    endpoint(scope, 'GET', '/api/content/v3/users', (ctx) => {
      const ids = (ctx.url.searchParams.get('id') ?? '').split(',').filter(Boolean).map(Number);
      const users = ids.length > 0 ? ids.flatMap((id) => state.users.get(id) ?? []) : [...state.users.values()];
      return json(users.filter((user) => !user.deleted).map((user) => v3ListView(state, user)));
    }),
    endpoint(scope, 'GET', '/api/content/v3/users/:id', (ctx) => {
      const user = state.users.get(ctx.id());
      if (!user) throw notFound(`user ${ctx.params.id} not found`);
      return json(v3View(user));
    }),
    endpoint(scope, 'POST', '/api/content/v3/users', async (ctx) => {
      const user = createUser(state, await ctx.json(), ctx.userId);
      ctx.applied();
      return json(v3View(user));
    }),
    endpoint(scope, 'PATCH', '/api/identity/v1/users/:id', async (ctx) => {
      const user = updateUser(state, ctx.id(), await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ ...userView(user), attributes: attributesOf(user) });
    }),
    endpoint(scope, 'DELETE', '/api/identity/v1/users/:id', (ctx) => {
      deleteUser(state, ctx.id(), ctx.userId);
      ctx.applied();
      return empty(204);
    }),
  ];
}

/** v3 user: the v2 fields plus a `detail` object (email, title, department, phone, active — false when locked). */
function v3View(user: SandboxUser) {
  return {
    ...userView(user),
    detail: {
      email: user.emailAddress,
      title: user.jobTitle ?? null,
      department: user.department ?? null,
      phoneNumber: user.phoneNumber ?? null,
      active: !user.locked,
      deleted: Boolean(user.deleted),
    },
  };
}

function attributesOf(user: SandboxUser): { key: string; values: unknown[] }[] {
  return Object.entries({
    id: user.id,
    displayName: user.displayName,
    emailAddress: user.emailAddress,
    roleId: user.roleId,
    department: user.department,
    title: user.jobTitle,
    phoneNumber: user.phoneNumber,
    employeeId: user.employeeId,
    hireDate: user.hireDate,
    lastActivity: user.lastActivity,
    lastLogin: user.lastLogin,
    created: user.created,
  })
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ({ key, values: [value] }));
}

/** A user as the identity search answers it: `id` and a few fields, the rest as `attributes: [{ key, values }]`. */
function searchUserDocument(user: SandboxUser) {
  return {
    id: user.id,
    displayName: user.displayName,
    emailAddress: user.emailAddress,
    roleId: user.roleId,
    attributes: attributesOf(user),
  };
}
