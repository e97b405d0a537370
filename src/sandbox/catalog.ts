/** Static reference data the sandbox seeds from: providers, authorities, system roles, names. */

export interface ProviderDefinition {
  key: string;
  name: string;
  /** `fields` (stored config), `oauth` (a user's OAuth grant: no stored config), `oauth-config` (an OAuth template). */
  scheme: 'fields' | 'oauth' | 'oauth-config';
  fields: string[];
  secretFields: string[];
}

const snowflakeKeyPair = ['account', 'username', 'role', 'privateKey', 'passPhrase'];

export const PROVIDERS: ProviderDefinition[] = [
  {
    key: 'abstract-credential-store',
    name: 'Abstract Credential Store',
    scheme: 'fields',
    fields: ['credentials', 'allowExternalUse'],
    secretFields: ['credentials'],
  },
  {
    key: 'domo-access-token',
    name: 'Domo Access Token',
    scheme: 'fields',
    fields: ['domoAccessToken', 'username', 'password', 'allowExternalUse'],
    secretFields: ['domoAccessToken', 'password'],
  },
  {
    key: 'dataset-copy',
    name: 'DataSet Copy',
    scheme: 'fields',
    fields: ['instance', 'accessToken', 'allowExternalUse'],
    secretFields: ['accessToken'],
  },
  {
    key: 'domo-governance-d14c2fef-49a8-4898-8ddd-f64998005600',
    name: 'Domo Governance Datasets',
    scheme: 'fields',
    fields: ['apikey', 'customer', 'allowExternalUse'],
    secretFields: ['apikey'],
  },
  {
    key: 'snowflake',
    name: 'Snowflake',
    scheme: 'fields',
    fields: ['account', 'username', 'password', 'role', 'allowExternalUse'],
    secretFields: ['password'],
  },
  {
    key: 'snowflake-unload-v2',
    name: 'Snowflake Unload V2',
    scheme: 'fields',
    fields: [
      'account',
      'username',
      'password',
      'accessKey',
      'secretKey',
      'bucket',
      'region',
      'role',
      'allowExternalUse',
    ],
    secretFields: ['password', 'secretKey'],
  },
  {
    key: 'snowflake-unload',
    name: 'Snowflake Unload',
    scheme: 'fields',
    fields: ['account', 'username', 'password', 'accessKey', 'secretKey', 'bucket', 'allowExternalUse'],
    secretFields: ['password', 'secretKey'],
  },
  {
    key: 'snowflake-internal-unload',
    name: 'Snowflake Internal Unload',
    scheme: 'fields',
    fields: ['account', 'username', 'password', 'role', 'allowExternalUse'],
    secretFields: ['password'],
  },
  {
    key: 'snowflake-internal-unload-advanced-partition',
    name: 'Snowflake Internal Unload Advanced Partition',
    scheme: 'fields',
    fields: ['account', 'username', 'password', 'role', 'allowExternalUse'],
    secretFields: ['password'],
  },
  {
    key: 'snowflake-writeback',
    name: 'Snowflake Writeback',
    scheme: 'fields',
    fields: ['account', 'username', 'password', 'role', 'domoClientId', 'domoClientSecret', 'allowExternalUse'],
    secretFields: ['password', 'domoClientSecret'],
  },
  {
    key: 'snowflake-federated',
    name: 'Snowflake Federated',
    scheme: 'fields',
    fields: ['host', 'port', 'warehouse', 'user', 'password', 'role', 'allowExternalUse'],
    secretFields: ['password'],
  },
  {
    key: 'snowflakekeypairauthentication',
    name: 'Snowflake Key Pair Authentication',
    scheme: 'fields',
    fields: [...snowflakeKeyPair, 'allowExternalUse'],
    secretFields: ['privateKey', 'passPhrase'],
  },
  {
    key: 'snowflake-key-pair-writeback',
    name: 'Snowflake Key Pair Writeback',
    scheme: 'fields',
    fields: [...snowflakeKeyPair, 'allowExternalUse'],
    secretFields: ['privateKey', 'passPhrase'],
  },
  {
    key: 'snowflake-keypair-internal-managed-unload',
    name: 'Snowflake Key Pair Internal Managed Unload',
    scheme: 'fields',
    fields: [...snowflakeKeyPair, 'allowExternalUse'],
    secretFields: ['privateKey', 'passPhrase'],
  },
  {
    key: 'snowflake-key-pair-unload-v2',
    name: 'Snowflake Key Pair Unload V2',
    scheme: 'fields',
    fields: [...snowflakeKeyPair, 'accessKey', 'secretKey', 'bucket', 'region', 'encryptionType', 'allowExternalUse'],
    secretFields: ['privateKey', 'passPhrase', 'secretKey'],
  },
  {
    key: 'amazon-s3',
    name: 'Amazon S3',
    scheme: 'fields',
    fields: ['accessKey', 'secretKey', 'bucket', 'region', 'allowExternalUse'],
    secretFields: ['secretKey'],
  },
  {
    key: 'amazons3-advanced',
    name: 'Amazon S3 Advanced',
    scheme: 'fields',
    fields: ['accessKey', 'secretKey', 'bucket', 'region', 'allowExternalUse'],
    secretFields: ['secretKey'],
  },
  {
    key: 'aws-athena',
    name: 'Amazon Athena',
    scheme: 'fields',
    fields: ['awsAccessKey', 'awsSecretKey', 's3StagingDir', 'region', 'workgroup', 'allowExternalUse'],
    secretFields: ['awsSecretKey'],
  },
  {
    key: 'amazon-athena-high-bandwidth',
    name: 'Amazon Athena High Bandwidth',
    scheme: 'fields',
    fields: ['awsAccessKey', 'awsSecretKey', 's3StagingDir', 'region', 'workgroup', 'allowExternalUse'],
    secretFields: ['awsSecretKey'],
  },
  { key: 'google-spreadsheets', name: 'Google Sheets', scheme: 'oauth', fields: [], secretFields: [] },
  {
    key: 'snowflake-oauth-config',
    name: 'Snowflake OAuth Configuration',
    scheme: 'oauth-config',
    fields: ['client-id', 'client-secret'],
    secretFields: ['client-secret'],
  },
  {
    key: 'jira-on-prem-oauth-config',
    name: 'Jira On Prem OAuth Configuration',
    scheme: 'oauth-config',
    fields: ['client_id', 'client_secret'],
    secretFields: ['client_secret'],
  },
];

