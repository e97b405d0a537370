import { describe, expect, it } from 'vitest';
import { raw, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();

describe('sandbox faults and request log', () => {
  it('records every request with method, path, status and whether it changed state', async () => {
    await raw('GET', '/api/authorization/v1/roles', { token: sb.state.adminToken });
    await raw('PUT', '/api/data/v1/accounts/1/name', { token: sb.state.adminToken, text: 'x1' });
    await raw('GET', '/api/nothing', { token: sb.state.adminToken });
    expect(sb.state.requests.map((r) => [r.method, r.path, r.status, r.mutated])).toEqual([
      ['GET', '/api/authorization/v1/roles', 200, false],
      ['PUT', '/api/data/v1/accounts/1/name', 200, true],
      ['GET', '/api/nothing', 404, false],
    ]);
    expect(sb.state.counters).toMatchObject({ total: 3, mutations: 1, inFlight: 0 });
  });

  it('answers 503 before applying when errorRate hits', async () => {
    sb.state.faults = { errorRate: 1 };
    const answer = await raw('PUT', '/api/data/v1/accounts/1/name', { token: sb.state.adminToken, text: 'never' });
    expect([answer.status, answer.statusText]).toEqual([503, 'Service Unavailable']);
    expect(sb.state.accounts.get(1)!.displayName).toBe('domo_creds');
    expect(sb.state.requests[0]).toMatchObject({ fault: 'error', status: 503, mutated: false });
  });

  it('answers every Nth request 429 with Retry-After', async () => {
    sb.state.faults = { rateLimitEvery: 3, retryAfterSeconds: 2 };
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i += 1) {
      const answer = await raw('GET', '/api/authorization/v1/roles', { token: sb.state.adminToken });
      statuses.push(answer.status);
      if (answer.status === 429) retryAfter = answer.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
    expect(retryAfter).toBe('2');
  });

  it('drops connections on resetRate, applying the change at most once', async () => {
    sb.state.faults = { resetRate: 1 };
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      outcomes.push(
        await raw('POST', '/api/authorization/v1/roles', {
          token: sb.state.adminToken,
          json: { name: `r${i}`, description: '' },
        }).then(
          () => 'answered',
          () => 'reset',
        ),
      );
    }
    expect(new Set(outcomes)).toEqual(new Set(['reset']));
    const applied = sb.state.requests.filter((r) => r.mutated).length;
    expect(applied).toBeGreaterThan(0);
    expect(applied).toBeLessThan(20);
    expect(sb.state.roles.size).toBe(8 + applied);
  });

  it('is deterministic for a seed', async () => {
    const run = async () => {
      sb.state.faults = { errorRate: 0.3 };
      const statuses: number[] = [];
      for (let i = 0; i < 30; i += 1)
        statuses.push((await raw('GET', '/api/authorization/v1/roles', { token: sb.state.adminToken })).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(503);
    expect(first).toContain(200);
    // A sandbox re-seeded with the same seed makes the same decisions.
    const { createSandboxState } = await import('../../src/sandbox/index.js');
    const twin = createSandboxState({ seed: sb.state.seed });
    twin.faults = { errorRate: 0.3 };
    const decisions = Array.from({ length: 30 }, () => (twin.faultRandom.chance(0.3) ? 503 : 200));
    expect(decisions).toEqual(first);
  });

  it('adds latency', async () => {
    sb.state.faults = { latencyMs: 60 };
    const started = performance.now();
    await raw('GET', '/api/authorization/v1/roles', { token: sb.state.adminToken });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe('sandbox request log limit', () => {
  it('keeps at most requestLogLimit entries, dropping the oldest', async () => {
    sb.state.requestLogLimit = 10;
    for (let i = 0; i < 25; i += 1) await raw('GET', '/api/authorization/v1/roles/1', { token: sb.state.adminToken });
    expect(sb.state.requests.length).toBeLessThanOrEqual(10);
    expect(sb.state.requests.at(-1)!.seq).toBe(25);
    expect(sb.state.counters.total).toBe(25);
  });
});
