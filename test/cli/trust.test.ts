// Issue 12 §6: output a person can trust. The CLI in-process against a loopback sandbox (no msw in this file).
import { describe, expect, it } from 'vitest';
import { useLoopbackCli } from '../helpers/loopback.js';
import { closedPort } from '../helpers/net.js';

const loopback = useLoopbackCli();
const cli = loopback.cli;
const roleNamed = (name: string) => [...loopback.sandbox().state.roles.values()].find((r) => r.name === name)!;
const mutations = () => loopback.sandbox().state.requests.filter((r) => r.mutated);
const ESCAPES = /[\u001b\u009b\u202e\u2066-\u2069\u0007]/;

describe('server text is printed with control characters neutralised', () => {
  it('names and descriptions cannot recolour the terminal, fake lines or reorder text', async () => {
    const role = roleNamed('Data Stewards');
    role.name = 'Evil\u001b[31m RED\u001b[0m\u202Egnp.exe\u009b2J';
    role.description = 'line one\nFAKE: ✓ all good\u0007';
    const list = await cli(['roles', 'list']);
    expect(list.stdout).not.toMatch(ESCAPES);
    expect(list.stdout).toContain('Evil\\x1B[31m RED\\x1B[0m\\u202Egnp.exe\\x9B2J');
    const show = await cli(['roles', 'show', String(role.id)]);
    expect(show.stdout).not.toMatch(ESCAPES);
    expect(show.stdout).not.toMatch(/^FAKE/m);
    expect(show.stdout).toContain('line one\\x0AFAKE: ✓ all good\\x07');
    const json = await cli(['--json', 'roles', 'show', String(role.id)]);
    expect(json.stdout).not.toMatch(ESCAPES);
    expect((JSON.parse(json.stdout) as { name: string }).name).toBe(role.name);
  });
});

describe('--json applies to errors too', () => {
  it('an API error is one JSON object on stderr with name, message and status, and nothing on stdout', async () => {
    const run = await cli(['--json', 'accounts', 'show', '999']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const error = JSON.parse(run.stderr) as Record<string, unknown>;
    expect(error).toMatchObject({ name: 'DomoNotFoundError', status: 404, route: 'getAccountById' });
    expect(error.message).toMatch(/account 999 not found or not shared with you/);
  });

  it('a usage error is a JSON object too, with exit 2', async () => {
    const run = await cli(['--json', 'roles', 'frobnicate']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr)).toMatchObject({ name: 'UsageError', status: null, exitCode: 2 });
    expect(JSON.parse((await cli(['--json'])).stderr)).toMatchObject({
      name: 'UsageError',
      message: 'a command is needed; run with --help to list them',
    });
  });
});

describe('--dry-run shows every request an operation would send', () => {
  it('roles delete --reassign-to: the member move and the DELETE, and nothing changes', async () => {
    const stewards = roleNamed('Data Stewards');
    const members = [...loopback.sandbox().state.users.values()]
      .filter((u) => u.roleId === stewards.id)
      .map((u) => u.id);
    const before = mutations().length;
    const run = await cli(['--dry-run', '--json', 'roles', 'delete', String(stewards.id), '--reassign-to', 'Editor']);
    expect(run.code).toBe(0);
    const { wouldSend } = JSON.parse(run.stdout) as { wouldSend: { method: string; url: string; body: string }[] };
    expect(wouldSend.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'PUT /api/authorization/v1/roles/3/users',
      `DELETE /api/authorization/v1/roles/${stewards.id}`,
    ]);
    expect(JSON.parse(wouldSend[0]!.body)).toEqual(members);
    expect(mutations().length).toBe(before);
    expect(loopback.sandbox().state.roles.has(stewards.id)).toBe(true);
    const human = await cli(['--dry-run', 'roles', 'delete', String(stewards.id), '--reassign-to', 'Editor']);
    expect(human.stderr).toContain(`− role "Data Stewards" (#${stewards.id})`);
    expect(human.stdout).toContain('the change above was not sent (2 request(s) held back; --verbose lists them)');
    const verbose = await cli([
      '--dry-run',
      '--verbose',
      'roles',
      'delete',
      String(stewards.id),
      '--reassign-to',
      'Editor',
    ]);
    expect(verbose.stdout).toContain('Would send 2 request(s):');
    expect(human.stdout).not.toContain('✓ deleted');
  });
});

describe('messages a person can act on', () => {
  it("says what to do in the CLI's own terms", async () => {
    const run = await cli(['--yes', 'roles', 'delete', 'Data Stewards']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pass --reassign-to <role> to move them first');
    expect(run.stderr).not.toContain('{ reassignTo');
  });

  it('names the cause of a connection error', async () => {
    const run = await cli(['roles', 'list'], { DOMO_BASE_URL: `http://127.0.0.1:${await closedPort()}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^DomoConnectionError: GET \/api\/\S+ failed after 3 attempt\(s\): connection refused by 127\.0\.0\.1:\d+: is the server running/,
    );
  });

  it('never repeats itself', async () => {
    const run = await cli(['roles', 'show', '999999']);
    expect(run.stderr).toMatch(/role 999999 not found/);
    expect(run.stderr.match(/not found/gi)).toHaveLength(1);
  });

  it('a refused login is not described as "→ 200"', async () => {
    const run = await cli(['whoami'], {
      DOMO_ACCESS_TOKEN: '',
      DOMO_USERNAME: 'admin@sandbox.example',
      DOMO_PASSWORD: 'not-the-password',
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'DomoAuthError: login refused (INVALID_CREDENTIALS): check the username (the email address) and the password',
    );
  });

  it('counts printed after a change are re-read from the server', async () => {
    const stewards = roleNamed('Data Stewards');
    const user = [...loopback.sandbox().state.users.values()].find((u) => u.roleId === 4)!;
    const run = await cli(['--yes', 'roles', 'members', 'add', String(stewards.id), String(user.id)]);
    const served = [...loopback.sandbox().state.users.values()].filter((u) => u.roleId === stewards.id).length;
    expect(run.stdout).toContain(`${served} users`);
    const grants = await cli(['roles', 'grants', 'add', String(stewards.id), 'dataset.view', 'dataset.export']);
    expect(grants.stderr).toBe('');
    expect(grants.stdout).toContain(`${stewards.authorities.length} grants, ${served} users`);
  });
});
