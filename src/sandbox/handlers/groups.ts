import type { HttpHandler } from 'msw';
import { createGroup, deleteGroups, findGroup, listGroups, updateAccess, updateGroups } from '../domain/groups.js';
import { SandboxHttpError, badRequest } from '../errors.js';
import { groupView, memberIds, v2UserView } from '../views.js';
import { empty, endpoint, json, pageOffset, pageSize, type SandboxScope } from './kit.js';

/**
 * Groups: list (paged, filtered), get, members (paged), owners, membership and ownership changes, create, update,
 * delete. The fixed paths come before `groups/:id`, which would otherwise catch them.
 */
export function groupHandlers(scope: SandboxScope): HttpHandler[] {
  return [...groupReadHandlers(scope), ...groupWriteHandlers(scope)];
}

/** The list, members and owners (both variants): the fixed paths before `groups/:id`. */
function groupReadHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/content/v2/groups/grouplist', (ctx) => {
      const query = new URLSearchParams(ctx.url.searchParams);
      if (state.traps.groupListIgnoresFilters) ['owner', 'ownerType', 'members'].forEach((key) => query.delete(key));
      const groups = listGroups(state, query);
      const limit = pageSize(ctx.url.searchParams.get('limit') ?? 100, 500);
      const offset = pageOffset(ctx.url.searchParams.get('offset'));
      return json(groups.slice(offset, offset + limit).map((group) => groupView(state, group)));
    }),
    endpoint(scope, 'GET', '/api/content/v2/groups/users', (ctx) => {
      const id = Number(ctx.url.searchParams.get('group'));
      if (!Number.isSafeInteger(id) || id <= 0) throw badRequest('group must be a group id');
      const members = memberIds(state, findGroup(state, id)).map((userId) => state.user(userId));
      const limit = pageSize(ctx.url.searchParams.get('limit') ?? 100, 500);
      const offset = pageOffset(ctx.url.searchParams.get('offset'));
      return json({
        groupUserList: members.slice(offset, offset + limit).map((user) => v2UserView(state, user)),
        totalCount: members.length,
      });
    }),
    endpoint(scope, 'POST', '/api/content/v2/groups/permissions', async (ctx) => {
      if (state.traps.groupOwnersPostMissing) throw new SandboxHttpError(405, 'Method Not Allowed');
      const ids = await ctx.json();
      if (!Array.isArray(ids)) throw badRequest('the body must be a JSON array of group ids');
      return json(
        ids.map((id) => {
          const view = groupView(state, findGroup(state, Number(id)));
          return { groupId: view.id, permissions: { owners: view.owners } };
        }),
      );
    }),
  ];
}

/** Membership and ownership changes, create, update, delete; then the group read by id and its owners (GET). */
function groupWriteHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'PUT', '/api/content/v2/groups/access', async (ctx) => {
      updateAccess(state, await ctx.json(), ctx.userId);
      ctx.applied();
      return empty(204);
    }),
    endpoint(scope, 'POST', '/api/content/v2/groups', async (ctx) => {
      const group = createGroup(state, await ctx.json(), ctx.userId);
      ctx.applied();
      return json(groupView(state, group));
    }),
    endpoint(scope, 'PUT', '/api/content/v2/groups', async (ctx) => {
      updateGroups(state, await ctx.json(), ctx.userId);
      ctx.applied();
      return empty(204);
    }),
    endpoint(scope, 'DELETE', '/api/content/v2/groups', async (ctx) => {
      deleteGroups(state, await ctx.json(), ctx.userId);
      ctx.applied();
      return empty(204);
    }),
    // The Postman collection's owners read (domo-api-admin.md §6 #6): one group, owners and, with includeUsers, members.
    endpoint(scope, 'GET', '/api/content/v2/groups/:id/permissions', (ctx) => {
      const group = findGroup(state, ctx.id());
      const view = groupView(state, group);
      const users = ctx.url.searchParams.get('includeUsers') === 'true';
      return json({ groupId: view.id, owners: view.owners, ...(users ? { userIds: memberIds(state, group) } : {}) });
    }),
    endpoint(scope, 'GET', '/api/content/v2/groups/:id', (ctx) => json(groupView(state, findGroup(state, ctx.id())))),
  ];
}
