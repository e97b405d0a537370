/**
 * A stateful fake Domo instance for offline work and tests: in-process msw handlers or a loopback server.
 * @packageDocumentation
 */
export { createSandboxHandlers, createSandboxRouter, type SandboxHandlerOptions } from './handlers/index.js';
export { startSandbox, type RunningSandbox, type StartSandboxOptions } from './server.js';
export { createSandboxState, SANDBOX_ADMIN, SANDBOX_LOCKED_USER } from './seed.js';
export { SandboxState, MANAGE_ALL_ACCOUNTS, type SandboxStateOptions, type SandboxTraps } from './state.js';
export type * from './model.js';
export { SeededRandom } from './random.js';
