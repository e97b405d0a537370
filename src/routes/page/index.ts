// The public routes of the page family, by name (argument checks stay in their files).
export {
  addPageOwners,
  getPage,
  getPageSummaries,
  PAGE_SUMMARY_LIMIT,
  removePageOwners,
  type PageOwnerRef,
} from './core.js';
export { PageStackSchema, PageSummarySchema, type PageStack, type PageSummary } from './schemas.js';
