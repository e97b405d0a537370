import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { isSensitiveLine, startRepl } from '../../src/cli/repl.js';
import { DomoTokenAuth, Secret } from '../../src/index.js';

const TOKEN = 'CANARY-REPL-TOKEN-4d3c';
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('REPL history keeps no secret', () => {
  it('drops lines holding a known secret or a credential literal from the history file, keeps the rest', async () => {
    dir = await mkdtemp(join(tmpdir(), 'domo-repl-'));
    const historyFile = join(dir, 'history');
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const auth = new DomoTokenAuth({ instance: 'acme', token: TOKEN });
    const { closed } = await startRepl({ auth, source: 'a test', input, output, historyFile, terminal: true });
    for (const line of [
      '1 + 1',
      `'${TOKEN}'.length`,
      "const other = new DomoTokenAuth({ instance: 'x', token: 'other-secret-9a8b' })",
      "const s = new Secret('hunter2-hunter2')",
      'const answer = 42',
    ])
      input.write(`${line}\r`);
    input.end();
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 200)); // the history file is written on a short debounce
    const saved = await readFile(historyFile, 'utf8');
    expect(saved).toContain('1 + 1');
    expect(saved).toContain('const answer = 42');
    for (const secret of [TOKEN, 'other-secret-9a8b', 'hunter2-hunter2']) expect(saved).not.toContain(secret);
  });

  it('recognises secrets in any form and credential literals, not ordinary code', () => {
    const secrets = [new Secret('pa"ss\\wörd')];
    expect(isSensitiveLine('login("pa\\"ss\\\\wörd")', secrets)).toBe(true);
    expect(isSensitiveLine("fetch('x?p=pa%22ss%5Cw%C3%B6rd')", secrets)).toBe(true);
    expect(isSensitiveLine("authFromEnv({ DOMO_ACCESS_TOKEN: 'abc' })", [])).toBe(true);
    expect(isSensitiveLine("x.password = 'abc'", [])).toBe(true);
    expect(isSensitiveLine('await roles.list()', secrets)).toBe(false);
    expect(isSensitiveLine('auth.transport.timeoutMs', secrets)).toBe(false);
  });

  it('preloads the managers and the governance and audit modules', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const auth = new DomoTokenAuth({ instance: 'acme', token: TOKEN });
    const { closed } = await startRepl({ auth, source: 'a test', input, output, historyFile: '', terminal: false });
    input.write(
      "[typeof users.getByEmail, typeof groups.getByName, typeof governance.planSpec, typeof audit.auditAccess].join(',')\n",
    );
    input.end();
    await closed;
    expect(text).toContain("'function,function,function,function'");
  });
});
