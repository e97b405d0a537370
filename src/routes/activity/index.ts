// The public routes of the activity log family, by name (argument checks stay in their files).
export { ACTIVITY_PAGE_LIMIT, getActivityLog, getActivityObjectTypes, type ActivityLogQuery } from './core.js';
export { ActivityObjectTypesSchema, ActivityRowSchema, type ActivityRow } from './schemas.js';
