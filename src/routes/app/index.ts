// The public routes of the App Studio family, by name (argument checks stay in their files).
export { addAppOwners, APP_SUMMARY_LIMIT, getApp, getAppAccess, getAppSummaries, removeAppOwners } from './core.js';
export { AppAccessEntrySchema, AppSchema, type App, type AppAccessEntry } from './schemas.js';
