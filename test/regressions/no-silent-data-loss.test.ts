// Issue 12 §2: replacing operations distrust their reads, route writes refuse masks, half-done work says so, and
// concurrent read-modify-writes in one process never lose an update.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  DomoAccount,
  DomoAccounts,
  DomoInputError,
  DomoPartialFailureError,
  DomoRole,
  DomoValidationError,
  routes,
} from '../../src/index.js';
import { createSandboxHandlers, createSandboxState } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const accountOf = (type: string) => [...sb.state.accounts.values()].find((a) => a.dataProviderType === type)!;
const roleNamed = (name: string) => [...sb.state.roles.values()].find((r) => r.name === name)!;
const writes = () => sb.sent.filter((r) => r.method !== 'GET');
const CONFIG_PATH = '*/api/data/v1/providers/:type/account/:id';

/** Answers the unmasked config read of one account with `body`; every other request goes to the sandbox. */
function unmaskedReadAnswers(id: number, body: Record<string, unknown>) {
  sb.server.use(
    http.get(CONFIG_PATH, ({ request, params }) => {
      if (Number(params.id) !== id || new URL(request.url).searchParams.get('unmask') !== 'true') return undefined;
      return HttpResponse.json(body);
    }),
  );
}

describe('updateConfig merges only onto a complete read', () => {
  it('an empty unmasked read is refused with a typed error and nothing is sent', async () => {
    const stored = accountOf('snowflake');
    const before = { ...stored.config };
    const account = await DomoAccount.get(sb.auth, stored.id);
    unmaskedReadAnswers(stored.id, {});
    const error = (await account.updateConfig({ role: 'ANALYST' }).catch((e: unknown) => e)) as DomoValidationError;
    expect(error).toBeInstanceOf(DomoValidationError);
    expect(error.message).toMatch(
      /read back incomplete \(no account, username, password, role, allowExternalUse; 0 key\(s\) unmasked, 5 masked/,
    );
    expect(error.message).toContain('nothing was written');
    expect(writes()).toHaveLength(0);
    expect(stored.config).toEqual(before);
  });

  it('a read with fewer keys than the masked read shows is refused too', async () => {
    const stored = accountOf('snowflake');
    const { password: _dropped, ...partial } = stored.config as Record<string, string>;
    const account = await DomoAccount.get(sb.auth, stored.id);
    unmaskedReadAnswers(stored.id, { ...partial, password: undefined });
    await expect(account.updateConfig({ role: 'ANALYST' })).rejects.toThrow(/read back incomplete \(no password/);
    expect(writes()).toHaveLength(0);
  });

  it('a complete read merges and keeps every secret', async () => {
    const stored = accountOf('snowflake');
    const password = stored.config.password;
    await (await DomoAccount.get(sb.auth, stored.id)).updateConfig({ role: 'ANALYST' });
    expect(stored.config).toMatchObject({ role: 'ANALYST', password });
  });

  it('a write that succeeded but could not be read back is a DomoPartialFailureError saying so', async () => {
    const stored = accountOf('snowflake');
    const account = await DomoAccount.get(sb.auth, stored.id);
    let writesSeen = 0;
    sb.server.use(
      http.put(CONFIG_PATH, () => {
        writesSeen += 1;
        return undefined;
      }),
      http.get(CONFIG_PATH, ({ request }) =>
        writesSeen > 0 && new URL(request.url).searchParams.get('unmask') === 'false'
          ? HttpResponse.json({ message: 'down' }, { status: 503 })
          : undefined,
      ),
    );
    const error = (await account
      .updateConfig({ role: 'WRITER' }, { timeoutMs: 5_000 })
      .catch((e: unknown) => e)) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    expect(error.completed).toEqual([`wrote the config of account ${stored.id}`]);
    expect(error.message).toContain('was written, but reading it back to verify failed');
    expect(stored.config.role).toBe('WRITER');
  });
});

describe('route-level config writes refuse {encrypted} placeholders', () => {
  it.each([
    [
      'updateAccountConfig',
      () =>
        routes.updateAccountConfig(
          sb.auth,
          accountOf('snowflake').id,
          { account: 'a', username: 'u', password: '{encrypted}AbC=' },
          { dataProviderType: 'snowflake' },
        ),
    ],
    [
      'updateOAuthAccountConfig',
      () =>
        routes.updateOAuthAccountConfig(
          sb.auth,
          [...sb.state.templates.values()][0]!.id,
          { 'client-id': 'x', 'client-secret': '{encrypted}zz' },
          { dataProviderType: 'snowflake-oauth-config' },
        ),
    ],
  ])('%s', async (_name, write) => {
    const error = (await write().catch((e: unknown) => e)) as DomoInputError;
    expect(error).toBeInstanceOf(DomoInputError);
    expect(error.message).toMatch(/hold \{encrypted\} placeholders from a masked read/);
    expect(error.message).not.toContain('AbC=');
    expect(sb.sent).toHaveLength(0);
  });
});

describe('addGrants / removeGrants distrust a grants read that disagrees with the role', () => {
  it.each(['addGrants', 'removeGrants'] as const)(
    '%s refuses an empty read of a role with grants, and sends nothing',
    async (method) => {
      const editor = sb.state.roles.get(3)!;
      const held = [...editor.authorities];
      expect(held.length).toBeGreaterThan(1);
      const role = await DomoRole.get(sb.auth, 3);
      sb.server.use(http.get('*/api/authorization/v1/roles/3/authorities', () => HttpResponse.json([])));
      const error = (await role[method]([held[0]!]).catch((e: unknown) => e)) as DomoValidationError;
      expect(error).toBeInstanceOf(DomoValidationError);
      expect(error.message).toContain(`the grants read shows 0 grant(s) but the role says it has ${held.length}`);
      expect(writes()).toHaveLength(0);
      expect(editor.authorities).toEqual(held);
    },
  );
});

describe('multi-step operations that stop half way say what was done', () => {
  it('DomoRole.delete with reassignTo: members moved, DELETE failed → DomoPartialFailureError', async () => {
    const stewards = roleNamed('Data Stewards');
    const members = [...sb.state.users.values()].filter((u) => u.roleId === stewards.id).map((u) => u.id);
    expect(members.length).toBeGreaterThan(0);
    const role = await DomoRole.get(sb.auth, stewards.id);
    sb.server.use(
      http.delete(`*/api/authorization/v1/roles/${stewards.id}`, () =>
        HttpResponse.json({ message: 'role is locked' }, { status: 409 }),
      ),
    );
    const error = (await role.delete({ reassignTo: 3 }).catch((e: unknown) => e)) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    expect(error.completed).toEqual([`moved users ${members.join(', ')} from role ${stewards.id} to role 3`]);
    expect(error.message).toContain('were moved to role 3, but deleting the role failed');
    expect(members.every((id) => sb.state.users.get(id)!.roleId === 3)).toBe(true);
    expect(sb.state.roles.has(stewards.id)).toBe(true);
  });
});

describe('concurrent read-modify-writes on one role are serialised', () => {
  type Op = { kind: 'add' | 'remove'; grant: string } | { kind: 'member'; userId: number };

  /** 200 operations mixing grant adds and removes and member moves, in a fixed pseudo-random order. */
  function operations(grants: string[], userIds: number[]): Op[] {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    return Array.from({ length: 200 }, (): Op => {
      const pick = next(10);
      if (pick < 4) return { kind: 'add', grant: grants[next(grants.length)]! };
      if (pick < 8) return { kind: 'remove', grant: grants[next(grants.length)]! };
      return { kind: 'member', userId: userIds[next(userIds.length)]! };
    });
  }

  const run = (role: DomoRole, op: Op) => {
    if (op.kind === 'member') return role.addMembers([op.userId]);
    return op.kind === 'add' ? role.addGrants([op.grant]) : role.removeGrants([op.grant]);
  };

  it('200 interleaved add/removeGrants/addMembers end in the state a serial run gives', async () => {
    const target = roleNamed('Data Stewards');
    const free = [...sb.state.authorities.values()]
      .filter((a) => a.dependsOnAuthorities.length === 0)
      .map((a) => a.authority)
      .slice(0, 8);
    const userIds = [...sb.state.users.values()]
      .filter((u) => u.roleId === 4)
      .slice(0, 10)
      .map((u) => u.id);
    const ops = operations(free, userIds);

    const serialState = createSandboxState();
    sb.server.use(...createSandboxHandlers(serialState, { baseUrl: 'https://serial.domo.com' }));
    const serialAuth = sb.authWith({ baseUrl: 'https://serial.domo.com', token: serialState.adminToken });
    const serialRole = await DomoRole.get(serialAuth, target.id);
    for (const op of ops) await run(serialRole, op);

    const role = await DomoRole.get(sb.auth, target.id);
    await Promise.all(ops.map((op) => run(role, op)));

    expect([...target.authorities].sort()).toEqual([...serialState.roles.get(target.id)!.authorities].sort());
    const membersOf = (state: typeof serialState) =>
      [...state.users.values()]
        .filter((u) => u.roleId === target.id)
        .map((u) => u.id)
        .sort();
    expect(membersOf(sb.state)).toEqual(membersOf(serialState));
  });

  it('concurrent updateConfig calls on one account keep every change', async () => {
    const stored = accountOf('snowflake');
    const account = await DomoAccount.get(sb.auth, stored.id);
    const other = await DomoAccount.get(sb.auth, stored.id);
    await Promise.all([account.updateConfig({ role: 'R1' }), other.updateConfig({ username: 'svc_two' })]);
    expect(stored.config).toMatchObject({ role: 'R1', username: 'svc_two' });
  });
});

describe('entity and manager methods take { signal, timeoutMs }', () => {
  it('an already-aborted signal sends nothing and is a DomoAbortError', async () => {
    const role = await DomoRole.get(sb.auth, 3);
    const sentBefore = sb.sent.length;
    const aborted = AbortSignal.abort();
    for (const call of [
      () => role.addGrants(['dataset.view'], { signal: aborted }),
      () => role.getMembers({ signal: aborted }),
      () => new DomoAccounts(sb.auth).list({ signal: aborted }),
    ]) {
      await expect(call()).rejects.toMatchObject({ name: 'DomoAbortError' });
    }
    expect(sb.sent.length).toBe(sentBefore);
  });

  it('list({ signal }) aborted mid-way rejects with DomoAbortError, not a list with DOMExceptions in failed', async () => {
    const controller = new AbortController();
    const error = await new DomoAccounts(sb.auth)
      .list({
        withConfig: true,
        concurrency: 1,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done === 2) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DomoAbortError', route: 'DomoAccounts.list' });
    expect((error as Error).message).toMatch(/aborted after 2 of \d+ accounts were read/);
  });
});
