import type { SingleBar } from 'cli-progress';
import type { CliContext } from './context.js';

/**
 * A progress bar on standard error that clears itself when done, only when standard error is a terminal and the
 * output is not `--json`; cli-progress is loaded only then (a script or a pipe never pays for it).
 */
export async function progressBar(c: CliContext, format: string): Promise<SingleBar | undefined> {
  if (!c.io.errIsTTY || c.json) return undefined;
  const { SingleBar: Bar } = await import('cli-progress');
  return new Bar({ stream: process.stderr, format, clearOnComplete: true });
}
