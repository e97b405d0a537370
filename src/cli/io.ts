import { colourFor } from './color.js';

/** Where the CLI writes: standard output for results, standard error for progress, notes and errors. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Standard error is a terminal: progress bars are worth drawing. */
  errIsTTY: boolean;
  /** The terminal's width when standard output is one (tables are fitted to it), else `undefined`. */
  columns: number | undefined;
  /** Whether standard output and standard error get colour (see `colourFor`). */
  colour: { out: boolean; err: boolean };
  /** Standard input and standard error are a terminal: a person is there to answer {@link CliIo.ask}. */
  interactive: boolean;
  /** Asks a person one line (on standard error) and resolves with their answer. */
  ask: (question: string) => Promise<string>;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  errIsTTY: Boolean(process.stderr.isTTY),
  colour: { out: colourFor(process.stdout.isTTY, process.env), err: colourFor(process.stderr.isTTY, process.env) },
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  ask: async (question) => {
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
  env: process.env,
};

/**
 * An io that collects output, for tests and the demo. With `answers`, it plays a terminal: each question asked is
 * written to stderr and answered with the next answer.
 */
export function bufferIo(
  env: NodeJS.ProcessEnv = {},
  answers?: string[],
): CliIo & { stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    interactive: answers !== undefined,
    colour: { out: colourFor(false, env), err: colourFor(false, env) },
    columns: env.COLUMNS === undefined ? undefined : Number(env.COLUMNS),
    ask: (question) => {
      stderr += question;
      const answer = answers?.shift();
      return answer === undefined ? Promise.reject(new Error('bufferIo: no answer left')) : Promise.resolve(answer);
    },
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
