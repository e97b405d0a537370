// The public routes of the dataflow family, by name (argument checks stay in their files).
export { DATAFLOW_PATCH_BATCH, getDataflow, searchDataflows, setDataflowsOwner } from './core.js';
export { DataflowSchema, DataflowSearchRowSchema, type Dataflow, type DataflowSearchRow } from './schemas.js';
