// Access-token values — every token the sandbox holds, the ones made here included — must not appear on any
// surface: debug logs with bodies, entities and results (inspect, JSON, String), errors of a rotation that failed,
// an offboarding's snapshot and saved plan, a revocation plan file, the audit model, its HTML and CSV reports.
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  auditAccess,
  auditCsv,
  auditFindings,
  auditReportHtml,
  offboardUser,
  planOffboarding,
  planTokenRevocation,
  saveOffboardingPlan,
  saveTokenRevocationPlan,
} from '../../src/audit/index.js';
import {
  DomoAccessTokens,
  DomoAccount,
  DomoRotationError,
  DomoTokenAuth,
  type DomoAccessToken,
  type Logger,
} from '../../src/index.js';
import { people } from '../helpers/audit.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 30, accounts: 12 });

describe('token canary', () => {
  it('no token value on any surface of create, rotate, revoke plans, offboarding and the audit', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      error: (l) => lines.push(l),
      warn: (l) => lines.push(l),
      info: (l) => lines.push(l),
      debug: (l) => lines.push(l),
    };
    const auth = new DomoTokenAuth({
      instance: sb.state.instance,
      token: sb.state.adminToken,
      logger,
      logLevel: 'debug',
      logBodies: true,
      retry: { limit: 0 },
    });
    const surfaces: unknown[] = [];
    const [leaver, heir, keeper] = people(sb.state);
    sb.state.issueToken(leaver!.id, { name: 'leaver etl' });
    const tokens = new DomoAccessTokens(auth);
    const made = await tokens.create({ name: 'canary', owner: heir!.id, lifetimeDays: 5 });
    surfaces.push(made, String(made), inspect(made, { depth: 6 }), made.raw);

    // Rotation into the account, and one that fails at "verify" (the account put back).
    const account = [...sb.state.accounts.values()].find((a) => a.dataProviderType === 'domo-access-token')!;
    const stored = sb.state.accessTokenOf(account.config.domoAccessToken as string)!;
    const rotated = await (
      await tokens.get(String(stored.id))
    ).rotate({ storeIn: await DomoAccount.get(auth, account.id) });
    surfaces.push(rotated, inspect(rotated, { depth: 6 }));
    sb.server.use(
      http.get(`${BASE}/api/content/v2/users/me`, ({ request }) =>
        request.headers.get('x-domo-developer-token') === sb.state.adminToken
          ? undefined
          : HttpResponse.json({ message: 'Invalid or expired credentials' }, { status: 401 }),
      ),
    );
    const held = sb.state.accessTokenOf(sb.state.accounts.get(account.id)!.config.domoAccessToken as string)!;
    const failed = await (
      await tokens.get(String(held.id))
    )
      .rotate({ storeIn: await DomoAccount.get(auth, account.id) })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DomoRotationError);
    surfaces.push(failed, inspect(failed, { depth: 6 }), String(failed), (failed as Error).stack);
    sb.server.resetHandlers();

    // A revocation plan file, an offboarding with re-issued tokens: its snapshot and saved plan.
    surfaces.push(saveTokenRevocationPlan(await planTokenRevocation(auth, { tokens: ['canary'] })));
    surfaces.push(saveOffboardingPlan(await planOffboarding(auth, leaver!.emailAddress, { to: heir!.emailAddress })));
    const issued: DomoAccessToken[] = [];
    const offboarding = await offboardUser(auth, leaver!.emailAddress, {
      to: heir!.emailAddress,
      tokens: { reissueFor: keeper!.id },
      onTokenIssued: (t) => issued.push(t),
    });
    expect(issued).toHaveLength(1);
    surfaces.push(offboarding, inspect(offboarding, { depth: 8 }), issued, inspect(issued, { depth: 6 }));

    // The audit: model, findings, HTML, CSV.
    const model = await auditAccess(auth);
    const findings = auditFindings(model);
    surfaces.push(model, findings, auditReportHtml(model, findings), auditCsv(model, findings));

    const text = [...lines, ...surfaces.map((s) => (typeof s === 'string' ? s : JSON.stringify(s)))].join('\n');
    expect(lines.some((l) => l.includes('/api/data/v1/accesstokens'))).toBe(true); // the log did see the calls
    const values = [...sb.state.accessTokens.values()].map((t) => t.value);
    expect(values.length).toBeGreaterThan(5);
    for (const value of [...values, made.value!.reveal(), issued[0]!.value!.reveal()])
      expect(text.includes(value), `a token value leaked: ${value.slice(0, 8)}…`).toBe(false);
  });
});
