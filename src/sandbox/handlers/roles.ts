import type { HttpHandler } from 'msw';
import {
  addMembers,
  createRole,
  deleteRole,
  findRole,
  objectBody,
  setDefaultRole,
  setGrants,
  updateRole,
} from '../domain/roles.js';
import { badRequest, SandboxHttpError, show } from '../errors.js';
import { authorityView, memberView, roleView } from '../views.js';
import { empty, endpoint, errorResponse, json, type SandboxContext, type SandboxScope } from './kit.js';

const DEFAULT_ROLE_STATE = 'user.roleid.default';

/** Domo's observed quirk: some role writes answer 400 `Bad Request` although they were applied. */
function appliedButBadRequest(ctx: SandboxContext): Response {
  return errorResponse(ctx.state, 400, 'Bad Request', ctx.url.pathname);
}

/** Roles, grants (authorities), membership and the default role. */
export function roleHandlers(scope: SandboxScope): HttpHandler[] {
  return [...roleCrudHandlers(scope), ...grantAndMemberHandlers(scope), ...defaultRoleStateHandlers(scope)];
}

/** List, create, read, update and delete roles, and the default-role setting (before `roles/:id`). */
function roleCrudHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/authorization/v1/roles', () =>
      json([...state.roles.values()].map((role) => roleView(state, role))),
    ),
    endpoint(scope, 'POST', '/api/authorization/v1/roles', async (ctx) => {
      const role = createRole(state, await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ id: role.id, name: role.name, description: role.description });
    }),
    endpoint(scope, 'PUT', '/api/authorization/v1/roles/settings', async (ctx) => {
      const body = objectBody(await ctx.json());
      if (!('defaultRoleId' in body)) throw badRequest('defaultRoleId is required');
      setDefaultRole(state, body.defaultRoleId, ctx.userId);
      ctx.applied();
      return json({ defaultRoleId: state.defaultRoleId, allowlistRoleIds: body.allowlistRoleIds ?? null });
    }),
    endpoint(scope, 'GET', '/api/authorization/v1/roles/:id', (ctx) =>
      json(roleView(state, findRole(state, ctx.id()))),
    ),
    endpoint(scope, 'PUT', '/api/authorization/v1/roles/:id', async (ctx) => {
      const role = updateRole(state, ctx.id(), await ctx.json(), ctx.userId);
      ctx.applied();
      return state.quirks ? appliedButBadRequest(ctx) : json(roleView(state, role));
    }),
    endpoint(scope, 'DELETE', '/api/authorization/v1/roles/:id', (ctx) => {
      deleteRole(state, ctx.id(), ctx.userId);
      ctx.applied();
      return state.quirks ? appliedButBadRequest(ctx) : empty(204);
    }),
  ];
}

/** A role's grants (PATCH, and the PUT quirk), its members, and the grant catalogue. */
function grantAndMemberHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    // Domo answers 200 [] for a role that does not exist.
    endpoint(scope, 'GET', '/api/authorization/v1/roles/:id/authorities', (ctx) =>
      json([...(state.roles.get(ctx.id())?.authorities ?? [])]),
    ),
    endpoint(scope, 'PATCH', '/api/authorization/v1/roles/:id/authorities', async (ctx) => {
      setGrants(state, ctx.id(), await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ status: 'SUCCESS', message: '' });
    }),
    // The PUT that domolibrary sends: applied, then answered 400 (observed on Domo, always).
    endpoint(scope, 'PUT', '/api/authorization/v1/roles/:id/authorities', async (ctx) => {
      setGrants(state, ctx.id(), await ctx.json(), ctx.userId);
      ctx.applied();
      return appliedButBadRequest(ctx);
    }),
    // Domo answers 200 { users: [] } for a role that does not exist.
    endpoint(scope, 'GET', '/api/authorization/v1/roles/:id/users', (ctx) => {
      const id = ctx.id();
      return json({ users: [...state.users.values()].filter((user) => user.roleId === id).map(memberView) });
    }),
    endpoint(scope, 'PUT', '/api/authorization/v1/roles/:id/users', async (ctx) => {
      addMembers(state, ctx.id(), await ctx.json(), ctx.userId);
      ctx.applied();
      return empty(204);
    }),
    endpoint(scope, 'GET', '/api/authorization/v1/authorities', () =>
      json([...state.authorities.keys()].map((a) => authorityView(state, a))),
    ),
  ];
}

/** The default role as a customer state (`user.roleid.default`), read and written. */
function defaultRoleStateHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', `/api/content/v1/customer-states/:name`, (ctx) => {
      if (ctx.params.name !== DEFAULT_ROLE_STATE)
        throw new SandboxHttpError(404, `customer state ${ctx.params.name} not found`);
      return json({ name: DEFAULT_ROLE_STATE, value: String(state.defaultRoleId) });
    }),
    endpoint(scope, 'PUT', `/api/content/v1/customer-states/:name`, async (ctx) => {
      if (ctx.params.name !== DEFAULT_ROLE_STATE)
        throw new SandboxHttpError(404, `customer state ${ctx.params.name} not found`);
      const body = objectBody(await ctx.json());
      if (body.name !== undefined && body.name !== DEFAULT_ROLE_STATE)
        throw badRequest(`body name ${show(body.name)} does not match ${DEFAULT_ROLE_STATE}`);
      setDefaultRole(state, body.value, ctx.userId);
      ctx.applied();
      return json({ name: DEFAULT_ROLE_STATE, value: String(state.defaultRoleId) });
    }),
  ];
}
