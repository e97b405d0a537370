import { describe, expect, it } from 'vitest';
import { raw, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ accounts: 150 });
const t = () => sb.state.adminToken;

describe('sandbox search endpoints (for other clients)', () => {
  it("pages accounts with domolibrary's body into searchObjects", async () => {
    const body = { entities: ['ACCOUNT'], filters: [], combineResults: false, query: '*', count: 100, offset: 0 };
    const first = (await raw('POST', '/api/search/v1/query', { token: t(), json: body })).body as {
      searchObjects: Record<string, unknown>[];
      totalResultCount: number;
    };
    expect(first.searchObjects).toHaveLength(100);
    expect(first.totalResultCount).toBe(150);
    expect(first.searchObjects[0]).toMatchObject({
      databaseId: expect.any(String),
      dataProviderId: expect.any(String),
      displayName: expect.any(String),
      owners: expect.any(Array),
    });
    const second = (await raw('POST', '/api/search/v1/query', { token: t(), json: { ...body, offset: 100 } })).body as {
      searchObjects: unknown[];
    };
    expect(second.searchObjects).toHaveLength(50);
    const third = (await raw('POST', '/api/search/v1/query', { token: t(), json: { ...body, offset: 150 } })).body as {
      searchObjects: unknown[];
    };
    expect(third.searchObjects).toEqual([]);
  });

  it('answers the entityList body in searchResultsMap.account, with term filters', async () => {
    const body = {
      count: 100,
      offset: 0,
      combineResults: false,
      query: '**',
      queryProfile: 'GLOBAL',
      entityList: [['account']],
      filters: [{ filterType: 'term', field: 'dataproviderkey_facet', value: 'snowflake', not: false }],
      sort: { fieldSorts: [{ field: 'display_name_sort', sortOrder: 'ASC' }] },
    };
    const answer = (await raw('POST', '/api/search/v1/query', { token: t(), json: body })).body as {
      searchResultsMap: { account: { dataProviderType: string; ownedById: string; valid: boolean }[] };
    };
    const rows = answer.searchResultsMap.account;
    expect(rows.length).toBe([...sb.state.accounts.values()].filter((a) => a.dataProviderType === 'snowflake').length);
    expect(
      rows.every(
        (row) => row.dataProviderType === 'snowflake' && row.valid === true && typeof row.ownedById === 'string',
      ),
    ).toBe(true);
  });

  it('searches users by id and by text, with attributes', async () => {
    const [a, b] = [...sb.state.users.values()];
    const byId = (
      await raw('POST', '/api/identity/v1/users/search', {
        token: t(),
        json: {
          filters: [{ field: 'id', filterType: 'value', values: [a!.id, b!.id], operator: 'EQ' }],
          limit: 10,
          offset: 0,
        },
      })
    ).body as { users: { id: number; attributes: { key: string; values: unknown[] }[] }[] };
    expect(byId.users.map((u) => u.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(byId.users[0]!.attributes).toContainEqual({ key: 'roleId', values: [a!.roleId] });
    const byText = (
      await raw('POST', '/api/identity/v1/users/search', {
        token: t(),
        json: { filters: [{ filterType: 'text', field: 'emailAddress', text: 'admin@sandbox.example' }] },
      })
    ).body as { users: { id: number }[] };
    expect(byText.users.map((u) => u.id)).toContain(sb.state.adminUserId);
  });

  it('lists users holding every given grant', async () => {
    const answer = (
      await raw(
        'GET',
        '/api/content/v1/typeahead?type=userByEmail&authorities=role.manage,admin.settings.manage&limit=50&offset=0',
        { token: t() },
      )
    ).body as { users: { roleId: number }[] };
    expect(answer.users.length).toBe(sb.state.userCount(1));
    expect(answer.users.every((u) => u.roleId === 1)).toBe(true);
  });
});
