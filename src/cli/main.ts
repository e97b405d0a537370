#!/usr/bin/env node
import { runCli } from './program.js';

// A reader that closes early (`domo-admin --json users list | head -c 100`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });

/** Resolves once everything written to `stream` so far has been handed to the system. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

const code = await runCli(process.argv.slice(2));
// Every command has finished its work (the sandbox and the REPL return only when they are closed). Exit as soon as
// the output is out: Node's fetch keeps an idle connection's timers for ~150 ms more, a third of a short command.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
