/** Where the CLI writes: standard output for results, standard error for progress, notes and errors. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Standard error is a terminal: progress bars are worth drawing. */
  errIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  errIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
};

/** An io that collects output, for tests and the demo. */
export function bufferIo(env: NodeJS.ProcessEnv = {}): CliIo & { stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    errIsTTY: false,
    env,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}
