/**
 * The floor under `domo-admin whoami` as a cold process: the dependencies a command loads (commander, zod, ky,
 * class-transformer with reflect-metadata) and one `fetch` of who-am-i, nothing of domo-admin, the same V8 flag as
 * `bin/domo-admin.js`. What the CLI adds is the difference between the two rows.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--wasm-tiering-budget=10000000');
await import('commander');
await import('zod');
await import('ky');
await import('reflect-metadata');
await import('class-transformer');
const response = await fetch(`${process.env.DOMO_BASE_URL}/api/content/v2/users/me`, {
  headers: { 'x-domo-developer-token': process.env.DOMO_ACCESS_TOKEN as string },
});
process.stdout.write(`${(await response.text()).length}\n`);
process.exit(0);
