import { KeyedLock } from './keyed-lock';

describe('KeyedLock', () => {
  it('runs work for one key one at a time, in arrival order', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let release!: () => void;
    const first = lock.run('a', async () => {
      log.push('first:start');
      await new Promise<void>((r) => (release = r));
      log.push('first:end');
    });
    const second = lock.run('a', async () => log.push('second'));
    const other = lock.run('b', async () => log.push('other key'));
    await other;
    expect(log).toEqual(['first:start', 'other key']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['first:start', 'other key', 'first:end', 'second']);
  });

  it('goes on with the next work after a failure', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('a', async () => 42)).resolves.toBe(42);
  });
});
