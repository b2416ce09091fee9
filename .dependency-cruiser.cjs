// The boundaries of src/ (DESIGN section 8), checked by `npm run lint:deps` in CI. Every rule is
// an error. Tests (`*.spec.ts` next to the code, and everything under test/ and bench/, which
// this check does not cruise) may import anything.

/** Test files: exempt from every boundary rule. */
const TEST_FILE = '\\.spec\\.ts$';

/**
 * Feature folders: each owns its use cases, read models and storage. Everything else in src/ is
 * the shared kernel or infrastructure (shared, config, database, event-store, observability,
 * health, cli) or the composition at the top of src/.
 */
const FEATURES = [
  'appointments',
  'reference-data',
  'notifications',
  'integration-events',
  'patient-erasure',
  'dashboard',
  'schedules',
  'waitlist',
];

/**
 * Where a file may reach into any feature's storage: the composition root wires each feature's
 * codec (event-decoding.ts decodes any stored event for the subscriptions) and read-model
 * entities into the event store and TypeORM, and database/ lists the entities and migrations of
 * the whole schema.
 */
const COMPOSITION = ['^src/app\\.module\\.ts$', '^src/main\\.ts$', '^src/event-decoding\\.ts$', '^src/database/'];

/**
 * The persistence of each feature, private to it: how its events are encoded, upcast and
 * stored, its repositories and reservations, the tables of its read models and the projections
 * that write them. A feature absent here keeps no storage of its own that another could reach:
 * reference-data's TypeORM entities are its published model (reference data is CRUD with no
 * separate domain model), read by appointments, the dashboard and the seed; patient-erasure and
 * the dashboard own no tables. The email outbox and the integration feed are the services through
 * which the other parts enqueue and read, not storage details.
 */
const PERSISTENCE = {
  appointments: [
    'persistence/',
    'details/appointment-details\\.entity\\.ts$',
    'schedule/doctor-schedule\\.entity\\.ts$',
    '.+\\.projection\\.ts$',
  ],
  notifications: ['.+\\.projection\\.ts$'],
  'integration-events': ['.+\\.projection\\.ts$'],
};

const under = (folder, patterns) => patterns.map((pattern) => `^src/${folder}/${pattern}`);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'A domain folder (events, state, evolve, errors, rules) imports no framework, no database ' +
        'driver, nothing of the HTTP edge and not the system clock: it is pure, gets "now" as a ' +
        'value and throws typed errors that only the problem+json filter maps to statuses.',
      severity: 'error',
      from: { path: '^src/.*/domain/', pathNot: TEST_FILE },
      to: {
        path: [
          '(^|/)node_modules/(@nestjs/|typeorm/|pg/|pg-[^/]+/|@types/pg/)',
          '^src/shared/http/',
          '^src/shared/clock\\.ts$',
        ],
      },
    },
    {
      name: 'event-store-knows-no-feature',
      comment:
        'The event store (append, read, snapshots, upcasting, generic command handling, ' +
        'subscriptions) is generic: it imports nothing from a feature, nor the composition at the ' +
        'top of src/ that names them; features hand it their codecs and handlers.',
      severity: 'error',
      from: { path: '^src/event-store/', pathNot: TEST_FILE },
      to: { path: [`^src/(${FEATURES.join('|')})/`, '^src/[^/]+\\.ts$'] },
    },
    ...Object.entries(PERSISTENCE).map(([feature, patterns]) => ({
      name: `${feature}-persistence-is-private`,
      comment:
        `Only ${feature} itself (and the composition root) uses its persistence; another part ` +
        `reads its state through its queries, its events or the state they fold to.`,
      severity: 'error',
      from: { path: '^src/', pathNot: [`^src/${feature}/`, ...COMPOSITION, TEST_FILE] },
      to: { path: under(feature, patterns) },
    })),
    {
      name: 'no-circular',
      comment: 'No module depends on itself through others: each layer can be read, tested and loaded on its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment:
        'Every source file is reachable from an entry point: the application (main.ts), a command ' +
        'line (cli/*.cli.ts) or a test. A file nothing imports is dead code.',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: [TEST_FILE, '\\.d\\.ts$', '^src/main\\.ts$', '^src/cli/[^/]+\\.cli\\.ts$'],
      },
      to: {},
    },
    {
      name: 'not-to-test-code',
      comment: 'Application code never imports tests or their support code.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_FILE },
      to: { path: [TEST_FILE, '^test/', '^bench/'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-dev-dependencies-in-src',
      comment: 'The build installs dependencies only (npm ci --omit=dev): src/ may not need a devDependency at run time.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_FILE },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|dist-bench|node_modules|coverage|\\.data)/' },
    // Type-only imports count too: a domain that imports a Nest type is not pure.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
