import { homedir } from 'node:os';
import { join } from 'node:path';
import repl, { type REPLServer } from 'node:repl';
import type { Readable, Writable } from 'node:stream';
import * as audit from '../audit/index.js';
import * as governance from '../governance/index.js';
import * as library from '../index.js';
import type { DomoAuth } from '../auth/base.js';
import { formsOf } from '../client/secret.js';

/** What the REPL preloads besides the whole library. */
export interface ReplOptions {
  auth: DomoAuth;
  /** Where `auth` came from, said at start: "the environment", "an embedded sandbox at …". */
  source: string;
  input?: Readable;
  output?: Writable;
  /** History file; `''` for none. @default ~/.domo_admin_repl_history (env DOMO_ADMIN_REPL_HISTORY overrides) */
  historyFile?: string;
  /** Extra names to preload. */
  context?: Record<string, unknown>;
  /** Treat the streams as a terminal (line editing, history). @default true when stdin is a TTY and no `input` is given */
  terminal?: boolean;
}

const HELP = `domo-admin REPL — top-level await works. Preloaded:
  auth                     the DomoAuth in use
  roles, accounts          DomoRoles and DomoAccounts bound to auth
  users, groups            DomoUsers and DomoGroups bound to auth
  routes                   every route: await routes.getRoles(auth)
  governance, audit        domo-admin/governance and domo-admin/audit: specs, plans, snapshots; the access audit
  DomoAccount, DomoOAuthAccount, DomoAccounts, DomoRole, DomoRoles, DomoGrant
  DomoUser, DomoUsers, DomoGroup, DomoGroups, roleNameOf
  AccessLevel, AccessLevelV1, Secret, DomoTokenAuth, DomoFullAuth, authFromEnv, and the error classes
Try:
  const me = await auth.whoAmI(); await roleNameOf(auth, me)      // who you are, and your role by name
  await roles.list()
  const admin = await roles.getByName('Admin'); await admin.getGrants()
  const { accounts: all } = await accounts.list({ withConfig: true }); console.table(all)
  await (await DomoAccount.get(auth, 1)).getAccess()
  const model = await audit.auditAccess(auth); audit.auditFindings(model).map((f) => f.message)
  governance.renderPlan(await governance.planSpec(auth, await governance.exportSpec(auth)))
Dot commands: .help  .exit  .clear  .editor  .load  .save  .break
`;

/** A running REPL and a promise that settles when it exits (`.exit`, Ctrl-D, or the end of its input). */
export interface RunningRepl {
  server: REPLServer;
  closed: Promise<void>;
}

/** A line that sets a credential from a literal: `token: '…'`, `password = "…"`, `new Secret('…')`. */
const CREDENTIAL_LITERAL =
  /(token|password|passwd|secret|api_?key|credentials?|session)\w*['"`]?\s*[:=]\s*['"`]|new\s+Secret\s*\(\s*['"`]/i;

/** True when a line typed into the REPL holds a known secret (in any form) or sets a credential from a literal. */
export function isSensitiveLine(line: string, secrets: Iterable<library.Secret>): boolean {
  if (CREDENTIAL_LITERAL.test(line)) return true;
  for (const secret of secrets) if (formsOf(secret.reveal()).some((form) => line.includes(form))) return true;
  return false;
}

/**
 * Drops a line from the REPL history as soon as it is entered when it holds a secret, so it is neither recalled
 * with the arrow keys nor written to the history file. Registered before `setupHistory`, so it runs first.
 */
function keepSecretsOutOfHistory(server: REPLServer, secrets: () => Iterable<library.Secret>): void {
  const history = (server as unknown as { history?: string[] }).history;
  server.on('line', (line: string) => {
    const entries = (server as unknown as { history?: string[] }).history ?? history;
    if (entries && entries[0] === line && isSensitiveLine(line, secrets())) entries.shift();
  });
}

/** Starts Node's REPL with the library, `auth` and bound managers preloaded. Resolves when it is running. */
export async function startRepl(options: ReplOptions): Promise<RunningRepl> {
  const output = options.output ?? process.stdout;
  output.write(
    `domo-admin ${library.VERSION} — connected to ${options.auth.baseUrl} (${options.source}). Type .help for what is loaded.\n`,
  );
  const server = repl.start({
    prompt: 'domo> ',
    input: options.input ?? process.stdin,
    output,
    useGlobal: false,
    terminal: options.terminal ?? (options.input === undefined ? Boolean(process.stdin.isTTY) : false),
  });
  keepSecretsOutOfHistory(server, () => options.auth.secrets());
  const closed = new Promise<void>((resolve) => server.once('exit', resolve));
  Object.assign(server.context, library, {
    auth: options.auth,
    roles: new library.DomoRoles(options.auth),
    accounts: new library.DomoAccounts(options.auth),
    users: new library.DomoUsers(options.auth),
    groups: new library.DomoGroups(options.auth),
    governance,
    audit,
    ...options.context,
  });
  server.defineCommand('help', {
    help: 'Show what is preloaded and a few things to try',
    action() {
      this.output.write(HELP);
      this.displayPrompt();
    },
  });
  const history =
    options.historyFile ?? process.env.DOMO_ADMIN_REPL_HISTORY ?? join(homedir(), '.domo_admin_repl_history');
  if (history !== '') await new Promise<void>((resolve) => server.setupHistory(history, () => resolve()));
  return { server, closed };
}
