import type { HttpHandler } from 'msw';
import { visibleAccounts } from '../domain/accounts.js';
import { searchDatasetRows, searchOwner } from '../domain/datasets.js';
import { searchCardRows } from './cards.js';
import { searchDataflowRows } from './dataflows.js';
import { searchPackageRows } from '../domain/codeengine.js';
import { searchWorkflowRows } from '../domain/workflows.js';
import type { SandboxDataset } from '../model.js';
import { objectBody } from '../domain/roles.js';
import type { SandboxAccount } from '../model.js';
import type { SandboxState } from '../state.js';
import { userView } from '../views.js';
import { endpoint, json, pageSize, type SandboxScope } from './kit.js';

interface TermFilter {
  filterType?: string;
  field?: string;
  value?: unknown;
  not?: boolean;
}

/**
 * The search endpoints other clients use to list accounts and resolve users: the datacenter search
 * (`POST /api/search/v1/query`, both body shapes of domo-api.md §2.1) and the typeahead of users holding grants.
 */
export function searchHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'POST', '/api/search/v1/query', async (ctx) => {
      const body = objectBody(await ctx.json());
      const count = pageSize(body.count);
      const offset = Math.max(0, Number(body.offset ?? 0) || 0);
      const entityList = Array.isArray(body.entityList);
      const content = contentSearch(state, body, offset, count);
      if (content) return json(content);
      const wantsAccounts = entityList
        ? (body.entityList as unknown[]).flat().some((e) => String(e).toLowerCase() === 'account')
        : Array.isArray(body.entities) &&
          (body.entities as unknown[]).some((e) => String(e).toUpperCase() === 'ACCOUNT');
      if (!wantsAccounts)
        return json(
          entityList ? { searchResultsMap: {}, totalResultCount: 0 } : { searchObjects: [], totalResultCount: 0 },
        );
      const matches = filterAccounts(visibleAccounts(state, 'account', ctx.userId), body);
      const page = matches.slice(offset, offset + count);
      return entityList
        ? json({
            searchResultsMap: { account: page.map((a) => searchResultDocument(state, a)) },
            totalResultCount: matches.length,
          })
        : json({ searchObjects: page.map((a) => searchObjectDocument(state, a)), totalResultCount: matches.length });
    }),
    endpoint(scope, 'GET', '/api/content/v1/typeahead', (ctx) => {
      const wanted = (ctx.url.searchParams.get('authorities') ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      const limit = pageSize(ctx.url.searchParams.get('limit') ?? 100, 500);
      const offset = Math.max(0, Number(ctx.url.searchParams.get('offset') ?? 0) || 0);
      const users = [...state.users.values()].filter((user) =>
        wanted.every((authority) => state.roles.get(user.roleId)?.authorities.includes(authority)),
      );
      return json({ users: users.slice(offset, offset + limit).map(userView) });
    }),
  ];
}

function filterAccounts(accounts: SandboxAccount[], body: Record<string, unknown>): SandboxAccount[] {
  const query = typeof body.query === 'string' ? body.query.replace(/\*/g, '').trim().toLowerCase() : '';
  const filters = (Array.isArray(body.filters) ? body.filters : []) as TermFilter[];
  const owner = (account: SandboxAccount) =>
    account.shares.find((s) => s.type === 'USER' && s.accessLevel === 'OWNER')?.id;
  const matching = accounts.filter((account) => {
    if (query && !`${account.displayName} ${account.name}`.toLowerCase().includes(query)) return false;
    return filters.every((filter) => {
      if (filter.filterType !== 'term') return true;
      const actual =
        filter.field === 'dataproviderkey_facet'
          ? account.dataProviderType
          : filter.field === 'owned_by_id'
            ? String(owner(account))
            : undefined;
      if (actual === undefined) return true;
      return (actual === String(filter.value)) !== Boolean(filter.not);
    });
  });
  return matching.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id - b.id);
}

