import { authFromEnv, type DomoAuth } from '../auth/index.js';
import { DomoInputError, isDomoError } from '../client/errors.js';
import type { Logger, LogLevel } from '../client/logger.js';
import type { TransportOptions } from '../client/options.js';
import { isReadOnlyRequest } from '../client/attempt.js';
import type { RunningSandbox } from '../sandbox/server.js';
import type { CliIo } from './io.js';
import { printable } from './text.js';
import { paintMarks } from './color.js';
import { setTableWidth } from './table.js';

/** The options every command accepts. */
export interface GlobalOptions {
  profile?: string;
  instance?: string;
  baseUrl?: string;
  sandbox?: boolean;
  json?: boolean;
  log?: LogLevel;
  dryRun?: boolean;
  /** Apply changes without asking (what a script or CI passes; a terminal is asked instead). */
  yes?: boolean;
  /** A dry run lists the raw requests it held back too. */
  verbose?: boolean;
  /** `--no-color`: commander sets `color: false`. */
  color?: boolean;
}

/** A request a dry run stopped before it was sent. */
export interface CapturedRequest {
  method: string;
  url: string;
  body: string;
}

/** What a command needs: where to write, how to print, and an auth made on first use. */
export class CliContext {
  readonly options: GlobalOptions;
  readonly io: CliIo;
  /** The exit code of a command that succeeded but has something to say with it (`plan`: 2 when there are changes). */
  exitCode = 0;
  /** Requests a dry run held back. */
  readonly captured: CapturedRequest[] = [];
  /** A preview of the change was shown (a dry run then says it in those words, and lists requests with --verbose). */
  previewed = false;
  #auth: Promise<DomoAuth> | undefined;
  readonly #profiles = new Map<string, Promise<DomoAuth>>();
  #sandbox: RunningSandbox | undefined;

  constructor(io: CliIo, options: GlobalOptions) {
    this.io = io;
    this.options = options;
    setTableWidth(options.json ? undefined : io.columns);
  }

  get json(): boolean {
    return Boolean(this.options.json);
  }

  /** The auth: an embedded sandbox with `--sandbox`, else the environment (`--instance`/`--base-url` override it). */
  auth(): Promise<DomoAuth> {
    this.#auth ??= this.#makeAuth();
    return this.#auth;
  }

