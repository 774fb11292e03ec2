// Lint: typescript-eslint's recommended rules, plus the layers of ARCHITECTURE.md as import
// restrictions, so a layer violation fails `npm run lint` (and CI) instead of a code review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LAYERS = [
  'app',
  'channels',
  'chat',
  'cli',
  'config',
  'db',
  'domain',
  'import',
  'logging',
  'reminders',
  'reports',
  'scheduler',
  'services',
  'web',
];

/** Import patterns that reach the named layers of src/, from any depth of the tree. */
const layers = (...names) =>
  names.flatMap((name) => [`**/src/${name}/**`, `../${name}/**`, `../../${name}/**`, `../../../${name}/**`]);

const PRISMA = {
  group: ['@prisma/*', '**/db/generated/**', 'better-sqlite3', 'pg'],
  message: 'Only src/db talks to the database driver and Prisma; call a store function instead.',
};
const STORE_INTERNALS = {
  group: ['**/db/store/store.ts'],
  importNames: ['prismaOf', 'providerOf', 'bindStore'],
  message: 'Only src/db looks inside a Store.',
};
const DB_CLIENT = {
  group: ['**/db/database.ts'],
  importNames: ['DbClient', 'adapterFactoryFor'],
  message: 'The Prisma client type stays in src/db; other layers hold a Store.',
};
const WRONG_WAY_TO_APP = {
  group: layers('app'),
  message: 'src/app wires the program; nothing below it imports it (move the shared piece down).',
};

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'src/db/generated/', 'tests/lint/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      'no-nested-ternary': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // Every layer but src/db: no Prisma, no peeking into the store.
  {
    files: ['src/**/*.ts', 'commands/**/*.ts'],
    ignores: ['src/db/**'],
    rules: restrict(PRISMA, STORE_INTERNALS, DB_CLIENT),
  },
  // The domain knows nothing of Telegram, Zalo, HTTP, Prisma or any other layer of ours.
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict(PRISMA, {
      group: [
        ...layers(...LAYERS.filter((name) => name !== 'domain')),
        '**/commands/**',
        'telegraf',
        'telegraf/*',
        'zca-js',
        'node-cron',
        'pino',
      ],
      message: 'src/domain imports no other layer and no I/O library.',
    }),
  },
  // Chat commands speak to services and the store, never to a channel.
  {
    files: ['commands/**/*.ts'],
    rules: restrict(PRISMA, STORE_INTERNALS, DB_CLIENT, WRONG_WAY_TO_APP, {
      group: ['**/src/channels/**', 'telegraf', 'telegraf/*', 'zca-js'],
      message: 'A command returns its reply; it never imports a channel (see src/chat/command.ts).',
    }),
  },
  // Channels are adapters: transport in, transport out, no records.
  {
    files: ['src/channels/**/*.ts'],
    rules: restrict(PRISMA, STORE_INTERNALS, DB_CLIENT, WRONG_WAY_TO_APP, {
      group: [...layers('db', 'chat', 'reminders', 'services', 'reports', 'import', 'cli'), '**/commands/**'],
      message: 'A channel imports no store, command or service: it only moves messages.',
    }),
  },
  // The web server is a door: its routes get what they serve from the wiring, never from the store.
  {
    files: ['src/web/**/*.ts'],
    rules: restrict(PRISMA, STORE_INTERNALS, DB_CLIENT, WRONG_WAY_TO_APP, {
      group: [...layers('db', 'channels'), '**/commands/**', 'telegraf', 'telegraf/*', 'zca-js'],
      message: 'src/web routes call what the app hands them (services, checks); no store or channel here.',
    }),
  },
  // Nothing under the wiring imports the wiring.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/app/**', 'src/main.ts', 'src/cli/**', 'src/db/**', 'src/domain/**', 'src/channels/**'],
    rules: restrict(PRISMA, STORE_INTERNALS, DB_CLIENT, WRONG_WAY_TO_APP),
  },
  // Tests and tools may seed and inspect the database directly.
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
