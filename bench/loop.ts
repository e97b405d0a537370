/**
 * The hand-written account loop every library figure is compared with, shared by the bench clients (loopback and
 * in-process). It imports nothing of the sandbox, so a measured client process does not load msw.
 */
import { mapConcurrent } from '../src/index.js';

/** An account as the raw loop keeps it: the list row, with its config attached. */
export interface RawAccount {
  id: number;
  dataProviderType: string;
  credentialsType?: string;
  config?: unknown;
}

/** The path of the account list. */
export const ACCOUNTS_PATH = '/api/data/v1/accounts';
/** The path of one account's config (its query is `unmask=false`). */
export const configPath = (account: RawAccount) =>
  `/api/data/v1/providers/${account.dataProviderType}/account/${account.id}`;

/** A JSON getter for a path and an optional query string (without `?`). */
export type JsonGetter = (path: string, query?: string) => Promise<unknown>;

/**
 * The hand-written loop: the list, then each stored config (none for OAuth-credential accounts), `concurrency` at
 * a time, kept on its account — the data the library holds.
 */
export async function accountsLoop(json: JsonGetter, concurrency: number): Promise<RawAccount[]> {
  const list = (await json(ACCOUNTS_PATH)) as RawAccount[];
  const stored = list.filter((account) => account.credentialsType !== 'oauth');
  await mapConcurrent(stored, concurrency, async (account) => {
    account.config = await json(configPath(account), 'unmask=false');
  });
  return list;
}
