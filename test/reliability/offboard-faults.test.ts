// Offboarding against a loopback sandbox with faults on (503s, connection resets before and after a change is
// applied, 429s): every run either converges — the leaver owns nothing — or stops with a DomoPartialFailureError
// whose `completed` names exactly the steps done, in order: those objects moved, the others did not (or failed beside
// the first failure, and the report names them); and offboarding again once the faults stop converges.
import { describe, expect, it } from 'vitest';
import { executeOffboarding, offboardUser, planOffboarding } from '../../src/audit/index.js';
import { ownedCount, ownedThings } from '../../src/classes/ownership.js';
import { DomoPartialFailureError, DomoTokenAuth, DomoUser, isDomoError } from '../../src/index.js';
import { startSandbox, type SandboxState } from '../../src/sandbox/index.js';

const SEEDS = [1, 2, 3, 4, 5, 6];

/** Whether `userId` owns the object a plan step names, read from the sandbox's own state. */
function owns(state: SandboxState, kind: string, id: number | string, userId: number): boolean {
  const single: Record<string, Map<unknown, { ownerId: number }>> = {
    dataset: state.datasets,
    dataflow: state.dataflows,
    beastMode: state.beastModes,
    appDbCollection: state.appDbCollections,
    alert: state.alerts,
    workflow: state.workflows,
    codeEnginePackage: state.codePackages,
    jupyterWorkspace: state.jupyterWorkspaces,
    fileset: state.filesets,
    reportSchedule: state.reportSchedules,
  };
  const shared: Record<string, Map<unknown, { owners: { type: string; id: number }[] }>> = {
    card: state.cards,
    page: state.pages,
    app: state.apps,
  };
  if (single[kind]) return single[kind].get(id)!.ownerId === userId;
  if (shared[kind]) return shared[kind].get(id)!.owners.some((o) => o.type === 'USER' && o.id === userId);
  if (kind === 'group') return state.groups.get(id as number)!.owners.some((o) => o.type === 'USER' && o.id === userId);
  const credentials = kind === 'account' ? state.accounts : state.templates;
  return credentials
    .get(id as number)!
    .shares.some((s) => s.type === 'USER' && s.id === userId && s.accessLevel === 'OWNER');
}

describe('offboarding with faults on', () => {
  it('converges, or stops with an exact report; offboarding again converges', async () => {
    const outcomes: string[] = [];
    for (const seed of SEEDS) {
      const sb = await startSandbox({
        seed,
        users: 40,
        accounts: 4,
        datasets: 12,
        cards: 12,
        pages: 3,
        beastModes: 8,
        alerts: 6,
        eachOtherContent: 2,
        apps: 3,
      });
      try {
        const auth = new DomoTokenAuth({
          instance: sb.instance,
          token: sb.token,
          baseUrl: sb.url,
          retry: { limit: seed % 2 === 0 ? 8 : 1, backoffMs: 1, backoffLimitMs: 5 },
        });
        const leaver = [...sb.state.datasets.values()].find((d) => d.ownerId !== sb.state.adminUserId)!.ownerId;
        const heir = [...sb.state.users.values()].find(
          (u) => !u.deleted && !u.locked && u.roleId === 4 && u.id !== leaver,
        )!;
        const plan = await planOffboarding(auth, leaver, { to: heir.emailAddress });
        const things = ownedThings(plan);
        expect(things.length).toBeGreaterThan(5);
        sb.state.faults = { errorRate: 0.15, resetRate: 0.05, rateLimitEvery: 9, retryAfterSeconds: 0.001 };
        const progress: string[] = [];
        const error = await executeOffboarding(auth, plan, {
          onProgress: (_n, _total, step) => progress.push(step),
        }).then(
          () => undefined,
          (e: unknown) => e,
        );
        sb.state.faults = {};
        if (error === undefined) {
          outcomes.push('converged');
          for (const thing of things)
            expect(owns(sb.state, thing.kind, thing.id, leaver), `${thing.kind} ${thing.id}`).toBe(false);
        } else {
          expect(isDomoError(error), error instanceof Error ? error.message : typeof error).toBe(true);
          expect(error).toBeInstanceOf(DomoPartialFailureError);
          outcomes.push('stopped part-way');
          const { completed } = error as DomoPartialFailureError;
          expect(completed.slice(0, progress.length)).toEqual(progress);
          // Every step reported done moved. Hand-overs run side by side: one not done either did not move, or was
          // running when the first failed and failed too — then the report names it (its step, or its id in its
          // batch's reason).
          const doneSteps = new Set(progress);
          const message = (error as Error).message;
          things.forEach((thing, index) => {
            const moved = !owns(sb.state, thing.kind, thing.id, leaver);
            if (doneSteps.has(plan.steps[index]!)) expect(moved, `done: ${thing.kind} ${thing.id}`).toBe(true);
            else if (moved) expect(message, `moved, not done: ${thing.kind} ${thing.id}`).toContain(String(thing.id));
          });
          await offboardUser(auth, leaver, { to: heir.emailAddress });
        }
        expect(ownedCount(await (await DomoUser.get(auth, leaver)).owned())).toBe(0);
      } finally {
        await sb.close();
      }
    }
    expect(outcomes).toContain('converged');
    expect(outcomes).toContain('stopped part-way');
  }, 90_000);
});
