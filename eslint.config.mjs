import tseslint from 'typescript-eslint';

/*
 * Which way the imports run (ARCHITECTURE.md; the table is in the README). Each lib folder names the
 * libs it may import, by their main entry point; any other `@app/` import is an error. Its test files
 * (specs, `testing/` helpers) may also use those libs' other entry points: the adapters
 * (`@app/event-store/sqlite`, ...), `@app/<lib>/testing`, `@app/workflow/fixtures/*`. The apps,
 * `test/` and `bench/` may import any lib, by its entry points only.
 */
const LIBS = ['workflow', 'event-store', 'kernel', 'config', 'cases', 'notifications', 'audit', 'privacy'];
const GROUND = ['workflow', 'event-store', 'kernel', 'config'];
const ADAPTERS = ['event-store/(sqlite|postgres|eventstoredb)', 'kernel/(sqlite|postgres)'];

const entryPointsOnly = [
  {
    regex: '^@app/[^/]+/src(/|$)',
    message: 'Import a lib by its entry point (@app/<lib>), not its inner files.',
  },
  {
    regex: `^(\\.\\./)+(libs/)?(${[...LIBS, 'infrastructure'].join('|')})/(src|templates)(/|$)`,
    message: 'Import another lib by its entry point (@app/<lib>), not by a relative path into it.',
  },
];
const noApps = { regex: '(^|/)apps/', message: 'A lib never imports an app.' };

const rule = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** The blocks for one folder: its files may import `allowed` (regexes after `@app/`), tests a little more. */
function layer(dir, allowed, message) {
  const only = (names) => ({ regex: names.length ? `^@app/(?!(${names.join('|')})$)` : '^@app/', message });
  return [
    { files: [`${dir}/**/*.ts`], rules: rule([...entryPointsOnly, noApps, only(allowed)]) },
    {
      files: [`${dir}/**/*.spec.ts`, `${dir}/**/*.int-spec.ts`, `${dir}/**/testing/**/*.ts`],
      rules: rule([...entryPointsOnly, noApps, only(allowed.map((name) => `${name}(/.+)?`))]),
    },
  ];
}

const application = (name) =>
  layer(
    `libs/${name}`,
    [...GROUND, 'cases'],
    `libs/${name} is an application lib: it imports the ground libs' ports and @app/cases only — ` +
      'not @app/infrastructure (the composition root imports it), not the other application libs, ' +
      'not an adapter.',
  );

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.tmp/**', '*.js', 'scripts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...rule(entryPointsOnly),
    },
  },
  ...layer('libs/workflow', [], 'libs/workflow is ground (pure domain): it imports no other lib.'),
  ...layer('libs/event-store', ['kernel'], 'libs/event-store is ground: it imports @app/kernel at most.'),
  ...layer('libs/kernel', [], 'libs/kernel is ground: it imports no other lib.'),
  ...layer('config', [], 'config is ground: it imports no other lib.'),
  ...layer('libs/cases', GROUND, "libs/cases imports the ground libs' ports only (not an adapter)."),
  ...['notifications', 'audit', 'privacy'].flatMap(application),
  ...layer(
    'libs/infrastructure',
    [...LIBS, ...ADAPTERS],
    'libs/infrastructure, the composition root, imports libs (and their adapters), never an app.',
  ),
);
