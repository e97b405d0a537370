// Governance apply against a loopback sandbox with faults on (503s, connection resets before and after the change
// is applied, 429s): every run either converges, or stops with a typed error that says exactly what was applied —
// and once the faults stop, planning again shows only what the first plan had left, and applying it converges.
import { describe, expect, it } from 'vitest';
import { applySpec, planSpec, type PlanChange } from '../../src/governance/index.js';
import { DomoPartialFailureError, DomoTokenAuth, isDomoError } from '../../src/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { editorExtra, everythingSpec } from '../helpers/specs.js';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** What a change is about, whatever step of it is left (a created role whose grants failed leaves set-grants). */
function target(change: PlanChange): string {
  if ('role' in change) return `role:${change.role.toLowerCase()}`;
  if ('group' in change) return `group:${change.group.toLowerCase()}`;
  if ('account' in change) return `account:${change.account.toLowerCase()}`;
  return 'default-role';
}

describe('governance apply with faults on', () => {
  it('converges, or stops with an exact report; planning again shows only what is left', async () => {
    const outcomes: string[] = [];
    for (const seed of SEEDS) {
      const sb = await startSandbox({ seed, users: 60, accounts: 6 });
      try {
        const auth = new DomoTokenAuth({
          instance: sb.instance,
          token: sb.token,
          baseUrl: sb.url,
          // Few retries stop part-way; more ride the faults out.
          retry: { limit: seed % 2 === 0 ? 8 : 1, backoffMs: 1, backoffLimitMs: 5 },
        });
        const spec = everythingSpec(sb.state, editorExtra(sb.state));
        const plan = await planSpec(auth, spec);
        const planned = new Set(plan.changes.map(target));
        sb.state.faults = { errorRate: 0.15, resetRate: 0.05, rateLimitEvery: 9, retryAfterSeconds: 0.001 };
        const progress: string[] = [];
        const appliedChanges: PlanChange[] = [];
        const error = await applySpec(auth, spec, {
          allowDestructive: true,
          onProgress: (_done, _total, description, change) => {
            progress.push(description);
            appliedChanges.push(change);
          },
        }).then(
          () => undefined,
          (e: unknown) => e,
        );
        sb.state.faults = {};
        if (error === undefined) outcomes.push('converged');
        else {
          expect(isDomoError(error), error instanceof Error ? error.message : typeof error).toBe(true);
          if (error instanceof DomoPartialFailureError) {
            outcomes.push('stopped part-way');
            expect(error.completed).toEqual(progress); // the report names exactly what was applied, in order
            expect(error.message).toMatch(/apply stopped at ".*" after \d+ of \d+ change\(s\)/);
          } else outcomes.push(`stopped: ${(error as Error).name}`);
          const remaining = await planSpec(auth, spec);
          for (const change of remaining.changes)
            expect(planned, `unplanned: ${target(change)}`).toContain(target(change));
          // Nothing the report calls applied is planned again.
          const left = new Set(remaining.changes.map((c) => JSON.stringify(c)));
          for (const change of appliedChanges) expect(left.has(JSON.stringify(change))).toBe(false);
          await applySpec(auth, spec, { allowDestructive: true });
        }
        expect((await planSpec(auth, spec)).changes).toEqual([]);
      } finally {
        await sb.close();
      }
    }
    // Both outcomes are exercised.
    expect(outcomes).toContain('converged');
    expect(outcomes.some((o) => o.startsWith('stopped'))).toBe(true);
  }, 60_000);
});
