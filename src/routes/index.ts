export { login, whoAmI } from './auth.js';
