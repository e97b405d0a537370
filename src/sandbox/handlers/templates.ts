import type { HttpHandler } from 'msw';
import {
  createAccount,
  deleteAccount,
  findAccount,
  parseShare,
  readConfig,
  renameAccount,
  share,
  visibleAccounts,
  writeConfig,
} from '../domain/accounts.js';
import { accessView, configView, templateCreatedView, templateFullView, templateListView } from '../views.js';
import { endpoint, json, type SandboxScope } from './kit.js';

/** OAuth account templates: their own id sequence, configs and the two differently ordered sharing paths. */
export function templateHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/data/v1/accounts/templates/user/extended', (ctx) =>
      json(visibleAccounts(state, 'template', ctx.userId).map(templateListView)),
    ),
    endpoint(scope, 'POST', '/api/data/v1/accounts/templates', async (ctx) => {
      const template = createAccount(state, 'template', (await ctx.json()) as object, ctx.userId);
      ctx.applied();
      return json(templateCreatedView(template));
    }),
    endpoint(scope, 'DELETE', '/api/data/v1/accounts/templates/:id', (ctx) => {
      deleteAccount(state, 'template', ctx.id(), ctx.userId);
      ctx.applied();
      return json({});
    }),
    endpoint(scope, 'PUT', '/api/data/v1/accounts/templates/:id/name', async (ctx) => {
      const template = renameAccount(state, 'template', ctx.id(), await ctx.text(), ctx.userId);
      ctx.applied();
      return json(templateFullView(state, template));
    }),
    endpoint(scope, 'GET', '/api/data/v1/providers/:type/template/:id', (ctx) => {
      const template = readConfig(state, 'template', ctx.params.type ?? '', ctx.id(), ctx.userId);
      return json(configView(state, template, ctx.url.searchParams.get('unmask') === 'true'));
    }),
    endpoint(scope, 'PUT', '/api/data/v1/providers/:type/template/:id', async (ctx) => {
      const template = writeConfig(state, 'template', ctx.params.type ?? '', ctx.id(), await ctx.json(), ctx.userId);
      ctx.applied();
      return json(templateFullView(state, template));
    }),
    endpoint(scope, 'GET', '/api/data/v2/accounts/templates/:id/share', (ctx) =>
      json(accessView(state, findAccount(state, 'template', ctx.id(), ctx.userId))),
    ),
    endpoint(scope, 'PUT', '/api/data/v2/accounts/templates/share/:id', async (ctx) => {
      share(state, 'template', ctx.id(), parseShare(await ctx.json()), ctx.userId);
      ctx.applied();
      return json({});
    }),
  ];
}