export interface AuthorityDefinition {
  authority: string;
  title: string;
  group: string;
  dependsOn?: string[];
}

const A = (authority: string, title: string, group: string, dependsOn?: string[]): AuthorityDefinition => ({
  authority,
  title,
  group,
  ...(dependsOn ? { dependsOn } : {}),
});

export const AUTHORITIES: AuthorityDefinition[] = [
  A('admin.settings.manage', 'Manage all company settings', 'Admin'),
  A('admin.security.manage', 'Manage security settings', 'Admin'),
  A('admin.authentication.manage', 'Manage authentication and access tokens', 'Admin'),
  A('admin.audit.view', 'View the activity log', 'Admin'),
  A('admin.toe.view', 'View trace ids', 'Admin'),
  A('user.view', 'View users', 'People'),
  A('user.invite', 'Invite people', 'People', ['user.view']),
  A('user.edit', 'Edit users', 'People', ['user.invite']),
  A('user.delete', 'Delete users', 'People', ['user.edit']),
  A('user.session.edit', 'Manage user sessions', 'People', ['user.view']),
  A('group.manage', 'Manage all groups', 'People', ['user.view']),
  A('role.manage', 'Manage roles and grants', 'People', ['user.view']),
  A('dataset.view', 'View DataSets', 'Data'),
  A('dataset.create', 'Create DataSets', 'Data', ['dataset.view']),
  A('dataset.manage', 'Manage all DataSets', 'Data', ['dataset.view']),
  A('dataset.export', 'Export data', 'Data', ['dataset.view']),
  A('dataset.delete', 'Delete DataSets', 'Data', ['dataset.manage']),
  A('dataflow.create', 'Create DataFlows', 'Data', ['dataset.view']),
  A('dataflow.admin', 'Manage all DataFlows', 'Data', ['dataflow.create']),
  A('datastore.admin', 'Manage DataStores', 'Data'),
  A('datasource.account.view', 'View accounts', 'Data'),
  A('datasource.account.create', 'Create accounts', 'Data', ['datasource.account.view']),
  A('datasource.account.manage.all', 'Manage all accounts', 'Data', ['datasource.account.view']),
  A('connector.manage', 'Manage connectors', 'Data'),
  A('pdp.manage', 'Manage personalized data permissions', 'Data', ['dataset.view']),
  A('card.view', 'View cards', 'Content'),
  A('card.create', 'Create cards', 'Content', ['card.view']),
  A('card.edit', 'Edit cards', 'Content', ['card.view']),
  A('card.admin', 'Manage all cards', 'Content', ['card.edit']),
  A('page.create', 'Create pages', 'Content'),
  A('page.admin', 'Manage all pages', 'Content', ['page.create']),
  A('alert.create', 'Create alerts', 'Content', ['card.view']),
  A('alert.admin', 'Manage all alerts', 'Content', ['alert.create']),
  A('certifiedcontent.admin', 'Manage certified content', 'Content'),
  A('content.export', 'Export content', 'Content'),
  A('content.share', 'Share content', 'Content'),
  A('buzz.chat', 'Use Buzz', 'Collaboration'),
  A('buzz.admin', 'Manage Buzz', 'Collaboration', ['buzz.chat']),
  A('goal.view', 'View goals', 'Collaboration'),
  A('goal.admin', 'Manage goals', 'Collaboration', ['goal.view']),
  A('project.create', 'Create projects and tasks', 'Collaboration'),
  A('project.admin', 'Manage all projects', 'Collaboration', ['project.create']),
  A('appstore.view', 'View the Appstore', 'Apps'),
  A('appstore.admin', 'Manage the Appstore', 'Apps', ['appstore.view']),
  A('app.create', 'Create apps', 'Apps'),
  A('app.admin', 'Manage all apps', 'Apps', ['app.create']),
  A('codeengine.package.create', 'Create Code Engine packages', 'Apps'),
  A('codeengine.package.manage', 'Manage Code Engine packages', 'Apps', ['codeengine.package.create']),
  A('workflow.create', 'Create workflows', 'Apps'),
  A('workflow.admin', 'Manage all workflows', 'Apps', ['workflow.create']),
  A('ai.model.create', 'Create AI models', 'AI'),
  A('ai.model.manage', 'Manage AI models', 'AI', ['ai.model.create']),
  A('ai.chat', 'Use AI chat', 'AI'),
  A('jupyter.workspace.create', 'Create Jupyter workspaces', 'AI'),
  A('jupyter.workspace.admin', 'Manage Jupyter workspaces', 'AI', ['jupyter.workspace.create']),
  A('cloud.admin', 'Manage cloud integrations', 'Cloud'),
  A('cloud.connection.create', 'Create cloud connections', 'Cloud'),
  A('versions.repository.admin', 'Manage sandbox repositories', 'Versions'),
  A('versions.deployment.manage', 'Manage deployments', 'Versions', ['versions.repository.admin']),
  A('publish.admin', 'Manage publication groups', 'Versions'),
  A('publish.subscribe', 'Subscribe to publications', 'Versions'),
  A('domoapps.dev', 'Develop custom apps', 'Apps'),
  A('mobile.access', 'Use the mobile app', 'Access'),
  A('embed.manage', 'Manage embed', 'Access'),
];

