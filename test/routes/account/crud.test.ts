import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DomoApiError, DomoInputError, DomoNotFoundError, DomoServerError, routes } from '../../../src/index.js';
import { useSandbox } from '../../helpers/sandbox.js';

const sb = useSandbox();
const s3 = { accessKey: 'AKIA1', secretKey: 'secret-1', bucket: 'landing', region: 'us-west-2' };

describe('createAccount', () => {
  it('POSTs { displayName, name, dataProviderType, configurations } and returns the account', async () => {
    const { data } = await routes.createAccount(sb.auth, {
      name: '  S3 landing ',
      dataProviderType: 'amazon-s3',
      config: s3,
    });
    await sb.settled();
    expect(data).toMatchObject({
      id: 13,
      displayName: 'S3 landing',
      name: 'S3 landing',
      dataProviderType: 'amazon-s3',
    });
    expect(sb.sent[0]!.method).toBe('POST');
    expect(sb.sent[0]!.url.pathname).toBe('/api/data/v1/accounts');
    expect(JSON.parse(sb.sent[0]!.body)).toEqual({
      displayName: 'S3 landing',
      name: 'S3 landing',
      dataProviderType: 'amazon-s3',
      configurations: s3,
    });
    expect(sb.state.accounts.get(13)!.config).toEqual(s3);
  });

  it('reads the account back when Domo answers only { id }', async () => {
    sb.server.use(http.post('*/api/data/v1/accounts', () => HttpResponse.json({ id: 3 })));
    const { data } = await routes.createAccount(sb.auth, {
      name: 'only id',
      dataProviderType: 'amazon-s3',
      config: s3,
    });
    expect(data).toMatchObject({ id: 3, dataProviderType: 'snowflake' });
    expect(sb.sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /api/data/v1/accounts',
      'GET /api/data/v1/accounts/3',
    ]);
  });

  it('never retries the POST', async () => {
    sb.state.faults = { errorRate: 1 };
    await expect(
      routes.createAccount(sb.auth, { name: 'x', dataProviderType: 'amazon-s3', config: s3 }),
    ).rejects.toThrow(DomoServerError);
    expect(sb.sent).toHaveLength(1);
  });

  it('reports an unknown provider as a 400 from Domo', async () => {
    await expect(routes.createAccount(sb.auth, { name: 'x', dataProviderType: 'made-up', config: {} })).rejects.toThrow(
      DomoApiError,
    );
  });

  it.each([
    [{ name: '', dataProviderType: 'amazon-s3', config: {} }, 'name'],
    [{ name: 'x'.repeat(256), dataProviderType: 'amazon-s3', config: {} }, 'name'],
    [{ name: 'x', dataProviderType: '', config: {} }, 'dataProviderType'],
    [{ name: 'x', dataProviderType: 'amazon-s3', config: 'x' }, 'config'],
    [{ name: 'x', dataProviderType: 'amazon-s3' }, 'config'],
  ])('rejects %j before sending', async (input, field) => {
    const error = (await routes.createAccount(sb.auth, input as never).catch((e: unknown) => e)) as DomoInputError;
    expect(error).toBeInstanceOf(DomoInputError);
    expect(error.field).toBe(field);
    expect(error.route).toBe('createAccount');
    expect(sb.sent).toHaveLength(0);
  });
});

describe('deleteAccount', () => {
  it('DELETEs and the account is gone', async () => {
    expect((await routes.deleteAccount(sb.auth, 4)).status).toBe(204);
    expect(sb.state.accounts.has(4)).toBe(false);
    await expect(routes.deleteAccount(sb.auth, 4)).rejects.toThrow(DomoNotFoundError);
  });

  it('treats a 404 on a retry as deleted (the first answer was lost)', async () => {
    let first = true;
    sb.server.use(
      http.delete('*/api/data/v1/accounts/:id', ({ params }) => {
        if (!first) return undefined;
        first = false;
        sb.state.accounts.delete(Number(params.id));
        return HttpResponse.error();
      }),
    );
    expect((await routes.deleteAccount(sb.auth, 5)).status).toBe(404);
    expect(sb.sent).toHaveLength(2);
    expect(sb.state.accounts.has(5)).toBe(false);
  });
});

describe('updateAccountName', () => {
  it('PUTs a text/plain body; only displayName changes', async () => {
    const { data } = await routes.updateAccountName(sb.auth, 1, 'domolibrary test account - updated');
    await sb.settled();
    expect(data).toMatchObject({ id: 1, name: 'domo_creds', displayName: 'domolibrary test account - updated' });
    expect(sb.sent[0]!.headers.get('content-type')).toBe('text/plain');
    expect(sb.sent[0]!.body).toBe('domolibrary test account - updated');
  });

  it.each(['', '   ', 'x'.repeat(10_000), 42])('rejects name %j before sending', async (name) => {
    await expect(routes.updateAccountName(sb.auth, 1, name as string)).rejects.toThrow(DomoInputError);
    expect(sb.sent).toHaveLength(0);
  });
});

describe('OAuth template create, rename, delete', () => {
  it('creates with origin OAUTH_CONFIGURATION, renames as text, deletes', async () => {
    const { data } = await routes.createOAuthAccount(sb.auth, {
      name: 'test_api',
      dataProviderType: 'snowflake-oauth-config',
      config: { 'client-id': '777', 'client-secret': '777' },
    });
    await sb.settled();
    expect(data).toMatchObject({ id: 4, enabled: false, createdAt: null });
    expect(JSON.parse(sb.sent[0]!.body)).toMatchObject({
      origin: 'OAUTH_CONFIGURATION',
      name: 'test_api',
      displayName: 'test_api',
    });
    const renamed = await routes.updateOAuthAccountName(sb.auth, 4, 'renamed');
    expect(renamed.data).toMatchObject({ displayName: 'renamed', name: 'test_api' });
    await routes.deleteOAuthAccount(sb.auth, 4);
    expect(sb.state.templates.has(4)).toBe(false);
    expect(sb.sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /api/data/v1/accounts/templates',
      'PUT /api/data/v1/accounts/templates/4/name',
      'DELETE /api/data/v1/accounts/templates/4',
    ]);
  });
});
