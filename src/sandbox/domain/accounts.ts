import { logActivity } from './activity.js';
import { badRequest, forbidden, notFound, SandboxHttpError, show } from '../errors.js';
import { ACCESS_LEVELS, type AccessLevel, type SandboxAccount, type SandboxShare } from '../model.js';
import { newAccount } from '../seed.js';
import { MANAGE_ALL_ACCOUNTS, type SandboxState } from '../state.js';

type Kind = SandboxAccount['kind'];
/** What the caller wants to do, from least to most privileged. */
type Need = 'view' | 'edit' | 'share' | 'own';

const RANK: Record<AccessLevel, number> = { CAN_VIEW: 1, CAN_EDIT: 2, CAN_SHARE: 3, OWNER: 4 };
const NEEDED: Record<Need, number> = { view: 1, edit: 2, share: 3, own: 4 };

const label = (kind: Kind) => (kind === 'account' ? 'account' : 'OAuth account template');

function table(state: SandboxState, kind: Kind): Map<number, SandboxAccount> {
  return kind === 'account' ? state.accounts : state.templates;
}

/** The caller's highest access to an account, directly or through a group. */
export function accessOf(state: SandboxState, account: SandboxAccount, userId: number): AccessLevel | undefined {
  const groups = state.groupIdsOf(userId);
  let best: AccessLevel | undefined;
  for (const share of account.shares) {
    const applies = share.type === 'USER' ? share.id === userId : groups.includes(share.id);
    if (applies && (!best || RANK[share.accessLevel] > RANK[best])) best = share.accessLevel;
  }
  return best;
}

function allowed(state: SandboxState, account: SandboxAccount, userId: number, need: Need): boolean {
  if (state.hasAuthority(userId, MANAGE_ALL_ACCOUNTS)) return true;
  const level = accessOf(state, account, userId);
  return level !== undefined && RANK[level] >= NEEDED[need];
}

/** The accounts (or templates) the caller can see. */
export function visibleAccounts(state: SandboxState, kind: Kind, userId: number): SandboxAccount[] {
  return [...table(state, kind).values()].filter((account) => allowed(state, account, userId, 'view'));
}

/** One account the caller may act on: 404 when missing, 403 when not shared (as Domo does). */
export function findAccount(
  state: SandboxState,
  kind: Kind,
  id: number,
  userId: number,
  need: Need = 'view',
): SandboxAccount {
  const account = table(state, kind).get(id);
  if (!account) throw notFound(`${label(kind)} ${id} not found`);
  if (!allowed(state, account, userId, 'view')) throw forbidden(`${label(kind)} ${id} is not shared with you`);
  if (!allowed(state, account, userId, need))
    throw forbidden(`you need more access to ${label(kind)} ${id} to do this`);
  return account;
}

export interface CreateAccountInput {
  displayName?: unknown;
  name?: unknown;
  dataProviderType?: unknown;
  configurations?: unknown;
  origin?: unknown;
}

/** Creates an account or template owned by the caller. */
export function createAccount(
  state: SandboxState,
  kind: Kind,
  input: CreateAccountInput,
  userId: number,
): SandboxAccount {
  const displayName = requiredText(input.displayName ?? input.name, 'displayName');
  const type = requiredText(input.dataProviderType, 'dataProviderType');
  const provider = state.providers.get(type);
  if (!provider) throw badRequest(`unknown dataProviderType ${type}`);
  if (kind === 'template' && provider.scheme !== 'oauth-config')
    throw badRequest(`${type} is not an OAuth configuration provider`);
  if (kind === 'account' && provider.scheme === 'oauth-config')
    throw badRequest(`${type} is an OAuth configuration provider: create a template`);
  const config = checkConfig(state, type, input.configurations ?? {});
  const id = kind === 'account' ? state.nextAccountId++ : state.nextTemplateId++;
  const name = typeof input.name === 'string' && input.name.trim() !== '' ? input.name : displayName;
  const account = newAccount(state, kind, id, type, displayName, config, userId, name);
  const now = state.now();
  Object.assign(account, { createdAt: now, modifiedAt: now });
  if (kind === 'template') account.enabled = false;
  table(state, kind).set(id, account);
  logAccount(state, account, userId, 'CREATED');
  return account;
}

export function deleteAccount(state: SandboxState, kind: Kind, id: number, userId: number): void {
  const account = findAccount(state, kind, id, userId, 'own');
  logAccount(state, account, userId, 'DELETED');
  table(state, kind).delete(id);
}

/** Renames: only `displayName` changes; `name` stays as it was. */
export function renameAccount(
  state: SandboxState,
  kind: Kind,
  id: number,
  displayName: string,
  userId: number,
): SandboxAccount {
  const account = findAccount(state, kind, id, userId, 'edit');
  const trimmed = displayName.trim();
  if (trimmed === '') throw badRequest('the name must not be empty');
  if (trimmed.length > 255) throw badRequest('the name is longer than 255 characters');
  account.displayName = trimmed;
  touch(state, account, userId, 'renamed');
  return account;
}

/** The stored config, for the provider type named in the path. */
export function readConfig(state: SandboxState, kind: Kind, type: string, id: number, userId: number): SandboxAccount {
  const account = findAccount(state, kind, id, userId, 'view');
  if (account.dataProviderType !== type) throw notFound(`${label(kind)} ${id} is not of type ${type}`);
  return account;
}

/** Replaces the config: keys that are not sent are removed. */
export function writeConfig(
  state: SandboxState,
  kind: Kind,
  type: string,
  id: number,
  config: unknown,
  userId: number,
): SandboxAccount {
  const account = readConfig(state, kind, type, id, userId);
  if (!allowed(state, account, userId, 'edit')) throw forbidden(`you need edit access to ${label(kind)} ${id}`);
  account.config = checkConfig(state, type, config);
  touch(state, account, userId, 'config written');
  return account;
}

