import { DomoInputError } from '../client/errors.js';

/** An error as one JSON object: name, message and status first, then what else it says (never a secret). */
export function errorJson(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), status: null, exitCode: 1 };
  const fields = error as unknown as Record<string, unknown>;
  const pick = [
    'route',
    'method',
    'url',
    'code',
    'field',
    'reason',
    'attempts',
    'mayHaveBeenApplied',
    'completed',
    'issues',
    'serverMessage',
    'requestId',
  ];
  const extra = Object.fromEntries(pick.filter((key) => fields[key] !== undefined).map((key) => [key, fields[key]]));
  return {
    name: error.name,
    message: inCliTerms(error.message, error),
    status: typeof fields.status === 'number' ? fields.status : null,
    exitCode: 1,
    ...extra,
  };
}

/** Library option names in a message, said the way the CLI spells them: `{ reassignTo: roleId }` → `--reassign-to <role>`. */
const CLI_TERMS: [RegExp, string][] = [
  [/\{ reassignTo: roleId \}|\breassignTo\b/g, '--reassign-to <role>'],
  [/\{ toRoleId: roleId \}|\btoRoleId\b/g, '--to-role <role>'],
  [/\{ withConfig: true \}|\bwithConfig\b/g, '--with-config'],
  [/\{ transferTo: user \}|\btransferTo\b/g, '--transfer-to <user>'],
  [/\ballowDestructive\b/g, '--allow-destructive'],
  [/\ballowSelfLockout\b/g, '--allow-self-lockout'],
];

/** An input error's message with library option names said as CLI flags (other errors unchanged). */
export function inCliTerms(message: string, error: unknown): string {
  if (!(error instanceof DomoInputError)) return message;
  return CLI_TERMS.reduce((text, [pattern, flag]) => text.replace(pattern, flag), message);
}
