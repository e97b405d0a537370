import { describe, expect, it } from 'vitest';
import { DomoInputError, DomoNotFoundError, routes } from '../../../src/index.js';
import { useSandbox } from '../../helpers/sandbox.js';

const sb = useSandbox();

describe('getOAuthAccounts', () => {
  it('GETs the template list', async () => {
    const { data } = await routes.getOAuthAccounts(sb.auth);
    expect(data.map((t) => t.id)).toEqual([1, 2, 3]);
    expect(data[0]).toMatchObject({ origin: 'OAUTH_CONFIGURATION', dataProviderType: 'snowflake-oauth-config' });
    expect(sb.sent[0]!.url.pathname).toBe('/api/data/v1/accounts/templates/user/extended');
  });
});

describe('getOAuthAccountById', () => {
  it('filters the list by numeric id', async () => {
    const { data } = await routes.getOAuthAccountById(sb.auth, 2);
    expect(data).toMatchObject({ id: 2, dataProviderType: 'jira-on-prem-oauth-config' });
    expect(sb.sent).toHaveLength(1);
  });

  it('reports an id not in the list as not found or not shared', async () => {
    const error = (await routes
      .getOAuthAccountById(sb.auth, 999_999_999)
      .catch((e: unknown) => e)) as DomoNotFoundError;
    expect(error).toBeInstanceOf(DomoNotFoundError);
    expect(error.message).toContain('OAuth account 999999999 not found or not shared with you');
  });

  it('rejects a bad id before sending', async () => {
    await expect(routes.getOAuthAccountById(sb.auth, -5)).rejects.toThrow(DomoInputError);
    expect(sb.sent).toHaveLength(0);
  });
});