function checkConfig(state: SandboxState, type: string, config: unknown): Record<string, unknown> {
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw badRequest('the config must be a JSON object');
  const provider = state.providers.get(type);
  const unknown = Object.keys(config).filter(
    (key) => provider && provider.scheme !== 'oauth' && !provider.fields.includes(key),
  );
  if (unknown.length > 0) throw badRequest(`unknown config keys for ${type}: ${unknown.join(', ')}`);
  for (const [key, value] of Object.entries(config)) {
    if (value !== null && typeof value === 'object')
      throw badRequest(`config key ${key} must be a string, number, boolean or null`);
  }
  return { ...config };
}

export type ShareLevel = AccessLevel | 'NONE';

export interface ShareInput {
  type: 'USER' | 'GROUP';
  id: number;
  accessLevel: ShareLevel;
}

/** Reads a v2 share body; ids may be strings or numbers. */
export function parseShare(body: unknown): ShareInput {
  const value = body as { type?: unknown; id?: unknown; accessLevel?: unknown } | null;
  if (!value || typeof value !== 'object') throw badRequest('the share body must be a JSON object');
  const type = show(value.type ?? '').toUpperCase();
  if (type !== 'USER' && type !== 'GROUP') throw badRequest(`type must be USER or GROUP, got ${show(value.type)}`);
  const id = Number(value.id);
  if ((typeof value.id !== 'string' && typeof value.id !== 'number') || !Number.isSafeInteger(id) || id <= 0)
    throw badRequest(`id must be a positive integer, got ${JSON.stringify(value.id)}`);
  const level = show(value.accessLevel ?? '');
  if (level !== 'NONE' && !(ACCESS_LEVELS as readonly string[]).includes(level))
    throw badRequest(`accessLevel must be one of ${[...ACCESS_LEVELS, 'NONE'].join(', ')}`);
  return { type, id, accessLevel: level as ShareLevel };
}

const V1_LEVELS: Record<string, AccessLevel> = { READ: 'CAN_VIEW', WRITE: 'CAN_EDIT', OWNER: 'OWNER' };

/** Reads a v1 share body `{ type: 'USER', id, permissions: ['READ'|'WRITE'|'OWNER'] }`; groups are refused. */
export function parseShareV1(body: unknown): ShareInput {
  const value = body as { type?: unknown; id?: unknown; permissions?: unknown } | null;
  if (!value || typeof value !== 'object') throw badRequest('the share body must be a JSON object');
  if (show(value.type ?? 'USER').toUpperCase() !== 'USER') throw badRequest('v1 sharing supports users only');
  const permission = Array.isArray(value.permissions) ? show(value.permissions[0]) : '';
  const level = V1_LEVELS[permission];
  if (!level) throw badRequest('permissions must be ["READ"], ["WRITE"] or ["OWNER"]');
  return parseShare({ type: 'USER', id: value.id, accessLevel: level });
}

/**
 * Grants, changes or (with `NONE`) revokes access. Sharing the access a principal already has is answered
 * 500, as Domo does; removing the last owner is refused.
 */
export function share(state: SandboxState, kind: Kind, id: number, input: ShareInput, userId: number): SandboxAccount {
  const account = findAccount(state, kind, id, userId, 'share');
  if (input.type === 'USER' && !state.users.has(input.id)) throw badRequest(`user ${input.id} does not exist`);
  if (input.type === 'GROUP' && !state.groups.has(input.id)) throw badRequest(`group ${input.id} does not exist`);
  const index = account.shares.findIndex((s) => s.type === input.type && s.id === input.id);
  const current = account.shares[index];
  if (input.accessLevel === 'NONE') {
    if (current) {
      ensureOwnerRemains(
        account,
        account.shares.filter((_, i) => i !== index),
      );
      account.shares.splice(index, 1);
    }
  } else if (current?.accessLevel === input.accessLevel) {
    throw new SandboxHttpError(500, `${input.type.toLowerCase()} ${input.id} already has ${input.accessLevel} access`);
  } else if (current) {
    const next: SandboxShare = { ...current, accessLevel: input.accessLevel };
    ensureOwnerRemains(
      account,
      account.shares.map((s, i) => (i === index ? next : s)),
    );
    account.shares[index] = next;
  } else {
    account.shares.push({ type: input.type, id: input.id, accessLevel: input.accessLevel });
  }
  touch(state, account, userId, `shared with ${input.type.toLowerCase()} ${input.id}: ${input.accessLevel}`);
  return account;
}

function ensureOwnerRemains(account: SandboxAccount, shares: SandboxShare[]): void {
  if (!shares.some((s) => s.accessLevel === 'OWNER'))
    throw badRequest(`account ${account.id} must keep at least one owner`);
}

function touch(state: SandboxState, account: SandboxAccount, userId: number, what = 'updated'): void {
  account.modifiedAt = state.now();
  account.modifiedBy = userId;
  logAccount(state, account, userId, 'UPDATED', what);
}

/** Credential accounts are in the log as `ACCOUNT` (OAuth templates have no object type in the sources). */
function logAccount(state: SandboxState, account: SandboxAccount, userId: number, actionType: string, what = ''): void {
  if (state.accounts.get(account.id) !== account) return;
  logActivity(state, userId, {
    actionType,
    objectType: 'ACCOUNT',
    objectId: account.id,
    objectName: account.displayName,
    additionalComment: what,
  });
}

function requiredText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${field} is required`);
  return value.trim();
}
