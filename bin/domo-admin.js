#!/usr/bin/env node
// The installed command runs the built CLI (dist/, built by `npm ci` through the `prepare` script, and shipped in
// the package). In this repository, `npm run cli -- <args>` runs the sources instead.
import('../dist/cli/main.js').catch((error) => {
  const notBuilt = error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js');
  process.stderr.write(
    notBuilt
      ? 'domo-admin: the CLI is not built (dist/ is missing); run `npm run build` in the package folder\n'
      : `domo-admin: ${error && error.name ? `${error.name}: ${error.message}` : String(error)}\n`,
  );
  process.exitCode = 1;
});