/** The five system roles: ids 1–5, and a rule that picks their grants from the catalogue. */
export const SYSTEM_ROLES: { id: number; name: string; description: string; grants: (authority: string) => boolean }[] =
  [
    { id: 1, name: 'Admin', description: 'Full access to everything', grants: () => true },
    {
      id: 2,
      name: 'Privileged',
      description: 'Full access except for editing users and settings',
      grants: (a) => !/^(admin\.|user\.(edit|delete)|role\.manage)/.test(a),
    },
    {
      id: 3,
      name: 'Editor',
      description: 'Can edit content and data they have access to',
      grants: (a) =>
        /^(dataset\.(view|create|export)|dataflow\.create|card\.|page\.create|alert\.create|buzz\.chat|goal\.view|project\.create|appstore\.view|app\.create|ai\.chat|mobile\.access|content\.share|user\.view|datasource\.account\.(view|create))/.test(
          a,
        ),
    },
    {
      id: 4,
      name: 'Participant',
      description: 'Can view content shared with them',
      grants: (a) =>
        /^(dataset\.view|card\.view|buzz\.chat|goal\.view|appstore\.view|mobile\.access|user\.view)/.test(a),
    },
    {
      id: 5,
      name: 'Social',
      description: 'Can use Buzz and view profiles',
      grants: (a) => /^(buzz\.chat|user\.view|mobile\.access)/.test(a),
    },
  ];

