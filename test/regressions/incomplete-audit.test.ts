// Issue 24 §2: an audit that cannot see everything says so — in the model, the findings, the HTML and the exit code.
import { describe, expect, it } from 'vitest';
import { auditAccess, auditFindings, auditReportHtml } from '../../src/audit/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 30, accounts: 8 });

/** A Participant's token: the caller sees only what is shared with them. */
function participantToken(state = sb.state) {
  const user = [...state.users.values()].find((u) => u.roleId === 4 && !u.deleted && !u.locked)!;
  const account = state.accounts.get(1)!;
  account.shares.push({ type: 'USER', id: user.id, accessLevel: 'CAN_VIEW' });
  return state.issueToken(user.id);
}

describe('an audit by a caller who cannot see everything', () => {
  it('is complete: false with the reasons, and its first finding says the findings are partial', async () => {
    const model = await auditAccess(sb.authWith({ token: participantToken() }));
    expect(model.complete).toBe(false);
    expect(model.caller.role).toBe('Participant');
    expect(model.accounts.length).toBeGreaterThan(0);
    expect(model.accounts.length).toBeLessThan(sb.state.accounts.size);
    expect(model.gaps).toContainEqual({
      section: 'accounts',
      reason: expect.stringContaining('datasource.account.manage.all'),
      missingGrant: 'datasource.account.manage.all',
      visible: model.accounts.length,
    });
    const findings = auditFindings(model);
    expect(findings[0]).toMatchObject({ kind: 'audit-incomplete', severity: 'high' });
    expect(findings[0]!.message).toContain('covers only what was visible');
    const html = auditReportHtml(model, findings);
    expect(html).toContain('id="incomplete"');
    expect(html).toContain('Incomplete audit');
  });

  it('is complete for the admin: no gaps, no banner', async () => {
    const model = await auditAccess(sb.auth);
    expect(model).toMatchObject({ complete: true, gaps: [] });
    expect(auditReportHtml(model, auditFindings(model))).not.toContain('id="incomplete"');
  });
});
