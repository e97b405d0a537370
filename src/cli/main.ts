#!/usr/bin/env node
import { runCli } from './program.js';

// A reader that closes early (`domo-admin --json users list | head -c 100`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });

process.exitCode = await runCli(process.argv.slice(2));
