import type { HttpHandler } from 'msw';
import {
  createAccount,
  deleteAccount,
  findAccount,
  parseShare,
  parseShareV1,
  readConfig,
  renameAccount,
  share,
  visibleAccounts,
  writeConfig,
} from '../domain/accounts.js';
import { accessView, accountView, configView, providerView } from '../views.js';
import { empty, endpoint, json, type SandboxContext, type SandboxScope } from './kit.js';

const unmasked = (ctx: SandboxContext) => ctx.url.searchParams.get('unmask') === 'true';

/** Credential accounts, their configs, providers and sharing (v2 and v1). */
export function accountHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/data/v1/providers', () => json([...state.providers.values()].map(providerView))),
    endpoint(scope, 'GET', '/api/data/v1/accounts', (ctx) =>
      json(visibleAccounts(state, 'account', ctx.userId).map(accountView)),
    ),
    endpoint(scope, 'POST', '/api/data/v1/accounts', async (ctx) => {
      const account = createAccount(state, 'account', (await ctx.json()) as object, ctx.userId);
      ctx.applied();
      return json(accountView(account));
    }),
    endpoint(scope, 'GET', '/api/data/v1/accounts/:id', (ctx) =>
      json(accountView(findAccount(state, 'account', ctx.id(), ctx.userId))),
    ),
    endpoint(scope, 'DELETE', '/api/data/v1/accounts/:id', (ctx) => {
      deleteAccount(state, 'account', ctx.id(), ctx.userId);
      ctx.applied();
      return empty(204);
    }),
    endpoint(scope, 'PUT', '/api/data/v1/accounts/:id/name', async (ctx) => {
      const account = renameAccount(state, 'account', ctx.id(), await ctx.text(), ctx.userId);
      ctx.applied();
      return json(accountView(account));
    }),
    endpoint(scope, 'GET', '/api/data/v1/providers/:type/account/:id', (ctx) => {
      const account = readConfig(state, 'account', ctx.params.type ?? '', ctx.id(), ctx.userId);
      return json(configView(state, account, unmasked(ctx)));
    }),
    endpoint(scope, 'PUT', '/api/data/v1/providers/:type/account/:id', async (ctx) => {
      const account = writeConfig(state, 'account', ctx.params.type ?? '', ctx.id(), await ctx.json(), ctx.userId);
      ctx.applied();
      return json(accountView(account));
    }),
    endpoint(scope, 'GET', '/api/data/v2/accounts/share/:id', (ctx) =>
      json({ list: accessView(state, findAccount(state, 'account', ctx.id(), ctx.userId)) }),
    ),
    endpoint(scope, 'PUT', '/api/data/v2/accounts/share/:id', async (ctx) => {
      share(state, 'account', ctx.id(), parseShare(await ctx.json()), ctx.userId);
      ctx.applied();
      return empty(200);
    }),
    endpoint(scope, 'PUT', '/api/data/v1/accounts/:id/share', async (ctx) => {
      share(state, 'account', ctx.id(), parseShareV1(await ctx.json()), ctx.userId);
      ctx.applied();
      return empty(200);
    }),
  ];
}
