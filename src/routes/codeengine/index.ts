// The public routes of the Code Engine family, by name (argument checks stay in their files).
export { getCodeEnginePackage, searchCodeEnginePackages, setCodeEnginePackageOwner } from './core.js';
export { CodeEnginePackageSchema, type CodeEnginePackage } from './schemas.js';
