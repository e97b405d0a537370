import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  DomoAccount,
  DomoAccounts,
  DomoAmbiguousNameError,
  DomoNotFoundError,
  DomoOAuthAccount,
  DomoServerError,
  Secret,
  type Progress,
} from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ accounts: 40 });

describe('DomoAccounts.list', () => {
  it('lists with one request when configs are not asked for', async () => {
    const { accounts, failed } = await new DomoAccounts(sb.auth).list();
    expect(accounts).toHaveLength(40);
    expect(accounts[0]).toBeInstanceOf(DomoAccount);
    expect(failed).toEqual([]);
    expect(sb.sent).toHaveLength(1);
  });

  it('withConfig: one list request plus one config request per stored-config account, no per-account GET', async () => {
    const progress: Progress[] = [];
    const { accounts } = await new DomoAccounts(sb.auth).list({
      withConfig: true,
      onProgress: (p) => progress.push(p),
    });
    const stored = accounts.filter((a) => a.credentialsType !== 'oauth');
    expect(sb.state.requests).toHaveLength(1 + stored.length);
    expect(sb.state.requests.filter((r) => /^\/api\/data\/v1\/accounts\/\d+$/.test(r.path))).toHaveLength(0);
    expect(accounts.every((a) => a.config !== undefined)).toBe(true);
    expect(accounts.find((a) => a.dataProviderType === 'snowflake')!.config!.get('password')).toBeInstanceOf(Secret);
    expect(progress.at(-1)).toEqual({ done: 40, total: 40, failed: 0 });
  });

  it('starts config reads while the list is still being hydrated, and keeps the list order', async () => {
    const hydrate = vi.spyOn(DomoAccount, 'hydrate');
    let hydratedAtFirstConfig: number | undefined;
    sb.server.use(
      http.get('*/api/data/v1/providers/:type/account/:id', () => {
        hydratedAtFirstConfig ??= hydrate.mock.calls.length;
        return undefined; // on to the sandbox
      }),
    );
    const { accounts } = await new DomoAccounts(sb.auth).list({ withConfig: true, concurrency: 4 });
    hydrate.mockRestore();
    expect(hydratedAtFirstConfig).toBeGreaterThan(0);
    expect(hydratedAtFirstConfig).toBeLessThan(40);
    expect(accounts.map((a) => a.id)).toEqual([...sb.state.accounts.keys()]);
    expect(accounts.every((a) => a.config !== undefined)).toBe(true);
  });

  it('keeps at most `concurrency` config requests in flight', async () => {
    sb.state.faults = { latencyMs: 40 };
    await new DomoAccounts(sb.auth).list({ withConfig: true, concurrency: 4 });
    expect(sb.state.counters.peakInFlight).toBe(4);
  });

  it('collects failed config reads instead of aborting', async () => {
    sb.server.use(
      http.get('*/api/data/v1/providers/snowflake/account/:id', () => new HttpResponse(null, { status: 500 })),
    );
    const { accounts, failed } = await new DomoAccounts(sb.authWith({ retry: 0 })).list({ withConfig: true });
    const snowflakes = accounts.filter((a) => a.dataProviderType === 'snowflake');
    expect(failed.map((f) => f.account.id).sort()).toEqual(snowflakes.map((a) => a.id).sort());
    expect(failed.every((f) => f.error instanceof DomoServerError)).toBe(true);
    expect(accounts.filter((a) => a.config).length).toBe(40 - snowflakes.length);
  });

  it('filters by provider type', async () => {
    const { accounts } = await new DomoAccounts(sb.auth).list({ dataProviderType: 'amazon-s3' });
    expect(accounts.length).toBeGreaterThan(0);
    expect(accounts.every((a) => a.dataProviderType === 'amazon-s3')).toBe(true);
  });
});

describe('DomoAccounts lookups', () => {
  it('finds by exact display name, case-insensitive, never by substring', async () => {
    const accounts = new DomoAccounts(sb.auth);
    expect((await accounts.findByName('DOMO_CREDS'))!.id).toBe(1);
    expect(await accounts.findByName('domo_cred')).toBeUndefined();
    await expect(accounts.getByName('nothing like it')).rejects.toThrow(DomoNotFoundError);
  });

  it('falls back to name after a rename, and reports ambiguity naming both', async () => {
    const accounts = new DomoAccounts(sb.auth);
    sb.state.accounts.get(1)!.displayName = 'Renamed creds';
    expect((await accounts.findByName('domo_creds'))!.id).toBe(1);
    sb.state.accounts.get(2)!.displayName = 'Renamed creds';
    const error = (await accounts.findByName('renamed CREDS').catch((e: unknown) => e)) as DomoAmbiguousNameError;
    expect(error).toBeInstanceOf(DomoAmbiguousNameError);
    expect(error.message).toContain('#1');
    expect(error.message).toContain('#2');
    expect(error.matches.map((m) => m.id)).toEqual([1, 2]);
    expect((await accounts.findByName('renamed creds', { dataProviderType: 'domo-access-token' }))!.id).toBe(2);
  });

  it('gets by id, lists OAuth templates and data providers', async () => {
    const accounts = new DomoAccounts(sb.auth);
    expect((await accounts.get(3)).id).toBe(3);
    const templates = await accounts.listOAuth();
    expect(templates[0]).toBeInstanceOf(DomoOAuthAccount);
    expect((await accounts.dataProviders()).length).toBe(sb.state.providers.size);
  });
});

describe('DomoAccounts.upsert', () => {
  const config = { accessKey: 'AKIA9', secretKey: 'upsert-secret', bucket: 'landing-9', region: 'us-west-2' };

  it('creates, then leaves an identical config alone, then replaces a different one', async () => {
    const accounts = new DomoAccounts(sb.auth);
    const created = await accounts.upsert({ name: 'Upserted S3', dataProviderType: 'amazon-s3', config });
    expect(created.action).toBe('created');
    const same = await accounts.upsert({ name: 'upserted s3', dataProviderType: 'amazon-s3', config });
    expect(same).toMatchObject({ action: 'unchanged' });
    expect(same.entity.id).toBe(created.entity.id);
    const changed = await accounts.upsert({
      name: 'Upserted S3',
      dataProviderType: 'amazon-s3',
      config: { ...config, bucket: 'other' },
    });
    expect(changed.action).toBe('updated');
    expect(sb.state.accounts.get(created.entity.id)!.config).toEqual({ ...config, bucket: 'other' });
    expect([...sb.state.accounts.values()].filter((a) => a.displayName === 'Upserted S3')).toHaveLength(1);
  });

  it('validates the config before looking anything up', async () => {
    await expect(
      new DomoAccounts(sb.auth).upsert({ name: 'x', dataProviderType: 'amazon-s3', config: { bucket: 'b' } }),
    ).rejects.toThrow(/missing required keys/);
    expect(sb.sent).toHaveLength(0);
  });
});

describe('AccountList', () => {
  it('is an array of accounts that also destructures as { accounts, failed }', async () => {
    const list = await new DomoAccounts(sb.auth).list();
    expect(Array.isArray(list)).toBe(true);
    expect(list).toHaveLength(40);
    expect(list[0]).toBeInstanceOf(DomoAccount);
    const { accounts, failed } = list;
    expect(accounts).toBe(list);
    expect(failed).toEqual([]);
    expect(Object.keys(list)).not.toContain('failed');
    const ids = list.map((a) => a.id);
    expect(ids.constructor).toBe(Array);
    expect(JSON.parse(JSON.stringify(list))).toHaveLength(40);
  });
});
