import { describe, expect, it } from 'vitest';
import { raw, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const byType = (type: string) => [...sb.state.accounts.values()].find((a) => a.dataProviderType === type)!;

/** A participant user with no grant to manage accounts, and a token for them. */
function participant() {
  const user = [...sb.state.users.values()].find((u) => u.roleId === 4 && !u.locked)!;
  return { user, token: sb.state.issueToken(user.id) };
}

describe('sandbox accounts', () => {
  it('lists accounts in the §5.1 shape', async () => {
    const answer = await raw('GET', '/api/data/v1/accounts', { token: sb.state.adminToken });
    const rows = answer.body as Record<string, unknown>[];
    expect(rows).toHaveLength(12);
    expect(Object.keys(rows[0]!).sort()).toEqual(
      [
        'accountId',
        'accountTemplateAuthorizationId',
        'accountTemplateId',
        'configurations',
        'createdAt',
        'createdBy',
        'credentialsType',
        'dataProviderType',
        'displayName',
        'id',
        'modifiedAt',
        'modifiedBy',
        'name',
        'type',
        'userId',
        'valid',
      ].sort(),
    );
    expect(rows[0]).toMatchObject({
      id: 1,
      name: 'domo_creds',
      dataProviderType: 'abstract-credential-store',
      credentialsType: 'fields',
      type: 'data',
      configurations: {},
    });
  });

  it('gets one account: 404 when missing, 403 when not shared with the caller', async () => {
    expect((await raw('GET', '/api/data/v1/accounts/3', { token: sb.state.adminToken })).body).toMatchObject({ id: 3 });
    const missing = await raw('GET', '/api/data/v1/accounts/999', { token: sb.state.adminToken });
    expect([missing.status, missing.statusText]).toEqual([404, 'Not Found']);
    const { user, token } = participant();
    const hidden = [...sb.state.accounts.values()].find(
      (a) => !a.shares.some((s) => s.id === user.id || sb.state.groupIdsOf(user.id).includes(s.id)),
    )!;
    const forbidden = await raw('GET', `/api/data/v1/accounts/${hidden.id}`, { token });
    expect([forbidden.status, forbidden.statusText]).toEqual([403, 'Forbidden']);
    const visible = (await raw('GET', '/api/data/v1/accounts', { token })).body as { id: number }[];
    expect(visible.map((a) => a.id)).not.toContain(hidden.id);
  });

  it('masks config secrets unless unmask=true', async () => {
    const account = byType('snowflake');
    const path = `/api/data/v1/providers/snowflake/account/${account.id}`;
    const masked = (await raw('GET', path, { token: sb.state.adminToken })).body as Record<string, string>;
    expect(masked.password).toMatch(/^\{encrypted\}/);
    expect(masked.username).toBe(account.config.username);
    const clear = (await raw('GET', `${path}?unmask=true`, { token: sb.state.adminToken })).body as Record<
      string,
      string
    >;
    expect(clear.password).toBe(account.config.password);
    const oauth = byType('google-spreadsheets');
    expect(
      (
        await raw('GET', `/api/data/v1/providers/google-spreadsheets/account/${oauth.id}?unmask=true`, {
          token: sb.state.adminToken,
        })
      ).body,
    ).toEqual({});
    expect(
      (await raw('GET', `/api/data/v1/providers/amazon-s3/account/${account.id}`, { token: sb.state.adminToken }))
        .status,
    ).toBe(404);
  });

  it('replaces a config with PUT and answers the account object; unknown keys are 400', async () => {
    const account = byType('amazon-s3');
    const path = `/api/data/v1/providers/amazon-s3/account/${account.id}`;
    const put = await raw('PUT', path, {
      token: sb.state.adminToken,
      json: { accessKey: 'AKIA1', secretKey: 'new-secret', bucket: 'b' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: account.id, dataProviderType: 'amazon-s3' });
    expect(sb.state.accounts.get(account.id)!.config).toEqual({
      accessKey: 'AKIA1',
      secretKey: 'new-secret',
      bucket: 'b',
    });
    const bad = await raw('PUT', path, { token: sb.state.adminToken, json: { nope: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ message: expect.stringContaining('nope') });
    expect((await raw('PUT', path, { token: sb.state.adminToken, json: ['x'] })).status).toBe(400);
  });

  it('renames with a text/plain body: displayName changes, name stays', async () => {
    const path = '/api/data/v1/accounts/1/name';
    const answer = await raw('PUT', path, { token: sb.state.adminToken, text: 'domolibrary test account - updated' });
    expect(answer.body).toMatchObject({ id: 1, name: 'domo_creds', displayName: 'domolibrary test account - updated' });
    expect((await raw('PUT', path, { token: sb.state.adminToken, json: { name: 'x' } })).status).toBe(415);
    expect((await raw('PUT', path, { token: sb.state.adminToken, text: '   ' })).status).toBe(400);
  });

  it('creates accounts in their own id sequence, owned by the caller, and deletes them', async () => {
    const created = await raw('POST', '/api/data/v1/accounts', {
      token: sb.state.adminToken,
      json: {
        displayName: 'New S3',
        name: 'new_s3',
        dataProviderType: 'amazon-s3',
        configurations: { accessKey: 'A', secretKey: 'S', bucket: 'b', region: 'us-west-2' },
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: 13, displayName: 'New S3', name: 'new_s3' });
    expect(sb.state.accounts.get(13)!.shares).toEqual([
      { type: 'USER', id: sb.state.adminUserId, accessLevel: 'OWNER' },
    ]);
    expect(
      (
        await raw('POST', '/api/data/v1/accounts', {
          token: sb.state.adminToken,
          json: { displayName: 'x', dataProviderType: 'nope' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await raw('POST', '/api/data/v1/accounts', {
          token: sb.state.adminToken,
          json: { dataProviderType: 'amazon-s3' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await raw('POST', '/api/data/v1/accounts', {
          token: sb.state.adminToken,
          json: { displayName: 'x', dataProviderType: 'amazon-s3', configurations: 'x' },
        })
      ).status,
    ).toBe(400);
    expect((await raw('DELETE', '/api/data/v1/accounts/13', { token: sb.state.adminToken })).status).toBe(204);
    expect(sb.state.accounts.has(13)).toBe(false);
    expect((await raw('DELETE', '/api/data/v1/accounts/13', { token: sb.state.adminToken })).status).toBe(404);
  });

  it('lists data providers in the §5.6 shape', async () => {
    const providers = (await raw('GET', '/api/data/v1/providers', { token: sb.state.adminToken })).body as Record<
      string,
      unknown
    >[];
    expect(providers.length).toBeGreaterThanOrEqual(20);
    expect(providers[0]).toMatchObject({
      key: 'abstract-credential-store',
      name: 'Abstract Credential Store',
      authenticationScheme: 'fields',
      visibility: 'ALWAYS',
    });
  });
});

describe('sandbox OAuth templates', () => {
  it('lists, creates (disabled, no dates), renames (encrypted config) and deletes templates', async () => {
    const token = sb.state.adminToken;
    const list = (await raw('GET', '/api/data/v1/accounts/templates/user/extended', { token })).body as Record<
      string,
      unknown
    >[];
    expect(list[0]).toMatchObject({
      id: 1,
      origin: 'OAUTH_CONFIGURATION',
      dataProviderType: 'snowflake-oauth-config',
      owners: [{ type: 'USER', id: String(sb.state.adminUserId) }],
    });
    const created = await raw('POST', '/api/data/v1/accounts/templates', {
      token,
      json: {
        name: 'test_api',
        displayName: 'test_dl',
        dataProviderType: 'snowflake-oauth-config',
        origin: 'OAUTH_CONFIGURATION',
        configurations: { 'client-id': '777', 'client-secret': '777' },
      },
    });
    expect(created.body).toMatchObject({
      id: 4,
      enabled: false,
      createdAt: null,
      modifiedAt: null,
      configurations: {},
      configurationsList: [],
    });
    expect(
      (
        await raw('POST', '/api/data/v1/accounts/templates', {
          token,
          json: { displayName: 'x', dataProviderType: 'snowflake' },
        })
      ).status,
    ).toBe(400);
    const renamed = await raw('PUT', '/api/data/v1/accounts/templates/4/name', { token, text: 'renamed' });
    expect(renamed.body).toMatchObject({ id: 4, name: 'test_api', displayName: 'renamed' });
    const { configurations } = renamed.body as { configurations: Record<string, string> };
    expect(configurations['client-secret']).toMatch(/^\{encrypted\}/);
    expect(
      (await raw('GET', '/api/data/v1/providers/snowflake-oauth-config/template/4?unmask=true', { token })).body,
    ).toEqual({ 'client-id': '777', 'client-secret': '777' });
    expect((await raw('DELETE', '/api/data/v1/accounts/templates/4', { token })).status).toBe(200);
    expect((await raw('GET', '/api/data/v1/providers/snowflake-oauth-config/template/4', { token })).status).toBe(404);
  });

  it('keeps template ids apart from account ids', async () => {
    const template = (
      await raw('GET', '/api/data/v1/providers/jira-on-prem-oauth-config/template/2?unmask=true', {
        token: sb.state.adminToken,
      })
    ).body;
    expect(Object.keys(template as object)).toEqual(['client_id', 'client_secret']);
    const account = (await raw('GET', '/api/data/v1/accounts/2', { token: sb.state.adminToken })).body;
    expect(account).toMatchObject({ id: 2, dataProviderType: 'domo-access-token' });
  });

  it('updates a template config and answers the template', async () => {
    const token = sb.state.adminToken;
    const answer = await raw('PUT', '/api/data/v1/providers/jira-on-prem-oauth-config/template/2', {
      token,
      json: { client_id: 'abc', client_secret: 'def' },
    });
    expect(answer.body).toMatchObject({ id: 2, origin: 'OAUTH_CONFIGURATION' });
    expect(sb.state.templates.get(2)!.config).toEqual({ client_id: 'abc', client_secret: 'def' });
  });
});