/** Custom roles seeded beside the system ones. "Privileged Admin" makes substring name matching visibly wrong. */
export const CUSTOM_ROLES = [
  {
    name: 'Finance Editors',
    description: 'Edit finance content - h3',
    grants: ['dataset.view', 'dataset.manage', 'dataset.export', 'card.view', 'card.edit'],
  },
  {
    name: 'Privileged Admin',
    description: 'Admins without billing - h1',
    grants: ['admin.audit.view', 'user.view', 'user.invite', 'user.edit', 'role.manage'],
  },
  {
    name: 'Data Stewards',
    description: 'Own accounts and connectors - h2',
    grants: [
      'datasource.account.view',
      'datasource.account.create',
      'datasource.account.manage.all',
      'connector.manage',
    ],
  },
];

export const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Margaret',
  'Ken',
  'Dennis',
  'Frances',
  'John',
  'Radia',
  'Leslie',
  'Niklaus',
  'Shafi',
  'Tim',
  'Sophie',
  'Yukihiro',
  'Guido',
  'Anders',
  'Karen',
  'Hedy',
  'Katherine',
  'Linus',
  'Brendan',
];
export const LAST_NAMES = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Hamilton',
  'Thompson',
  'Ritchie',
  'Allen',
  'McCarthy',
  'Perlman',
  'Lamport',
  'Wirth',
  'Goldwasser',
  'Berners-Lee',
  'Wilson',
  'Matsumoto',
  'Rossum',
  'Hejlsberg',
  'Jones',
  'Lamarr',
  'Johnson',
  'Torvalds',
  'Eich',
];
export const DEPARTMENTS = ['Finance', 'Sales', 'Marketing', 'Engineering', 'Operations', 'People', 'Support'];
export const JOB_TITLES = ['Analyst', 'Manager', 'Director', 'Engineer', 'Specialist', 'Coordinator'];
export const GROUP_NAMES = ['Admin Test', 'Finance', 'Sales Ops', 'Data Engineering', 'Executives', 'Support Leads'];

/** Groups seeded after GROUP_NAMES, one of each remaining type, so every type shows up. */
export const TYPED_GROUPS: { name: string; type: 'adHoc' | 'directory' | 'dynamic' | 'system' | 'open' | 'closed' }[] =
  [
    { name: 'All Users', type: 'system' },
    { name: 'Okta - Engineering', type: 'directory' },
    { name: 'Dynamic - EMEA', type: 'dynamic' },
    { name: 'Project Apollo', type: 'adHoc' },
    { name: 'Finance Analysts', type: 'closed' },
    { name: 'Marketing', type: 'open' },
  ];
