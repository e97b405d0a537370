// The activity log family: the log (a manager of events, not of entities) and its harvest.
export { DomoActivityLog, type ActivityQuery } from './activity-log.js';
export {
  ActivityHarvest,
  type ActivityEvent,
  type FailedChunk,
  type HarvestOptions,
  type HarvestProgress,
  type HarvestResult,
} from './harvest.js';
export type { ActivityChunk, TimeInput } from './window.js';
