import { authFromEnv, type DomoAuth } from '../auth/index.js';
import { DomoInputError, isDomoError } from '../client/errors.js';
import { redactJsonText, type Logger, type LogLevel } from '../client/logger.js';
import type { TransportOptions } from '../client/options.js';
import type { RunningSandbox } from '../sandbox/server.js';
import type { CliIo } from './io.js';

/** The options every command accepts. */
export interface GlobalOptions {
  instance?: string;
  baseUrl?: string;
  sandbox?: boolean;
  json?: boolean;
  log?: LogLevel;
  dryRun?: boolean;
}

/** A request a dry run stopped before it was sent. */
export interface CapturedRequest {
  method: string;
  url: string;
  body: string;
}

/** Thrown by the dry-run fetch in place of sending a change. */
class DryRunStop extends Error {
  override name = 'DryRunStop';
}

/** What a command needs: where to write, how to print, and an auth made on first use. */
export class CliContext {
  readonly options: GlobalOptions;
  readonly io: CliIo;
  /** Requests a dry run held back. */
  readonly captured: CapturedRequest[] = [];
  #auth: Promise<DomoAuth> | undefined;
  #sandbox: RunningSandbox | undefined;

  constructor(io: CliIo, options: GlobalOptions) {
    this.io = io;
    this.options = options;
  }

  get json(): boolean {
    return Boolean(this.options.json);
  }

  /** The auth: an embedded sandbox with `--sandbox`, else the environment (`--instance`/`--base-url` override it). */
  auth(): Promise<DomoAuth> {
    this.#auth ??= this.#makeAuth();
    return this.#auth;
  }

  /** Writes a result: JSON with `--json`, else the human text. */
  result(data: unknown, human: () => string): void {
    this.io.out(this.json ? `${JSON.stringify(data, null, 2)}\n` : human());
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
    this.io.err(`${text}\n`);
  }

  async close(): Promise<void> {
    await this.#sandbox?.close();
  }

  async #makeAuth(): Promise<DomoAuth> {
    const transport = this.#transportOptions();
    if (this.options.sandbox) {
      const { startSandbox } = await import('../sandbox/server.js');   // loaded only when asked for: it brings msw
      this.#sandbox = await startSandbox();
      if (!this.json) this.note(`(using an embedded sandbox at ${this.#sandbox.url})`);
      return authFromEnv({ DOMO_INSTANCE: this.#sandbox.instance, DOMO_ACCESS_TOKEN: this.#sandbox.token, DOMO_BASE_URL: this.#sandbox.url }, transport);
    }
    const env = { ...this.io.env };
    if (this.options.instance) env.DOMO_INSTANCE = this.options.instance;
    if (this.options.baseUrl) env.DOMO_BASE_URL = this.options.baseUrl;
    try {
      return authFromEnv(env, transport);
    } catch (error) {
      if (isDomoError(error) && error instanceof DomoInputError) {
        throw new DomoInputError(`${error.message}. Or pass --sandbox to try against an embedded fake instance.`, { field: error.field });
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

  /** Lets reads through; records and stops every change. */
  #dryRunFetch(): typeof fetch {
    return async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'GET' || request.method === 'HEAD') return fetch(request);
      this.captured.push({ method: request.method, url: request.url, body: await request.text() });
      throw new DryRunStop('dry run: not sent');
    };
  }
}

function lineLogger(io: CliIo): Logger {
  const line = (level: string) => (message: string) => io.err(`[${level}] ${message}\n`);
  return { error: line('error'), warn: line('warn'), info: line('info'), debug: line('debug') };
}

/** A captured body for printing, with every value of a secret-looking key masked. */
export function redactBody(body: string): string {
  return body === '' ? '(no body)' : redactJsonText(body);
}
