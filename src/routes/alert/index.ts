// The public routes of the alert family, by name (argument checks stay in their files).
export { ALERT_PAGE, getAlert, getAlerts, setAlertOwner } from './core.js';
export { AlertSchema, type Alert } from './schemas.js';
