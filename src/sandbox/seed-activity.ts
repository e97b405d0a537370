import { logActivity } from './domain/activity.js';
import { SeededRandom } from './random.js';
import { contentOwners } from './seed-content.js';
import type { SandboxState } from './state.js';

const DAY = 86_400_000;

/** Days since their last activity of the seeded cases the usage findings are built to catch. */
export const SEEDED_INACTIVITY = {
  /** The fourth seeded admin: admin-level grants, not seen for 200 days. */
  admin: 200,
  /** The last content owner: not seen for 250 days; half of their content was not viewed in a year. */
  contentOwner: 250,
  /** Datasets of the first credential account: not run for 200 days. */
  staleAccount: 200,
} as const;

/**
 * History for the activity log and the usage findings, relative to now: every live user's last sign-in (most within
 * a month, about one in eight months ago, the fourth admin 200 days ago), views of the content over the last 90 days
 * (but not of half of what the last content owner owns), a few changes to roles, groups and accounts by the
 * admins, and dataset runs (the first account's datasets not run for 200 days). Its own generator: the other seeded
 * values stay as they were. Times count back from midnight UTC today, so one seed gives one instance all day.
 */
export function seedActivity(state: SandboxState, now = Math.floor(Date.now() / DAY) * DAY): void {
  const random = new SeededRandom(state.seed ^ 0xac71);
  const inactiveOwner = contentOwners(state)[4];
  seedSignIns(state, random, now, inactiveOwner);
  seedViews(state, random, now, inactiveOwner);
  seedChanges(state, random, now);
  seedRuns(state, random, now);
}

function seedSignIns(state: SandboxState, random: SeededRandom, now: number, inactiveOwner: number | undefined): void {
  const admins = [...state.users.values()].filter((u) => u.roleId === 1 && u.id !== state.adminUserId && !u.deleted);
  for (const user of state.users.values()) {
    if (user.deleted || user.locked) continue;
    let daysAgo = random.chance(0.12) ? random.int(100, 400) : random.int(0, 30);
    if (user.id === state.adminUserId) daysAgo = 0;
    if (user.id === admins[2]?.id) daysAgo = SEEDED_INACTIVITY.admin;
    if (user.id === inactiveOwner) daysAgo = SEEDED_INACTIVITY.contentOwner;
    if (user.roleId === 1 && user.id !== admins[2]?.id && daysAgo > 30) daysAgo = random.int(0, 30);
    const last = now - daysAgo * DAY - random.int(0, 3_600_000);
    user.lastActivity = last;
    user.lastLogin = last;
    for (const time of [last, last - random.int(1, 20) * DAY])
      logActivity(state, user.id, {
        actionType: 'LOGGEDIN',
        objectType: 'USER',
        objectId: user.id,
        objectName: user.displayName,
        time,
      });
  }
}

function seedViews(state: SandboxState, random: SeededRandom, now: number, inactiveOwner: number | undefined): void {
  const viewers = [...state.users.values()].filter(
    (u) => !u.deleted && !u.locked && (u.lastActivity ?? 0) > now - 30 * DAY,
  );
  const content = [
    ...[...state.datasets.values()].map((d) => ({ type: 'DATA_SOURCE', id: d.id, name: d.name, owners: [d.ownerId] })),
    ...[...state.cards.values()].map((c) => ({
      type: 'CARD',
      id: c.id,
      name: c.title,
      owners: c.owners.filter((o) => o.type === 'USER').map((o) => o.id),
    })),
    ...[...state.pages.values()].map((p) => ({
      type: 'PAGE',
      id: p.id,
      name: p.title,
      owners: p.owners.filter((o) => o.type === 'USER').map((o) => o.id),
    })),
  ];
  let ownedByInactive = 0;
  for (const object of content) {
    const onlyInactive =
      inactiveOwner !== undefined && object.owners.length > 0 && object.owners.every((o) => o === inactiveOwner);
    if (onlyInactive && ownedByInactive++ % 2 === 0) continue; // never viewed: stale content of an inactive owner
    for (let n = random.int(1, 3); n > 0 && viewers.length > 0; n -= 1)
      logActivity(state, random.pick(viewers).id, {
        actionType: 'VIEWED',
        objectType: object.type,
        objectId: object.id,
        objectName: object.name,
        time: now - random.int(0, 89) * DAY - random.int(0, DAY - 1),
      });
  }
}

function seedChanges(state: SandboxState, random: SeededRandom, now: number): void {
  const admins = [...state.users.values()].filter(
    (u) => u.roleId === 1 && !u.deleted && (u.lastActivity ?? 0) > now - 30 * DAY,
  );
  if (admins.length === 0) return;
  const targets = [
    ...[...state.roles.values()].map((r) => ({ type: 'ROLE', id: r.id, name: r.name, what: 'grants set' })),
    ...[...state.groups.values()]
      .slice(0, 6)
      .map((g) => ({ type: 'GROUP', id: g.id, name: g.name, what: 'members added' })),
    ...[...state.accounts.values()]
      .slice(0, 6)
      .map((a) => ({ type: 'ACCOUNT', id: a.id, name: a.displayName, what: 'config written' })),
  ];
  for (const target of targets)
    logActivity(state, random.pick(admins).id, {
      actionType: 'UPDATED',
      objectType: target.type,
      objectId: target.id,
      objectName: target.name,
      additionalComment: target.what,
      time: now - random.int(1, 60) * DAY - random.int(0, DAY - 1),
    });
}

/** Datasets ran within the last days, except those of the first credential account. */
function seedRuns(state: SandboxState, random: SeededRandom, now: number): void {
  const stale = [...state.accounts.values()][0]?.id;
  for (const dataset of state.datasets.values()) {
    const daysAgo =
      dataset.accountId !== null && dataset.accountId === stale ? SEEDED_INACTIVITY.staleAccount : random.int(0, 6);
    dataset.lastUpdated = Math.max(dataset.createdAt, now - daysAgo * DAY - random.int(0, DAY - 1));
  }
}
