import { describe, expect, it } from 'vitest';
import { DomoInputError, DomoNotFoundError, routes } from '../../../src/index.js';
import { useSandbox } from '../../helpers/sandbox.js';

const sb = useSandbox();

describe('getAvailableDataProviders', () => {
  it('GETs /api/data/v1/providers and returns every provider typed', async () => {
    const { status, data } = await routes.getAvailableDataProviders(sb.auth);
    expect(status).toBe(200);
    expect(data.length).toBe(sb.state.providers.size);
    expect(data.find((p) => p.key === 'snowflake')).toMatchObject({
      name: 'Snowflake',
      authenticationScheme: 'fields',
    });
    expect(sb.sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['GET /api/data/v1/providers']);
  });
});

describe('getAccounts', () => {
  it('GETs the list once and keeps unknown fields', async () => {
    const { data } = await routes.getAccounts(sb.auth);
    expect(data).toHaveLength(12);
    expect(data[0]).toMatchObject({
      id: 1,
      name: 'domo_creds',
      displayName: 'domo_creds',
      dataProviderType: 'abstract-credential-store',
      accountId: 1,
    });
    expect(typeof data[0]!.createdAt).toBe('number');
    expect(sb.sent).toHaveLength(1);
  });
});

describe('getAccountById', () => {
  it('GETs one account with unmask=false by default', async () => {
    const { data } = await routes.getAccountById(sb.auth, 3);
    expect(data).toMatchObject({ id: 3, dataProviderType: 'snowflake' });
    expect(sb.sent[0]!.url.pathname + sb.sent[0]!.url.search).toBe('/api/data/v1/accounts/3?unmask=false');
    await routes.getAccountById(sb.auth, 3, { unmask: true });
    expect(sb.sent[1]!.url.search).toBe('?unmask=true');
  });

  it('reports a missing account as not found or not shared', async () => {
    const error = (await routes.getAccountById(sb.auth, 999).catch((e: unknown) => e)) as DomoNotFoundError;
    expect(error).toBeInstanceOf(DomoNotFoundError);
    expect(error.message).toContain('account 999 not found or not shared with you');
    expect(error.route).toBe('getAccountById');
  });

  it('reports an unshared account (403) as not found or not shared', async () => {
    const hiddenFrom = (userId: number) =>
      [...sb.state.accounts.values()].find(
        (a) => !a.shares.some((s) => s.id === userId || sb.state.groupIdsOf(userId).includes(s.id)),
      );
    const user = [...sb.state.users.values()].find((u) => [4, 5].includes(u.roleId) && !u.deleted && hiddenFrom(u.id))!;
    const outsider = sb.authWith({ token: sb.state.issueToken(user.id) });
    const hidden = hiddenFrom(user.id)!;
    const error = (await routes.getAccountById(outsider, hidden.id).catch((e: unknown) => e)) as DomoNotFoundError;
    expect(error).toBeInstanceOf(DomoNotFoundError);
    expect(error.status).toBe(403);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, '1/2', '..', '', null, undefined, {}])(
    'rejects id %j before sending',
    async (id) => {
      await expect(routes.getAccountById(sb.auth, id as number)).rejects.toThrow(DomoInputError);
      expect(sb.sent).toHaveLength(0);
    },
  );
});
