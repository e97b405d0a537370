/** `npm start` — the tour in demo.ts. `--apply` makes changes on a real instance; `--sandbox` forces the sandbox. */
import { runDemo } from './demo.js';
import { processIo } from './io.js';

const args = process.argv.slice(2);
process.exitCode = await runDemo(processIo, { apply: args.includes('--apply'), sandbox: args.includes('--sandbox') });
