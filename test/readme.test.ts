// Every ```ts block of the README runs, in its own process, against in-process sandboxes — so the docs cannot rot.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applySpec, loadSpec, planSpec, renderPlan } from '../src/governance/index.js';
import { mapConcurrent } from '../src/index.js';
import { ROOT, runTs } from './helpers/cli.js';
import { useSandbox } from './helpers/sandbox.js';

const DIR = join(ROOT, '.readme-blocks');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

/** Names a block may use without declaring them. */
const GIVEN: Record<string, string> = {
  auth: "new __Token({ instance: 'acme', token: __acme.adminToken })",
  otherAuth: "new __Token({ instance: 'other', token: __other.adminToken })",
  userId: '[...__acme.users.values()].find((u) => u.roleId === 4 && !u.locked)!.id',
  groupId: '[...__acme.groups.values()][2]!.id',
  username: "'admin@sandbox.example'",
  password: "'sandbox-password'",
  accessKey: "'AKIAREADME'",
  secretKey: "'readme-secret'",
  bucket: "'readme-bucket'",
};

function declares(code: string, name: string): boolean {
  return (
    new RegExp(`\\b(const|let|var)\\s+(${name}\\b|\\{[^}]*\\b${name}\\b[^}]*\\})`).test(code) ||
    new RegExp(`import\\s*\\{[^}]*\\b${name}\\b`).test(code)
  );
}

function program(code: string): string {
  if (code.includes('setupServer(')) return code;
  const given = Object.entries(GIVEN).filter(
    ([name]) => new RegExp(`\\b${name}\\b`).test(code) && !declares(code, name),
  );
  return [
    "import { setupServer as __setupServer } from 'msw/node';",
    "import { createSandboxHandlers as __handlers, createSandboxState as __state } from 'domo-admin/sandbox';",
    "import { DomoTokenAuth as __Token } from 'domo-admin';",
    "const __acme = __state({ instance: 'acme' });",
    "const __other = __state({ instance: 'other', seed: 2 });",
    "const __server = __setupServer(...__handlers(__acme, { baseUrl: 'https://acme.domo.com' }), ...__handlers(__other, { baseUrl: 'https://other.domo.com' }));",
    "__server.listen({ onUnhandledRequest: (request) => { if (!request.url.startsWith('http://127.0.0.1')) throw new Error(`unhandled ${request.url}`); } });",
    "process.env.DOMO_INSTANCE = 'acme';",
    'process.env.DOMO_ACCESS_TOKEN = __acme.adminToken;',
    ...given.map(([name, value]) => `const ${name} = ${value};`),
    code,
    '__server.close();',
  ].join('\n');
}

const sb = useSandbox({ instance: 'acme' });
/** The example spec of "Governance as code": the first YAML block of that section. */
const governanceYaml = /## Governance as code\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

afterAll(() => {
  if (!process.env.KEEP_README_BLOCKS) rmSync(DIR, { recursive: true, force: true });
});

describe('README', () => {
  it('has TypeScript examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it('runs every TypeScript example green', async () => {
    mkdirSync(DIR, { recursive: true });
    const files = blocks.map((code, index) => {
      const file = join(DIR, `block-${index + 1}.ts`);
      writeFileSync(file, program(code));
      return file;
    });
    const results = await mapConcurrent(files, 2, (file) => runTs(file, [], { DOMO_LOG: '' }));
    const failures = results.flatMap((result, index) => {
      const run = result.ok ? result.value : { code: -1, stdout: '', stderr: String(result.error) };
      return run.code === 0
        ? []
        : [`block ${index + 1} exited ${run.code}:\n${blocks[index]}\n--- stderr:\n${run.stderr.slice(-2000)}`];
    });
    expect(failures.join('\n\n')).toBe('');
  }, 120_000);

  it('plans and applies the example governance spec against the sandbox; the next plan is empty', async () => {
    const spec = loadSpec(governanceYaml, { file: 'README.md' });
    const plan = await planSpec(sb.auth, spec);
    const text = renderPlan(plan);
    expect(text).toContain('+ role "Auditors" with 2 grant(s): admin.audit.view, user.view');
    expect(text).toContain('~ default role: "Privileged" → "Participant"');
    expect(text).toContain('~ account "Snowflake - finance" sharing:');
    expect(plan.destructive).toBe(false);
    await applySpec(sb.auth, spec);
    expect((await planSpec(sb.auth, spec)).changes).toEqual([]);
  });
});
