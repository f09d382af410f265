import { Progress } from './progress';

function io(isTTY: boolean) {
  let now = 0;
  const written: string[] = [];
  return {
    written,
    tick: (ms: number) => (now += ms),
    io: {
      env: {},
      stdout: { write: () => true },
      stderr: { isTTY, write: (s: string) => written.push(s) },
      signal: new AbortController().signal,
      now: () => now,
    },
  };
}

describe('progress of long work', () => {
  it('prints one plain line per 10% when stderr is not a terminal, with count, rate and time left', () => {
    const { io: cli, written, tick } = io(false);
    const progress = new Progress(cli, 'verify');
    for (let done = 1; done <= 100; done++) {
      tick(100);
      progress.update(done / 100, done * 1000);
    }
    progress.finish(100_000);
    expect(written).toHaveLength(11);
    expect(written[5]).toBe('verify  50%  50,000 events  10,000 events/s  5s left\n');
    expect(written[10]).toMatch(/^verify 100%  100,000 events  10,000 events\/s  0s left\n$/);
  });

  it('redraws one bar in place on a terminal, at most every 100 ms, and ends its line', () => {
    const { io: cli, written, tick } = io(true);
    const progress = new Progress(cli, 'export', 500);
    progress.update(0.25, 1500);
    tick(50);
    progress.update(0.3, 1600);
    tick(1950);
    progress.update(0.5, 2500);
    progress.finish(4500);
    expect(written).toHaveLength(4);
    expect(written[1]).toBe(
      '\rexport [############............]  50%  2,500 events  1,000 events/s  2s left\x1b[K',
    );
    expect(written[3]).toBe('\n');
  });
});