/** domolibrary's document: `databaseId`, `dataProviderId`, `displayName`, `name`, `createDate`, `lastModified`, `owners`. */
function searchObjectDocument(state: SandboxState, account: SandboxAccount) {
  return {
    databaseId: String(account.id),
    dataProviderId: account.dataProviderType,
    displayName: account.displayName,
    name: account.name,
    createDate: account.createdAt,
    lastModified: account.modifiedAt,
    entityType: 'ACCOUNT',
    owners: owners(state, account),
  };
}

/** The datacenter UI's document: `datasetCount`, `valid`, `ownedById`, `ownedByName`, `owners[{id,type,displayName}]`. */
function searchResultDocument(state: SandboxState, account: SandboxAccount) {
  const [first] = owners(state, account);
  return {
    databaseId: String(account.id),
    displayName: account.displayName,
    name: account.name,
    dataProviderType: account.dataProviderType,
    datasetCount: 0,
    valid: account.valid,
    winnerText: account.displayName,
    ownedById: first?.id ?? null,
    ownedByName: first?.displayName ?? null,
    ownerNamePrimary: first?.displayName ?? null,
    owners: owners(state, account),
    createDate: account.createdAt,
    lastModified: account.modifiedAt,
  };
}

function owners(state: SandboxState, account: SandboxAccount): { id: string; type: string; displayName: string }[] {
  return account.shares
    .filter((s) => s.accessLevel === 'OWNER')
    .map((s) => ({
      id: String(s.id),
      type: s.type,
      displayName:
        s.type === 'USER' ? (state.users.get(s.id)?.displayName ?? '') : (state.groups.get(s.id)?.name ?? ''),
    }));
}

/** A dataset as the search lists it: its owner as the (lagging) index has it. */
function datasetSearchRow(state: SandboxState, d: SandboxDataset) {
  const ownerId = searchOwner(state, d);
  return {
    databaseId: d.id,
    entityType: 'DATASET',
    name: d.name,
    description: d.description,
    ownedById: String(ownerId),
    ownedByName: state.users.get(ownerId)?.displayName ?? '',
    dataProviderType: d.dataProviderType,
    rowCount: d.rowCount,
    createDate: d.createdAt,
    lastUpdated: d.lastUpdated,
  };
}

/** The datacenter search for content (datasets, dataflows, cards); `undefined` when the body asks for none of them. */
function contentSearch(
  state: SandboxState,
  body: Record<string, unknown>,
  offset: number,
  count: number,
): object | undefined {
  const filters = (Array.isArray(body.filters) ? body.filters : []) as TermFilter[];
  const ownerFilter = filters.find((f) => f.filterType === 'term' && f.field === 'owned_by_id');
  const owner = ownerFilter === undefined ? undefined : String(ownerFilter.value);
  const entities = Array.isArray(body.entities) ? body.entities.map((e) => String(e).toUpperCase()) : [];
  const entityList = Array.isArray(body.entityList)
    ? (body.entityList as unknown[]).flat().map((e) => String(e).toLowerCase())
    : [];
  if (entities.includes('DATAFLOW')) {
    // DS filters dataflows by the bare id ("<id>"), not "<id>:USER".
    const rows = searchDataflowRows(state, owner, body.query);
    return { searchObjects: rows.slice(offset, offset + count), totalResultCount: rows.length };
  }
  if (entities.includes('DATASET')) {
    const rows = searchDatasetRows(state, body.query);
    return {
      searchObjects: rows.slice(offset, offset + count).map((d) => datasetSearchRow(state, d)),
      totalResultCount: rows.length,
    };
  }
  const rows = entityList.includes('package')
    ? searchPackageRows(state, owner, body.query)
    : entityList.includes('workflow_model')
      ? searchWorkflowRows(state, owner, body.query)
      : undefined;
  if (rows) {
    const key = entityList.includes('package') ? 'package' : 'workflow_model';
    return { searchResultsMap: { [key]: rows.slice(offset, offset + count) }, totalResultCount: rows.length };
  }
  if (entityList.includes('card')) {
    const rows = searchCardRows(state, owner, body.query);
    return { searchResultsMap: { card: rows.slice(offset, offset + count) }, totalResultCount: rows.length };
  }
  return undefined;
}
