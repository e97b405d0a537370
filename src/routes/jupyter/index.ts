// The public routes of the Jupyter family, by name (argument checks stay in their files).
export { getJupyterWorkspace, JUPYTER_PAGE, searchJupyterWorkspaces, setJupyterWorkspaceOwner } from './core.js';
export { JupyterWorkspaceSchema, type JupyterWorkspace } from './schemas.js';
