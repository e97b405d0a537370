// One instance inventory: governance (export, plan) and the audit read the instance through the same reads, one
// request per object; planning stops at the first failed read, the audit records it and reads on.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { auditAccess } from '../../src/audit/index.js';
import { exportSpec, planSpec } from '../../src/governance/index.js';
import { Inventory } from '../../src/inventory/inventory.js';
import { DomoServerError, DomoValidationError } from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 30, accounts: 5 });

const perPath = (pattern: RegExp) => sb.sent.filter((r) => pattern.test(r.url.pathname)).length;
const failOne = (path: string) =>
  sb.server.use(
    http.get(`*${path}`, () => new HttpResponse(null, { status: 500, statusText: 'Internal Server Error' })),
  );

describe('the inventory', () => {
  it('reads a role once: one grants read per role, whether for an export or an audit', async () => {
    const custom = [...sb.state.roles.values()].filter((role) => role.id > 5).length;
    await exportSpec(sb.auth, { only: ['roles'] });
    expect(perPath(/\/roles\/\d+\/authorities$/)).toBe(custom);
    const before = sb.sent.length;
    await auditAccess(sb.auth, { include: ['roles'] });
    expect(sb.sent.slice(before).filter((r) => /\/roles\/\d+\/authorities$/.test(r.url.pathname))).toHaveLength(
      sb.state.roles.size,
    );
  });

  it('a failed read stops a plan or an export (strict) and is listed by the audit (tolerant)', async () => {
    const account = [...sb.state.accounts.values()][0]!;
    failOne(`/api/data/v2/accounts/share/${account.id}`);
    await expect(exportSpec(sb.auth, { only: ['accounts'] })).rejects.toThrow(DomoServerError);
    await expect(planSpec(sb.auth, { accounts: { [account.displayName]: { share: {} } } })).rejects.toThrow(
      DomoServerError,
    );
    const model = await auditAccess(sb.auth, { include: ['accounts'] });
    expect(model.failures).toEqual([expect.objectContaining({ section: 'accounts', id: account.id })]);
    expect(model.accounts.find((a) => a.id === account.id)?.incomplete).toBe(true);
    expect(model.accounts.length).toBe(sb.state.accounts.size);
  });

  it('counts every request per section and bounds what is in flight', async () => {
    const inventory = new Inventory(sb.auth, {}, { concurrency: 2 });
    const rows = await inventory.credentials('accounts');
    const records = await inventory.access('accounts', rows);
    expect(records.map((r) => r.account.id)).toEqual(rows.map((r) => r.id));
    expect(records.every((r) => Array.isArray(r.access))).toBe(true);
    expect(inventory.requests.accounts).toBe(rows.length + 1);
    expect(sb.state.counters.peakInFlight).toBeLessThanOrEqual(2);
    expect(inventory.failures).toEqual([]);
  });

  it('a user search that serves fewer users than it announced: strict throws, tolerant lists it', async () => {
    sb.server.use(http.post('*/api/identity/v1/users/search', () => HttpResponse.json({ users: [], count: 5 })));
    await expect(new Inventory(sb.auth, {}).users()).rejects.toThrow(DomoValidationError);
    const tolerant = new Inventory(sb.auth, {}, { tolerant: true });
    expect(await tolerant.users()).toEqual([]);
    expect(tolerant.failures).toEqual([
      expect.objectContaining({ section: 'users', error: expect.stringMatching(/announced 5 users and served 0/) }),
    ]);
  });
});
