export {
  auditAccess,
  AUDIT_SECTIONS,
  type AuditSection,
  type AuditModel,
  type AuditOptions,
  type AuditProgress,
  type AuditGrant,
  type AuditRole,
  type AuditUser,
  type AuditGroup,
  type AuditCredential,
  type AuditToken,
  type AuditApiClient,
  type AuditPrincipal,
  type AuditFailure,
  type AuditGap,
  SECTION_GRANTS,
} from './model.js';
export {
  auditFindings,
  incompleteText,
  isAdminLevelGrant,
  FINDING_KINDS,
  type Finding,
  type FindingKind,
  type FindingOptions,
  type Severity,
  type AuditSubject,
} from './findings.js';
export { whoCan, userAccess, reachOf, type GrantHolder, type UserAccess, type Route } from './access.js';
export { auditReportHtml } from './report.js';
export { auditCsv } from './csv.js';
export {
  planOffboarding,
  offboardUser,
  executeOffboarding,
  type ExecuteOffboardingOptions,
  type OffboardingPlan,
  type OffboardOptions,
  type OffboardTo,
} from './offboard.js';
export {
  applyOffboardingPlan,
  loadOffboardingPlan,
  saveOffboardingPlan,
  planDifferences,
  DomoStaleOffboardingError,
  OffboardingPlanFileSchema,
  type OffboardingPlanFile,
} from './offboard-plan.js';
export {
  offboardingSnapshot,
  saveOffboardingSnapshot,
  loadOffboardingSnapshot,
  offboardedUsers,
  OffboardingSnapshotSchema,
  type OffboardingSnapshot,
  type OffboardingMove,
} from './offboard-snapshot.js';
export {
  planOffboardingRestore,
  restoreOffboarding,
  type OffboardingRestorePlan,
  type OffboardingRestoreAction,
  type RestoreOffboardingOptions,
} from './offboard-restore.js';
export {
  planTokenRevocation,
  executeTokenRevocation,
  saveTokenRevocationPlan,
  loadTokenRevocationPlan,
  applyTokenRevocationPlan,
  DomoStaleTokenPlanError,
  TokenRevocationPlanFileSchema,
  type TokenSelection,
  type TokenRevocationPlan,
  type TokenRevocationPlanFile,
  type PlannedToken,
} from './token-revocation.js';
