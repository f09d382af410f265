export interface CliArgs {
  command: string | undefined;
  positionals: string[];
  flags: Map<string, string | true>;
}

/** Flags that take a value (`--format ndjson` or `--format=ndjson`); every other flag is a switch. */
const VALUED = new Set(['format', 'out', 'page-size', 'until-position', 'public-key', 'new-key-file']);

export class UsageError extends Error {}

/**
 * Plain argv parsing: `<command> [positionals] [--flag] [--name value]`.
 * @throws UsageError for a valued flag without its value.
 */
export function parseArgs(argv: string[]): CliArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!VALUED.has(name)) {
      flags.set(name, inline ?? true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return { command: positionals.shift(), positionals, flags };
}

/** The value of a valued flag, or `fallback`. */
export function flagValue(args: CliArgs, name: string, fallback?: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : fallback;
}

/** A positive page size from `--page-size`, default 2000. @throws UsageError */
export function pageSizeOf(args: CliArgs): number {
  const size = Number(flagValue(args, 'page-size', '2000'));
  if (!Number.isInteger(size) || size < 1) throw new UsageError('--page-size must be a positive integer');
  return size;
}

/** Refuses flags the command does not know. @throws UsageError */
export function allowFlags(args: CliArgs, known: string[]): void {
  for (const name of args.flags.keys())
    if (!known.includes(name)) throw new UsageError(`${args.command} does not know --${name}`);
}

export const USAGE = `Usage: npm run tafel -- <command> [options]

  replay <case> [--json]                       the case's timeline: state and next steps after each event
  verify [<case> | --all] [--json]             checks hash chains (case and read-log streams); exit 1 if any is broken
         [--public-key file]                   --all also recomputes the log's running head and checks every signed
                                               checkpoint (key: the file, else TAFEL_SIGNING_KEY or signing.key)
  rebuild-projections                          drops every read model and rebuilds it from the log
  projections [--retry] [--json]               each projection's position, lag and parked event (exit 1
                                               while one is parked); --retry clears the parks so the
                                               worker tries those events again
  export <case | --all> [--format ndjson|json] [--out file]
                                               writes the history for archiving (default: ndjson to stdout)
                                               as stored: personal data encrypted, hashes verifiable;
                                               --decrypt writes it readable (erased people: [verwijderd])
  research-export --out file.csv [--until-position N]
                                               one pseudonymised row per case (HMAC-SHA256 with the research
                                               key: TAFEL_RESEARCH_KEY or research.key in the data
                                               directory), dates to the day, no personal data; mode 0600
  rotate-master-key --new-key-file <file> | --new-key-stdin
                                               re-wraps every person key under the new master key you
                                               made and saved (base64 of 32 bytes: openssl rand -base64 32);
                                               stop the API and worker first (refused while one leads)
  retention [--dry-run] [--json]               the cases whose retention term (TAFEL_RETENTION) has passed;
                                               destroys their personal data and free text (their keys), as
                                               the worker does once a day; --dry-run only lists them

  Long runs (--all, rebuild) show progress on stderr; Ctrl-C stops them and the next run resumes.
  --page-size <n>   events per read of the log (default 2000)
  Configuration comes from the same environment as the API (TAFEL_STORE, TAFEL_DATA_DIR, ...).
`;
