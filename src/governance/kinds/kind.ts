import type { CallOptions } from '../../classes/entity.js';
import type { DomoRoles } from '../../classes/role/roles.js';
import type { PlanReadings } from '../before.js';
import type { SpecAccount, SpecGroup, SpecRole } from '../spec.js';

/** What applying one change needs: the roles manager (and through it the auth), the call options, and a reporter. */
export interface ApplyContext {
  roles: DomoRoles;
  call: CallOptions;
  /** Told each part of a change made of several requests that took effect (for an exact partial-failure report). */
  step: (done: string) => void;
}

/** The before-state being built: the spec entries that put back what the changes touch. */
export interface BeforeContext {
  read: PlanReadings;
  /** A user as the spec names them: their email when known, else their id. */
  ref: (id: number) => string | number;
  role: (name: string) => SpecRole;
  group: (name: string) => SpecGroup;
  setGroup: (name: string, spec: SpecGroup) => void;
  setAccount: (name: string, spec: SpecAccount) => void;
  addMembers: (role: string, users: readonly { id: number }[]) => void;
  setDefaultRole: (name: string) => void;
  absentRole: (name: string) => void;
  absentGroup: (name: string) => void;
  /** A rename: the way back renames `to` to `from` again, and what else the plan changes is put back under `from`. */
  renamed: (section: 'roles' | 'groups', from: string, to: string) => void;
}

/**
 * Everything about one kind of change, in one module: where it goes in the apply order, what it counts as in the
 * summary, how a person reads it (`render` in a plan, `describe` once done), how it is applied, and what the
 * before-state keeps to undo it.
 */
export interface ChangeKind<C> {
  /** Lower first: roles exist before their grants, grants before the default role and members. */
  order: number;
  /** What the change counts as in the plan's summary; `remove` also for changes that remove part of a list. */
  counts: (change: C) => readonly ('create' | 'update' | 'remove' | 'move')[];
  render: (change: C) => string;
  describe: (change: C) => string;
  apply: (change: C, ctx: ApplyContext) => Promise<void>;
  before: (change: C, ctx: BeforeContext) => void;
}
