// The public routes of the workflow family, by name (argument checks stay in their files).
export { getWorkflow, searchWorkflows, setWorkflowOwner } from './core.js';
export { WorkflowSchema, type Workflow } from './schemas.js';
