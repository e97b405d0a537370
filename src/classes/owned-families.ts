import type { DomoAuth } from '../auth/base.js';
import type { CallOptions } from './entity.js';
import { DomoBeastMode } from './beast-mode/beast-mode.js';
import { DomoBeastModes } from './beast-mode/beast-modes.js';
import { DomoAppDbCollection } from './appdb/collection.js';
import { DomoAppDbCollections } from './appdb/collections.js';
import { DomoAlert } from './alert/alert.js';
import { DomoAlerts } from './alert/alerts.js';
import { DomoWorkflow } from './workflow/workflow.js';
import { DomoWorkflows } from './workflow/workflows.js';
import { DomoCodeEnginePackage } from './codeengine/package.js';
import { DomoCodeEnginePackages } from './codeengine/packages.js';
import { DomoJupyterWorkspace } from './jupyter/workspace.js';
import { DomoJupyterWorkspaces } from './jupyter/workspaces.js';
import { DomoFileset } from './fileset/fileset.js';
import { DomoReportSchedule } from './report-schedule/report-schedule.js';
import { DomoReportSchedules } from './report-schedule/report-schedules.js';
import { DomoFilesets } from './fileset/filesets.js';
import { DomoDataflow } from './dataflow/dataflow.js';
import { DomoDataflows } from './dataflow/dataflows.js';
import type { DomoOwnedObjects } from './owned-objects.js';
import type { DomoOwnedObject, OwnedObjectClass } from './single-owner.js';

/** How far a type's discovery can be trusted: `exhaustive`, or limited and why. */
export interface Discovery {
  exhaustive: boolean;
  /** Why it is limited, or how it is made exhaustive. */
  note: string;
  /**
   * What limits a discovery that is not exhaustive: the caller's grants (`caller`: run it as someone who holds them)
   * or Domo's API itself (`api`: nothing to run differently). @default 'caller'
   */
  limit?: 'caller' | 'api';
}

/** What a hand-over knows of the offboarding it is part of. */
export interface HandOverContext {
  /** The datasets (ids, lower-case) the new owner takes in the same offboarding: they need no share of them. */
  takes?: ReadonlySet<string>;
}

/** One single-owner family as `owned()` and offboarding see it: where it lists, how it is found and moved. */
export interface SingleOwnerEntry {
  /** Its key in `OwnedByUser`. */
  key: string;
  /** One object's kind (`OwnedThing.kind`, the `content` JSON kind's `type`). */
  kind: string;
  type: OwnedObjectClass<DomoOwnedObject>;
  manager(auth: DomoAuth): DomoOwnedObjects<DomoOwnedObject>;
  discovery: Discovery;
  /**
   * What else a hand-over does once the object is the new owner's (a dataflow's inputs shared with them), as
   * sentences of what took effect.
   */
  afterHandOver?(
    thing: DomoOwnedObject,
    toUserId: number,
    call: CallOptions,
    context?: HandOverContext,
  ): Promise<string[]>;
  /** What `afterHandOver` does, for the plan's step. */
  afterHandOverText?: string;
}

const LAGGING =
  'each row re-checked; the search index lags ownership writes by a little (each is read again before it moves)';

/** Every single-owner family, in the order offboarding hands them over. */
export const SINGLE_OWNER_FAMILIES = [
  {
    key: 'dataflows',
    kind: 'dataflow',
    type: DomoDataflow,
    manager: (auth: DomoAuth) => new DomoDataflows(auth),
    discovery: { exhaustive: true, note: `every page of the search's owner filter, ${LAGGING}` },
    afterHandOver: async (thing: DomoOwnedObject, toUserId: number, call: CallOptions, context?: HandOverContext) => {
      const except = context?.takes ? [...context.takes] : [];
      const shared = await (thing as DomoDataflow).shareInputsWith(toUserId, { ...call, except });
      return shared.length > 0
        ? [`its input dataset(s) ${shared.join(', ')} shared with user ${toUserId} (CAN_VIEW)`]
        : [];
    },
    afterHandOverText: 'its input datasets shared with them where they lack access',
  },
  {
    key: 'beastModes',
    kind: 'beastMode',
    type: DomoBeastMode,
    manager: (auth: DomoAuth) => new DomoBeastModes(auth),
    discovery: {
      exhaustive: true,
      note: "the function search's owner filter, each row re-checked, its pages read until the ids seen reach its count (its order moves rows between pages)",
    },
  },
  {
    key: 'appDbCollections',
    kind: 'appDbCollection',
    type: DomoAppDbCollection,
    manager: (auth: DomoAuth) => new DomoAppDbCollections(auth),
    discovery: {
      exhaustive: true,
      note: "every page of the collection query's owner filter, each row re-checked (a datastore's own owner cannot be changed: not listed)",
    },
  },
  {
    key: 'alerts',
    kind: 'alert',
    type: DomoAlert,
    manager: (auth: DomoAuth) => new DomoAlerts(auth),
    discovery: { exhaustive: true, note: "every page of the alert list's owner filter, each row re-checked" },
  },
  {
    key: 'workflows',
    kind: 'workflow',
    type: DomoWorkflow,
    manager: (auth: DomoAuth) => new DomoWorkflows(auth),
    discovery: { exhaustive: true, note: `every page of the search's owner filter, ${LAGGING}` },
  },
  {
    key: 'codeEnginePackages',
    kind: 'codeEnginePackage',
    type: DomoCodeEnginePackage,
    manager: (auth: DomoAuth) => new DomoCodeEnginePackages(auth),
    discovery: { exhaustive: true, note: `every page of the search's owner filter, ${LAGGING}` },
  },
  {
    key: 'jupyterWorkspaces',
    kind: 'jupyterWorkspace',
    type: DomoJupyterWorkspace,
    manager: (auth: DomoAuth) => new DomoJupyterWorkspaces(auth),
    discovery: { exhaustive: true, note: `every page of the workspace search's owner filter, each row re-checked` },
  },
  {
    key: 'filesets',
    kind: 'fileset',
    type: DomoFileset,
    manager: (auth: DomoAuth) => new DomoFilesets(auth),
    discovery: { exhaustive: true, note: `every page of the fileset search's owner filter, each row re-checked` },
  },
  {
    key: 'reportSchedules',
    kind: 'reportSchedule',
    type: DomoReportSchedule,
    manager: (auth: DomoAuth) => new DomoReportSchedules(auth),
    discovery: {
      exhaustive: false,
      limit: 'api',
      note: 'the schedules of every page, each row re-checked: Domo lists schedules only page by page or card by card, so a schedule of a single card is not found',
    },
  },
] as const satisfies readonly SingleOwnerEntry[];

/** The key of a single-owner family in `OwnedByUser`. */
export type SingleOwnerKey = (typeof SINGLE_OWNER_FAMILIES)[number]['key'];
/** The kind of one object of a single-owner family. */
export type SingleOwnerKind = (typeof SINGLE_OWNER_FAMILIES)[number]['kind'];
