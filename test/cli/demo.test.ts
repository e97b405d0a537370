// The npm start tour, in-process against its own loopback sandbox.
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { runDemo } from '../../src/cli/demo.js';
import { bufferIo } from '../../src/cli/io.js';

describe('npm start tour', () => {
  it('runs every step green against the embedded sandbox', async () => {
    const io = bufferIo({});
    const code = await runDemo(io);
    expect(io.stderr()).toBe('');
    expect(code).toBe(0);
    const out = io.stdout();
    for (const step of [
      'Who am I',
      'Roles',
      'Access audit: findings, and who can manage roles',
      'Create a role from an existing one',
      'Set and add grants',
      'Move two users in and out',
      'Accounts with their configs (secrets redacted)',
      'Share an account with a user and a group',
      'The access list',
      'Transfer ownership',
      'Rename',
      'Clean up',
      'Governance as code: plan and apply a spec (its policy rules judged), then restore the snapshot taken before',
    ]) {
      expect(out).toContain(step);
    }
    expect(out).toContain('signed in as Sandbox Admin (user 1893952720, role "Admin") on sandbox'); // a v2 read has no roleId
    expect(out).toContain('[high] the default role "Privileged" gives every new user');
    expect(out).toContain('password=[REDACTED]');
    expect(out).toContain('did you mean dataset.manage');
    expect(out).toContain('+ role "Tour Auditors"');
    expect(out).toContain('No changes: sandbox matches the spec.');
    expect(out).toMatch(/✓ done in \d+\.\d s/);
  });

  it('against an instance from the environment it reads, audits roles and groups, and changes nothing', async () => {
    const sb = await startSandbox();
    try {
      const before = sb.state.requests.length;
      const io = bufferIo({ DOMO_INSTANCE: sb.instance, DOMO_ACCESS_TOKEN: sb.token, DOMO_BASE_URL: sb.url });
      expect(await runDemo(io)).toBe(0);
      expect(io.stdout()).toContain('read-only (pass --apply to make changes)');
      expect(io.stdout()).toMatch(
        /read \d+ users, 8 roles and 12 groups \(credentials are left out on a real instance/,
      );
      expect(sb.state.requests.slice(before).filter((r) => r.mutated)).toEqual([]);
    } finally {
      await sb.close();
    }
  });

  it('is read-only against a real instance unless --apply, and fails cleanly when it cannot connect', async () => {
    const io = bufferIo({
      DOMO_INSTANCE: 'acme',
      DOMO_ACCESS_TOKEN: 'canary-demo-token',
      DOMO_BASE_URL: 'http://127.0.0.1:9',
    });
    const code = await runDemo(io);
    expect(code).toBe(1);
    expect(io.stdout()).toContain('read-only (pass --apply to make changes)');
    expect(io.stderr()).toMatch(/DomoConnectionError/);
    expect(io.stdout() + io.stderr()).not.toContain('canary-demo-token');
  });
});
