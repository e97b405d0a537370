// A long run of bad inputs, timeouts and aborts against a loopback sandbox, in a process of its own: it must end by
// itself after its last case (no timer or socket left open). Run by test/regressions/red-team-library.test.ts.
import { DomoAccounts, DomoRoles, DomoTokenAuth, DomoUsers, routes } from '../../src/index.js';
import { startSandbox } from '../../src/sandbox/index.js';

const sb = await startSandbox({ latencyMs: 2 });
const auth = new DomoTokenAuth({
  instance: sb.instance,
  token: sb.token,
  baseUrl: sb.url,
  timeoutMs: 200,
  retry: { backoffMs: 1 },
});
const bad: unknown[] = [-1, '1e3', '0x10', 'abc', '', null, {}, [], 'x'.repeat(300), Number.NaN];
let cases = 0;
for (const value of bad) {
  for (const run of [
    () => routes.getRoleById(auth, value as number),
    () => new DomoUsers(auth).resolve([value as string]),
    () => new DomoRoles(auth).getByName(value as string),
    async () => (await new DomoRoles(auth).get(1)).setGrants([value as string]),
    () => routes.getRoles(auth, { timeoutMs: 1 }),
    () => routes.getRoles(auth, { signal: AbortSignal.abort() }),
    () => new DomoAccounts(auth).list({ withConfig: true, timeoutMs: 1 }),
  ]) {
    await run().catch(() => undefined);
    cases += 1;
  }
}
await sb.close();
process.stdout.write(`${cases} cases\n`);