  /** The auth of a named profile (`diff --from prod`), made once. */
  authFor(profile: string): Promise<DomoAuth> {
    let auth = this.#profiles.get(profile);
    if (!auth) {
      // Loaded only for a profile: it brings the YAML parser.
      auth = import('./profiles.js').then(({ authFromProfile }) =>
        authFromProfile(profile, this.io.env, this.#transportOptions()),
      );
      this.#profiles.set(profile, auth);
    }
    return auth;
  }

  /**
   * Writes a result: JSON with `--json`, else the human text, with any control character a server sent shown
   * as an escape. In a dry run that held back a change, nothing is written: the requests are the result.
   */
  result(data: unknown, human: () => string): void {
    if (this.options.dryRun && this.captured.length > 0) return;
    this.io.out(this.json ? `${jsonText(data)}\n` : this.#paint('out', printable(human())));
  }

  /**
   * Writes a data file's text (a spec as YAML) as it is: it is made safe for a terminal by its own format (escapes
   * the reader reads back), so escaping it for the terminal would change the data. JSON with `--json`.
   */
  data(data: unknown, text: string): void {
    if (this.options.dryRun && this.captured.length > 0) return;
    this.io.out(this.json ? `${jsonText(data)}\n` : text);
  }

  /**
   * Writes a list result. Every list command's JSON has this one shape: `{ items: [...], failed: [...] }`, where
   * `failed` names the items that could not be read completely (empty when none).
   */
  list(items: readonly unknown[], human: () => string, failed: readonly { id: number; error: string }[] = []): void {
    this.result({ items, failed }, human);
  }

  /** A line for people, on standard error (keeps `--json` output clean). */
  note(text: string): void {
    this.io.err(`${this.#paint('err', printable(text))}\n`);
  }

  /** Whether a stream gets colour: the terminal and environment say so, and neither `--no-color` nor `--json`. */
  colour(stream: 'out' | 'err'): boolean {
    return this.io.colour[stream] && this.options.color !== false && !this.json;
  }

  #paint(stream: 'out' | 'err', text: string): string {
    return this.colour(stream) ? paintMarks(text) : text;
  }

  /** Stops the embedded sandbox, also one still starting when a command failed (it would keep the process alive). */
  async close(): Promise<void> {
    await this.#auth?.catch(() => undefined);
    await this.#sandbox?.close();
  }

  async #makeAuth(): Promise<DomoAuth> {
    const transport = this.#transportOptions();
    if (this.options.sandbox && this.options.profile)
      throw new DomoInputError('--sandbox and --profile cannot be used together', { field: 'profile' });
    if (this.options.sandbox) {
      const { startSandbox } = await import('../sandbox/server.js'); // loaded only when asked for: it brings msw
      this.#sandbox = await startSandbox();
      if (!this.json)
        this.note(
          `(using an embedded sandbox at ${this.#sandbox.url}: its changes vanish when this command exits; to keep them, run \`domo-admin sandbox\` in another terminal and paste the exports it prints)`,
        );
      return authFromEnv(
        {
          DOMO_INSTANCE: this.#sandbox.instance,
          DOMO_ACCESS_TOKEN: this.#sandbox.token,
          DOMO_BASE_URL: this.#sandbox.url,
        },
        transport,
      );
    }
    if (this.options.profile) {
      if (this.options.instance || this.options.baseUrl)
        throw new DomoInputError('--profile names the instance: drop --instance and --base-url', { field: 'profile' });
      return this.authFor(this.options.profile);
    }
    const env = { ...this.io.env };
    if (this.options.instance) env.DOMO_INSTANCE = this.options.instance;
    if (this.options.baseUrl) env.DOMO_BASE_URL = this.options.baseUrl;
    try {
      return authFromEnv(env, transport);
    } catch (error) {
      if (isDomoError(error) && error instanceof DomoInputError) {
        throw new DomoInputError(`${error.message}. Or pass --sandbox to try against an embedded fake instance.`, {
          field: error.field,
        });
      }
      throw error;
    }
  }

  #transportOptions(): TransportOptions {
    const options: TransportOptions = {};
    if (this.options.log) {
      options.logLevel = this.options.log;
      options.logger = lineLogger(this.io);
    }
    if (this.options.dryRun) {
      options.retry = 0;
      options.fetch = this.#dryRunFetch();
    }
    return options;
  }

  /**
   * Lets reads through; records every change and answers it with an empty success instead of sending it, so that
   * a multi-step operation goes on and shows each request it would send (the member move *and* the DELETE). A step
   * that needs the server's answer to a change (a created id, an echoed object) stops the run there.
   */
  #dryRunFetch(): typeof fetch {
    return async (input, init) => {
      // The request a route marked `readOnly` is the very object passed in: checked before it is copied.
      if (input instanceof Request && init === undefined && isReadOnlyRequest(input)) return fetch(input);
      const request = new Request(input, init);
      if (isReadOnlyRequest(request)) return fetch(request);
      this.captured.push({ method: request.method, url: request.url, body: await request.text() });
      return new Response(null, { status: 204, statusText: 'No Content (dry run: not sent)' });
    };
  }
}

function lineLogger(io: CliIo): Logger {
  const line = (level: string) => (message: string) => io.err(`[${level}] ${message}\n`);
  return { error: line('error'), warn: line('warn'), info: line('info'), debug: line('debug') };
}

/** JSON for stdout; characters that could reorder or hide text in a terminal are written as `\uXXXX` escapes. */
export function jsonText(data: unknown): string {
  return JSON.stringify(data, null, 2).replace(
    /[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export { redactBody } from './text.js';
