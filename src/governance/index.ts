export { exportSpec, specToYaml, SPEC_SECTIONS, type ExportOptions, type SpecSection } from './export.js';
export { loadSpec, DomoSpecError, type SpecProblem } from './load.js';
export {
  SpecSchema,
  specJsonSchema,
  type Spec,
  type SpecRole,
  type SpecGroup,
  type SpecAccount,
  type Mode,
} from './spec.js';
export { planSpec, renderPlan, DomoPlanError, type Plan, type PlanChange, type PlannedUser } from './plan.js';
export { applyPlan, applySpec, type ApplyOptions, type ApplyReport } from './apply.js';
