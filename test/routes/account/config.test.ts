import { describe, expect, it } from 'vitest';
import { DomoApiError, DomoInputError, DomoNotFoundError, routes } from '../../../src/index.js';
import { useSandbox } from '../../helpers/sandbox.js';

const sb = useSandbox();
const byType = (type: string) => [...sb.state.accounts.values()].find((a) => a.dataProviderType === type)!;

describe('getAccountConfig', () => {
  it('reads the provider type first when it is not given, and keeps secrets masked by default', async () => {
    const account = byType('snowflake');
    const response = await routes.getAccountConfig(sb.auth, account.id);
    expect(sb.sent.map((r) => r.url.pathname + r.url.search)).toEqual([
      `/api/data/v1/accounts/${account.id}?unmask=false`,
      `/api/data/v1/providers/snowflake/account/${account.id}?unmask=false`,
    ]);
    expect(response.data.password).toMatch(/^\{encrypted\}/);
    expect(response.data.username).toBe(account.config.username);
    expect(response.data).not.toHaveProperty('_search_metadata');
    expect(response.meta).toEqual({ id: account.id, dataProviderType: 'snowflake', unmasked: false });
  });

  it('sends one request when the type is given, clear text on unmask', async () => {
    const account = byType('amazon-s3');
    const { data } = await routes.getAccountConfig(sb.auth, account.id, {
      dataProviderType: 'amazon-s3',
      unmask: true,
    });
    expect(sb.sent).toHaveLength(1);
    expect(data.secretKey).toBe(account.config.secretKey);
  });

  it('returns {} for OAuth-credential providers', async () => {
    const account = byType('google-spreadsheets');
    expect(
      (await routes.getAccountConfig(sb.auth, account.id, { dataProviderType: 'google-spreadsheets', unmask: true }))
        .data,
    ).toEqual({});
  });

  it('reports a wrong provider type or a missing account as not found', async () => {
    await expect(
      routes.getAccountConfig(sb.auth, byType('snowflake').id, { dataProviderType: 'amazon-s3' }),
    ).rejects.toThrow(DomoNotFoundError);
    await expect(routes.getAccountConfig(sb.auth, 999)).rejects.toThrow(/account 999 not found or not shared/);
  });

  it('rejects a bad provider type before sending', async () => {
    await expect(routes.getAccountConfig(sb.auth, 1, { dataProviderType: '../x' })).rejects.toThrow(DomoInputError);
    expect(sb.sent).toHaveLength(0);
  });
});

describe('updateAccountConfig', () => {
  it('PUTs the JSON config and returns the account object', async () => {
    const account = byType('amazon-s3');
    const config = { accessKey: 'AKIA2', secretKey: 'canary-new-secret', bucket: 'b2', region: 'eu-west-1' };
    const { data } = await routes.updateAccountConfig(sb.auth, account.id, config, { dataProviderType: 'amazon-s3' });
    await sb.settled();
    expect(data).toMatchObject({ id: account.id, dataProviderType: 'amazon-s3' });
    expect(sb.sent[0]).toMatchObject({ method: 'PUT' });
    expect(sb.sent[0]!.url.pathname).toBe(`/api/data/v1/providers/amazon-s3/account/${account.id}`);
    expect(sb.sent[0]!.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(sb.sent[0]!.body)).toEqual(config);
    expect(sb.state.accounts.get(account.id)!.config).toEqual(config);
  });

  it('reports refused keys as a 400 without echoing secret values', async () => {
    const account = byType('amazon-s3');
    const error = (await routes
      .updateAccountConfig(sb.auth, account.id, { nope: 'canary-value-123' }, { dataProviderType: 'amazon-s3' })
      .catch((e: unknown) => e)) as DomoApiError;
    expect(error).toBeInstanceOf(DomoApiError);
    expect(error.status).toBe(400);
    expect(error.message).toContain('nope');
    expect(JSON.stringify(error) + String(error.stack)).not.toContain('canary-value-123');
  });

  it.each([null, [], 'x', { nested: { a: 1 } }, new Date()])('rejects config %j before sending', async (config) => {
    await expect(
      routes.updateAccountConfig(sb.auth, 1, config as never, { dataProviderType: 'abstract-credential-store' }),
    ).rejects.toThrow(DomoInputError);
    expect(sb.sent).toHaveLength(0);
  });
});

describe('OAuth template configs', () => {
  it('reads a template config (type looked up from the list when not given)', async () => {
    const { data, meta } = await routes.getOAuthAccountConfig(sb.auth, 1, { unmask: true });
    expect(meta.dataProviderType).toBe('snowflake-oauth-config');
    expect(data).toEqual(sb.state.templates.get(1)!.config);
    expect(sb.sent.map((r) => r.url.pathname)).toEqual([
      '/api/data/v1/accounts/templates/user/extended',
      '/api/data/v1/providers/snowflake-oauth-config/template/1',
    ]);
  });

  it('updates a template config and returns the template', async () => {
    const { data } = await routes.updateOAuthAccountConfig(
      sb.auth,
      2,
      { client_id: 'new-id', client_secret: 'new-secret' },
      { dataProviderType: 'jira-on-prem-oauth-config' },
    );
    expect(data).toMatchObject({ id: 2, origin: 'OAUTH_CONFIGURATION' });
    expect(sb.state.templates.get(2)!.config).toEqual({ client_id: 'new-id', client_secret: 'new-secret' });
  });
});
