/**
 * `npm start`: a scripted admin session. Against a real instance when DOMO_INSTANCE and a credential are set
 * (read-only unless --apply), otherwise against an embedded sandbox.
 */
import { authFromEnv, hasEnvCredentials, type DomoAuth } from '../index.js';
import { startSandbox } from '../sandbox/index.js';

async function main(): Promise<void> {
  const useRealInstance = hasEnvCredentials();
  const sandbox = useRealInstance ? undefined : await startSandbox();
  const auth: DomoAuth = sandbox
    ? authFromEnv({ DOMO_INSTANCE: sandbox.instance, DOMO_ACCESS_TOKEN: sandbox.token, DOMO_BASE_URL: sandbox.url })
    : authFromEnv();
  try {
    console.log(sandbox ? `domo-admin demo against the embedded sandbox at ${sandbox.url}` : `domo-admin demo against ${auth.baseUrl} (read-only)`);
    const me = await auth.whoAmI();
    console.log(`✓ signed in as ${me.displayName ?? me.emailAddress ?? me.id} (user ${me.id})`);
  } finally {
    await sandbox?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exitCode = 1;
});
