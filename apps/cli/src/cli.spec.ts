import { runCli } from './cli';

async function tafel(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(argv, {
    env: { TAFEL_STORE: 'nonsense' },
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    signal: new AbortController().signal,
  });
  return { code, ...out };
}

describe('the tafel command line', () => {
  it.each([
    [['nonsense'], /unknown command "nonsense"/],
    [[], /^$/],
    [['replay'], /replay needs exactly one case id/],
    [['verify', 'c-1', '--all'], /verify takes one case id or --all/],
    [['export'], /export takes one case id or --all/],
    [['export', '--all', '--format', 'xml'], /--format is ndjson or json/],
    [['export', '--all', '--out'], /--out needs a value/],
    [['verify', '--all', '--page-size', '0'], /--page-size must be a positive integer/],
    [['verify', 'c-1', '--public-key', 'k.pem'], /--public-key goes with --all/],
    [['verify', '--all', '--public-key'], /--public-key needs a value/],
    [['rebuild-projections', '--all'], /rebuild-projections does not know --all/],
    [['research-export'], /research-export needs --out file.csv/],
    [
      ['research-export', '--out', 'x.csv', '--until-position', 'ten'],
      /--until-position must be a whole number/,
    ],
    [['research-export', '--out', 'x.csv', 'c-1'], /research-export takes no case id/],
  ])('refuses %j with the usage and exit code 2, before touching any store', async (argv, message) => {
    const run = await tafel(...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout + run.stderr).toContain('Usage: npm run tafel');
  });

  it('prints the usage on --help', async () => {
    const run = await tafel('--help');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/replay <case>[\s\S]*verify[\s\S]*rebuild-projections[\s\S]*export/);
  });

  it('names the variable of a refused configuration, exit code 78', async () => {
    const run = await tafel('verify', '--all');
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/TAFEL_STORE/);
  });
});
