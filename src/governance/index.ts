export { exportSpec, specToYaml, SPEC_SECTIONS, type ExportOptions, type SpecSection } from './export.js';
export { loadSpec, loadDocument, loadPolicies, DomoSpecError, type SpecProblem } from './load.js';
export {
  DomoPolicyError,
  evaluatePolicies,
  grantMatcher,
  locatedRules,
  violationText,
  type LocatedRule,
  type PolicySubject,
  type PolicySubjects,
  type PolicyViolation,
} from './policy.js';
export {
  SpecSchema,
  ModeSchema,
  SpecRoleSchema,
  SpecGroupSchema,
  SpecAccountSchema,
  specJsonSchema,
  PolicyRuleSchema,
  POLICY_MATCHERS,
  EnvironmentSchema,
  ENVIRONMENT_SECTIONS,
  type Environment,
  type PolicyRule,
  type PolicyMatcher,
  type Spec,
  type SpecRole,
  type SpecGroup,
  type SpecAccount,
  type Mode,
} from './spec.js';
export {
  planSpec,
  renderPlan,
  DomoPlanError,
  type Plan,
  type PlanChange,
  type PlanOptions,
  type PlannedUser,
} from './plan.js';
export {
  GITHUB_COMMENT_LIMIT,
  PLAN_FORMAT_VERSION,
  planJson,
  renderPlanMarkdown,
  sectionOf,
  type MarkdownOptions,
  type PlanJson,
  type PlanJsonChange,
  type PlanSection,
} from './render-markdown.js';
export type { GroupChange } from './kinds/groups/plan.js';
export type { AccountChange, PlannedPrincipal } from './kinds/accounts/plan.js';
export type { BeforeState } from './before.js';
export { applyPlan, applySpec, applyVerified, type ApplyOptions, type ApplyReport } from './apply.js';
export { SNAPSHOT_DIR, SnapshotSchema, takeSnapshot, saveSnapshot, loadSnapshot, type Snapshot } from './snapshot.js';
export { planRestore, restoreSnapshot } from './restore.js';
export {
  SavedPlanSchema,
  DomoStalePlanError,
  savePlan,
  loadPlan,
  isSavedPlan,
  replanSaved,
  applySavedPlan,
  type SavedPlan,
} from './saved-plan.js';
export {
  diffSpecs,
  renderDiff,
  type SpecDiff,
  type SpecDifference,
  type FieldDifference,
  type DiffOptions,
} from './diff.js';
export { validateSpec, type SpecValidation } from './validate.js';
export { environmentOf, policiesFor, specFor } from './environments.js';
export { plansJson, renderPlansMarkdown, type InstancePlan, type PlansJson } from './render-many.js';
