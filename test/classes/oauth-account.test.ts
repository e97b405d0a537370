import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DomoNotFoundError, DomoOAuthAccount, Secret } from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();

describe('DomoOAuthAccount', () => {
  it('gets a template from the list, with owners and its config', async () => {
    const template = await DomoOAuthAccount.get(sb.auth, 1, { withConfig: true, unmask: true });
    expect(template).toMatchObject({
      id: 1,
      displayName: 'OZ test',
      dataProviderType: 'snowflake-oauth-config',
      origin: 'OAUTH_CONFIGURATION',
      enabled: true,
      ownerIds: [sb.state.adminUserId],
    });
    expect(template.config!.get('client-secret')).toBeInstanceOf(Secret);
    expect(template.config!.get('client-id')).toBe(sb.state.templates.get(1)!.config['client-id']);
    expect(inspect(template)).toBe('DomoOAuthAccount #1 "OZ test" snowflake-oauth-config');
  });

  it('a missing id is DomoNotFoundError', async () => {
    await expect(DomoOAuthAccount.get(sb.auth, 999_999_999)).rejects.toThrow(DomoNotFoundError);
  });

  it('creates (disabled), renames and restores, updates config by merge, shares and deletes', async () => {
    const template = await DomoOAuthAccount.create(sb.auth, {
      name: 'test_dl',
      dataProviderType: 'snowflake-oauth-config',
      config: { 'client-id': '777', 'client-secret': '777' },
    });
    expect(template).toMatchObject({ id: 4, enabled: false });
    expect(inspect(template)).toContain('(disabled)');
    await template.rename('renamed');
    expect(template.displayName).toBe('renamed');
    await template.rename('test_dl');
    await template.updateConfig({ 'client-id': '888' });
    expect(sb.state.templates.get(4)!.config).toEqual({ 'client-id': '888', 'client-secret': '777' });
    const user = [...sb.state.users.values()].find((u) => u.roleId === 4)!;
    await template.share({ userId: user.id });
    expect((await template.getAccess()).map((row) => row.id)).toContain(user.id);
    await template.unshare({ userId: user.id });
    await template.delete();
    expect(sb.state.templates.has(4)).toBe(false);
  });

  it('refuses keys of another provider', async () => {
    const template = await DomoOAuthAccount.get(sb.auth, 2);
    await expect(template.updateConfig({ 'client-id': 'x' })).rejects.toThrow(/valid keys: client_id, client_secret/);
  });
});
