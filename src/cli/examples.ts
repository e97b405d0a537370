/**
 * Two examples (or more) for every command, by the words that run it: shown at the end of its `--help`. One table,
 * so a test can hold every command to it and the wording stays alike.
 */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  whoami: ['domo-admin whoami', 'domo-admin --profile prod --json whoami | jq .role'],

  'accounts list': [
    'domo-admin accounts list --provider snowflake',
    'domo-admin --json accounts list --with-config > accounts.json   # secrets masked',
  ],
  'accounts show': ['domo-admin accounts show "Snowflake - finance"', 'domo-admin --json accounts show 12'],
  'accounts access': ['domo-admin accounts access "Snowflake - finance"', 'domo-admin --json accounts access 12'],
  'accounts share': [
    'domo-admin accounts share "Snowflake - finance" --group Finance',
    'domo-admin accounts share 12 --user ada@example.com --level CAN_EDIT   # a level change asks first',
  ],
  'accounts unshare': [
    'domo-admin accounts unshare "Snowflake - finance" --group Finance',
    'domo-admin --yes accounts unshare 12 --user ada@example.com',
  ],
  'accounts rename': [
    'domo-admin accounts rename 12 "Snowflake - finance (prod)"',
    'domo-admin --dry-run accounts rename "old name" "new name"',
  ],
  'accounts transfer-owner': [
    'domo-admin accounts transfer-owner "Snowflake - finance" --to grace@example.com',
    'domo-admin --yes accounts transfer-owner 12 --to grace@example.com --from ada@example.com',
  ],
  'accounts delete': ['domo-admin accounts delete "Old FTP"', 'domo-admin --dry-run accounts delete 12'],
  'accounts create': [
    'domo-admin accounts create "Snowflake - finance" --provider snowflake --config-file snowflake.json',
    'DOMO_ACCOUNT_CONFIG=\'{"password":"…"}\' domo-admin accounts create FTP --provider ftp --config-env DOMO_ACCOUNT_CONFIG',
  ],
  'accounts update-config': [
    'domo-admin accounts update-config "Snowflake - finance" --config-file rotated.json',
    'domo-admin accounts update-config 12 --config-env NEW_SECRET --replace   # replaces the whole config',
  ],

  'oauth list': ['domo-admin oauth list', 'domo-admin --json oauth list | jq ".items[].owners"'],
  'oauth show': ['domo-admin oauth show "Snowflake OAuth"', 'domo-admin --json oauth show 3'],
  'oauth share': [
    'domo-admin oauth share "Snowflake OAuth" --group Engineering',
    'domo-admin oauth share 3 --user ada@example.com --level CAN_EDIT',
  ],
  'oauth unshare': [
    'domo-admin oauth unshare "Snowflake OAuth" --group Engineering',
    'domo-admin --yes oauth unshare 3 --user ada@example.com',
  ],
  'oauth rename': [
    'domo-admin oauth rename 3 "Snowflake OAuth (prod)"',
    'domo-admin --dry-run oauth rename 3 new-name',
  ],
  'oauth transfer-owner': [
    'domo-admin oauth transfer-owner "Snowflake OAuth" --to grace@example.com',
    'domo-admin --yes oauth transfer-owner 3 --to grace@example.com',
  ],
  'oauth delete': ['domo-admin oauth delete "Old OAuth"', 'domo-admin --dry-run oauth delete 3'],

  'roles list': ['domo-admin roles list', 'domo-admin --json roles list | jq ".items[] | {name, memberCount}"'],
  'roles show': ['domo-admin roles show Editor', 'domo-admin --json roles show 3 | jq ".members[].email"'],
  'roles grants set': [
    'domo-admin roles grants set "Finance Editors" dataset.view dataset.export',
    'domo-admin --dry-run roles grants set 12 card.view   # what would change, nothing sent',
  ],
  'roles grants add': [
    'domo-admin roles grants add "Finance Editors" dataset.export',
    'domo-admin --dry-run roles grants add 12 card.view dataset.view',
  ],
  'roles grants remove': [
    'domo-admin roles grants remove "Finance Editors" dataset.export',
    'domo-admin --dry-run roles grants remove 12 card.share',
  ],
  'roles members add': [
    'domo-admin roles members add Editor ada@example.com grace@example.com',
    'domo-admin --yes roles members add 3 1786299718',
  ],
  'roles members remove': [
    'domo-admin roles members remove Editor ada@example.com   # to the default role',
    'domo-admin roles members remove Editor ada@example.com --to-role Participant',
  ],
  'roles create': [
    'domo-admin roles create "Finance Editors" --from Editor',
    'domo-admin roles create Auditors --description "read-only audit access"',
  ],
  'roles update': [
    'domo-admin roles update "Finance Editors" --name "Finance Authors"',
    'domo-admin roles update 12 --description ""',
  ],
  'roles delete': [
    'domo-admin roles delete "Finance Editors" --reassign-to Editor',
    'domo-admin --dry-run roles delete 12 --reassign-to 3',
  ],
  'roles default': ['domo-admin roles default', 'domo-admin roles default Participant'],

  'users list': ['domo-admin users list --role editor --limit 20', 'domo-admin --json users list --group Finance'],
  'users show': ['domo-admin users show ada@example.com', 'domo-admin --json users show 1786299718'],
  'users find': ['domo-admin users find ada', 'domo-admin --json users find "lovelace" | jq ".items[].email"'],
  'users create': [
    'domo-admin users create ada@example.com --name "Ada Lovelace" --role Editor',
    'domo-admin users create grace@example.com --name "Grace Hopper" --invite',
  ],
  'users set-role': [
    'domo-admin users set-role ada@example.com Editor',
    'domo-admin --yes users set-role 1786299718 3',
  ],
  'users update': [
    'domo-admin users update ada@example.com --title "Data Engineer"',
    'domo-admin users update ada@example.com --phone ""   # clears it',
  ],
  'users delete': [
    'domo-admin users delete ada@example.com --transfer-to grace@example.com',
    'domo-admin --dry-run users delete 1786299718',
  ],

  'tokens list': [
    'domo-admin tokens list --expiring-within 14',
    'domo-admin --json tokens list --owner grace@acme.com',
  ],
  'tokens show': ['domo-admin tokens show "etl nightly"', 'domo-admin --json tokens show 42'],
  'tokens create': [
    'domo-admin tokens create "etl nightly" --owner etl-bot@acme.com --days 90',
    'domo-admin --json tokens create ci --owner ci@acme.com --days 30 | jq -r .value',
  ],
  'tokens rotate': [
    'domo-admin tokens rotate "etl nightly" --store-in "etl credentials" --dry-run',
    'domo-admin tokens rotate --expiring-within 14 --dry-run',
  ],
  'tokens revoke': [
    'domo-admin tokens revoke --expired --owner-deleted --out revoke.json',
    'domo-admin tokens revoke --plan revoke.json --yes',
  ],
  'api-clients list': [
    'domo-admin api-clients list',
    'domo-admin --json api-clients list | jq ".items[] | select(.ownerDeleted)"',
  ],
  'api-clients show': ['domo-admin api-clients show "warehouse sync"', 'domo-admin --json api-clients show 3'],
  'api-clients revoke': [
    'domo-admin api-clients revoke "legacy BI connector" --dry-run',
    'domo-admin api-clients revoke 4 --yes',
  ],
  'sessions list': [
    'domo-admin sessions list --user ana@acme.com',
    'domo-admin --json sessions list | jq ".items | length"',
  ],
  'sessions end': ['domo-admin sessions end --user ana@acme.com --yes', 'domo-admin sessions end 3f2a9c1b7d --dry-run'],
  'activity types': ['domo-admin activity types', 'domo-admin --json activity types | jq ".objectTypes | length"'],
  'activity export': [
    'domo-admin activity export --from 2026-09-01 --to 2026-12-01 --type CARD PAGE DATA_SOURCE --out views.csv',
    'domo-admin activity export --out views.csv --resume',
  ],
  history: ['domo-admin history role "Finance Editors"', 'domo-admin history user ana@acme.com --since 2026-11-01'],
  'groups list': ['domo-admin groups list --type closed', 'domo-admin --json groups list | jq ".items[].name"'],
  'groups show': ['domo-admin groups show Finance', 'domo-admin --json groups show 1814479648'],
  'groups create': [
    'domo-admin groups create Reviewers --type closed',
    'domo-admin groups create "Finance (EMEA)" --description "EMEA finance team"',
  ],
  'groups add': [
    'domo-admin groups add Finance ada@example.com grace@example.com',
    'domo-admin groups add 42 1786299718',
  ],
  'groups remove': ['domo-admin groups remove Finance ada@example.com', 'domo-admin --yes groups remove 42 1786299718'],
  'groups owners': [
    'domo-admin groups owners Finance',
    'domo-admin groups owners Finance --add grace@example.com --remove ada@example.com',
  ],
  'groups update': [
    'domo-admin groups update Finance --name "Finance (EMEA)"',
    'domo-admin groups update 42 --type closed',
  ],
  'groups delete': ['domo-admin groups delete Reviewers', 'domo-admin --dry-run groups delete 42'],

  'datasets list': [
    'domo-admin datasets list --owner ada@example.com   # read, not searched: exact',
    'domo-admin --json datasets list --text sales --limit 20',
  ],
  'datasets show': [
    'domo-admin datasets show "Sales daily"',
    'domo-admin --json datasets show 3a8e5f2c-1b2d-4e5f-a6b7-c8d9e0f1a2b3',
  ],
  'datasets transfer': [
    'domo-admin datasets transfer "Sales daily" "Pipeline raw" --to grace@example.com',
    'domo-admin --yes datasets transfer 3a8e5f2c-1b2d-4e5f-a6b7-c8d9e0f1a2b3 --to 1786299718',
  ],

  'dataflows list': [
    'domo-admin dataflows list --owner ada@example.com',
    'domo-admin --json dataflows list --text sales --limit 20',
  ],
  'dataflows show': ['domo-admin dataflows show "Sales daily ETL"', 'domo-admin --json dataflows show 7001'],
  'dataflows transfer': [
    'domo-admin dataflows transfer "Sales daily ETL" --to grace@example.com',
    'domo-admin --yes dataflows transfer 7001 7004 --to 1786299718',
  ],

  'beast-modes list': [
    'domo-admin beast-modes list --owner ada@example.com',
    'domo-admin --json beast-modes list --text margin',
  ],
  'beast-modes show': ['domo-admin beast-modes show 301', 'domo-admin --json beast-modes show 301'],
  'beast-modes transfer': [
    'domo-admin beast-modes transfer 301 303 --to grace@example.com   # links kept, read back',
    'domo-admin --yes beast-modes transfer 301 --to 1786299718',
  ],

  'appdb list': ['domo-admin appdb list --owner ada@example.com', 'domo-admin --json appdb list --text survey'],
  'appdb show': ['domo-admin appdb show "Survey app answers"', 'domo-admin --json appdb show "Planner settings"'],
  'appdb transfer': [
    'domo-admin appdb transfer "Survey app answers" --to grace@example.com   # read back: Domo may ignore the write',
    'domo-admin --yes appdb transfer "Planner settings" "Planner drafts" --to 1786299718',
  ],

  'report-schedules list': [
    'domo-admin report-schedules list --owner ada@example.com',
    'domo-admin --json report-schedules list --limit 20',
  ],
  'report-schedules show': ['domo-admin report-schedules show 40001', 'domo-admin --json report-schedules show 40001'],
  'report-schedules transfer': [
    'domo-admin report-schedules transfer 40001 40004 --to grace@example.com',
    'domo-admin --yes report-schedules transfer 40001 --to 1786299718',
  ],
  'alerts list': ['domo-admin alerts list --owner ada@example.com', 'domo-admin --json alerts list --limit 20'],
  'alerts show': ['domo-admin alerts show 5002', 'domo-admin --json alerts show 5002'],
  'alerts transfer': [
    'domo-admin alerts transfer 5002 5006 --to grace@example.com',
    'domo-admin --yes alerts transfer 5002 --to 1786299718',
  ],

  'workflows list': [
    'domo-admin workflows list --owner ada@example.com',
    'domo-admin --json workflows list --limit 20',
  ],
  'workflows show': ['domo-admin workflows show "Onboarding"', 'domo-admin --json workflows show "Onboarding"'],
  'workflows transfer': [
    'domo-admin workflows transfer "Onboarding" --to grace@example.com',
    'domo-admin --yes workflows transfer "Onboarding" --to 1786299718',
  ],

  'codeengine list': [
    'domo-admin codeengine list --owner ada@example.com',
    'domo-admin --json codeengine list --limit 20',
  ],
  'codeengine show': [
    'domo-admin codeengine show "Account rotation"',
    'domo-admin --json codeengine show "Account rotation"',
  ],
  'codeengine transfer': [
    'domo-admin codeengine transfer "Account rotation" --to grace@example.com',
    'domo-admin --yes codeengine transfer "Account rotation" --to 1786299718',
  ],

  'jupyter list': ['domo-admin jupyter list --owner ada@example.com', 'domo-admin --json jupyter list --limit 20'],
  'jupyter show': ['domo-admin jupyter show "Churn model"', 'domo-admin --json jupyter show "Churn model"'],
  'jupyter transfer': [
    'domo-admin jupyter transfer "Churn model" --to grace@example.com',
    'domo-admin --yes jupyter transfer "Churn model" --to 1786299718',
  ],

  'filesets list': ['domo-admin filesets list --owner ada@example.com', 'domo-admin --json filesets list --limit 20'],
  'filesets show': ['domo-admin filesets show "Contracts"', 'domo-admin --json filesets show "Contracts"'],
  'filesets transfer': [
    'domo-admin filesets transfer "Contracts" --to grace@example.com',
    'domo-admin --yes filesets transfer "Contracts" --to 1786299718',
  ],

  'apps list': ['domo-admin apps list --owner ada@example.com', 'domo-admin --json apps list'],
  'apps show': ['domo-admin apps show "Sales cockpit"', 'domo-admin --json apps show 904'],
  'apps transfer': [
    'domo-admin apps transfer "Sales cockpit" --to group:Finance --from ada@example.com',
    'domo-admin --yes apps transfer 904 909 --to grace@example.com',
  ],

  'cards list': [
    'domo-admin cards list --owner ada@example.com',
    'domo-admin --json cards list --text revenue --limit 20',
  ],
  'cards show': ['domo-admin cards show "Sales daily trend"', 'domo-admin --json cards show 1000000001'],
  'cards transfer': [
    'domo-admin cards transfer "Sales daily trend" --to grace@example.com --from ada@example.com',
    'domo-admin --yes cards transfer 1000000001 1000000008 --to group:Finance',
  ],

  'pages list': ['domo-admin pages list', 'domo-admin --json pages list --owner ada@example.com'],
  'pages show': ['domo-admin pages show "Sales overview 1"', 'domo-admin --json pages show 500000003'],
  'pages transfer': [
    'domo-admin pages transfer "Sales overview 1" --to grace@example.com --from ada@example.com',
    'domo-admin --yes pages transfer 500000003 --to group:Finance',
  ],

  'grants list': ['domo-admin grants list', 'domo-admin --json grants list | jq ".items[].id"'],
  'providers list': ['domo-admin providers list', 'domo-admin --json providers list'],

  export: ['domo-admin export > instance.yaml', 'domo-admin --profile prod export --only roles,groups > roles.yaml'],
  schema: [
    'domo-admin schema > spec.schema.json',
    'domo-admin schema --kind user   # the shape of every user --json prints',
  ],
  validate: [
    'domo-admin validate governance/*.yaml',
    'domo-admin validate instance.yaml --profiles dev,prod --policy security.yaml',
  ],
  plan: [
    'domo-admin plan instance.yaml',
    'domo-admin plan instance.yaml --out plan.json   # review, then apply plan.json',
    'domo-admin plan instance.yaml --profiles dev,stage,prod --format markdown > comment.md',
  ],
  apply: [
    'domo-admin apply plan.json',
    'domo-admin --yes apply instance.yaml --allow-destructive',
    'domo-admin apply instance.yaml --profiles dev,stage,prod --policy security.yaml',
  ],
  restore: ['domo-admin restore .domo-admin/snapshots/<file>.json', 'domo-admin --dry-run restore <snapshot>'],
  diff: ['domo-admin diff --from dev --to prod', 'domo-admin diff --from instance.yaml --to prod --only roles'],

  audit: [
    'domo-admin audit --html audit.html',
    'domo-admin audit --csv audit/ --json > audit.json',
    'domo-admin audit --policy security.yaml --profiles dev,prod',
  ],
  'who-can': ['domo-admin who-can role.manage', 'domo-admin --json who-can dataset.export | jq ".items[].email"'],
  access: ['domo-admin access ada@example.com', 'domo-admin --json access 1786299718'],
  owned: ['domo-admin owned ada@example.com', 'domo-admin owned ada@example.com --csv > ada-owns.csv'],
  offboard: [
    'domo-admin --dry-run offboard ada@example.com --to grace@example.com',
    'domo-admin offboard ada@example.com --to group:Finance --fallback-to grace@example.com --delete-user',
    'domo-admin offboard ada@example.com --to grace@example.com --out ada.json   # then: offboard --plan ada.json',
    'domo-admin --dry-run offboard ada@example.com --to grace@example.com --to-container-owner --end-sessions',
  ],

  sandbox: ['domo-admin sandbox --port 8080', 'domo-admin sandbox --users 1000 --latency-ms 20 --quirks'],
  repl: ['domo-admin repl', 'domo-admin --sandbox repl'],
};

/** The help text a command's examples add (empty when it has none). */
export function examplesText(path: string): string {
  const lines = EXAMPLES[path];
  return lines ? `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}` : '';
}
