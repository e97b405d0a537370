#!/usr/bin/env node
// The installed command runs the built CLI (dist/, built by `npm ci` through the `prepare` script, and shipped in
// the package). In this repository, `npm run cli -- <args>` runs the sources instead.
import { setFlagsFromString } from 'node:v8';

// Node's fetch parses HTTP with a WebAssembly module; V8 optimises its hot functions in the background and, at
// exit, waits for that work: ~150 ms added to every short command. A higher budget lets a short command end first
// while a long one (thousands of responses) still gets the optimised parser. Only this process: not the library.
setFlagsFromString('--wasm-tiering-budget=10000000');

import('../dist/cli/main.js').catch((error) => {
  const notBuilt = error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js');
  process.stderr.write(
    notBuilt
      ? 'domo-admin: the CLI is not built (dist/ is missing); run `npm run build` in the package folder\n'
      : `domo-admin: ${error && error.name ? `${error.name}: ${error.message}` : String(error)}\n`,
  );
  process.exitCode = 1;
});
