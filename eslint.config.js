// Lint rules, including the architecture's import boundaries (see ARCHITECTURE.md). Each
// restriction carries a message that says why, so a failing import teaches the rule.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noIoModules = [
  'fs',
  'net',
  'http',
  'https',
  'child_process',
  'worker_threads',
  'dgram',
  'dns',
  'tls',
  'cluster',
].flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // Configuration is read once, in config.ts; everything else receives it as a parameter.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/server/config.ts', 'src/**/*.test.ts', 'src/**/*.test.tsx', 'src/cli/main.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration only in src/server/config.ts and pass it down.',
        },
      ],
    },
  },
  {
    // The solver is a pure library: no I/O and nothing from the rest of the app. Only its
    // worker entry may touch worker_threads.
    files: ['src/solver/**/*.ts'],
    ignores: ['src/solver/worker.ts', 'src/solver/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noIoModules.map((name) => ({
            name,
            message: 'The solver does no I/O: take data as arguments, return results.',
          })),
          patterns: [
            {
              regex: '^\\.\\./',
              message:
                'The solver imports nothing outside src/solver (it could be published alone).',
            },
          ],
        },
      ],
    },
  },
  {
    // Pure rules (<feature>.ts) and contracts: no I/O, no database, no HTTP, no clock reads.
    files: ['src/features/*/*.ts'],
    ignores: ['src/features/*/*.*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noIoModules, 'pg', 'kysely', 'fastify', '@electric-sql/pglite'].map(
            (name) => ({
              name,
              message: 'Rules are pure: I/O belongs in the repository or service.',
            }),
          ),
          patterns: [
            {
              regex: 'server/(db|http|jobs|mail)/',
              message: 'Rules are pure: the database and HTTP belong in repositories and routes.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Rules take `now` as a parameter.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Rules take `now` as a parameter.',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'Rules are deterministic.',
        },
      ],
    },
  },
  {
    // Services and repositories never speak HTTP: they throw DomainErrors mapped at the edge.
    files: [
      'src/features/*/*.service.ts',
      'src/features/*/*.repository.ts',
      'src/features/*/*.errors.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'fastify', message: 'Services and repositories know nothing about HTTP.' },
          ],
          patterns: [
            {
              regex: 'server/http/',
              message: 'Services and repositories know nothing about HTTP.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app imports only contracts (zod schemas and types) from the server side.
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(server|cli|solver)(/|$)',
              message:
                'The web app must not import server code; share shapes through *.contract.ts files.',
            },
            {
              regex: '/features/[^/]+/[^/]+\\.(service|repository|routes|errors)(\\.js)?$',
              message: 'From a server feature the web app may import only its *.contract.ts.',
            },
            {
              regex: '/features/([^/]+)/\\1(\\.js)?$',
              message: 'From a server feature the web app may import only its *.contract.ts.',
            },
          ],
        },
      ],
    },
  },
);
