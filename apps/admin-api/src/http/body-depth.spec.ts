import { nestsDeeperThan } from './body-depth';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('nestsDeeperThan', () => {
  it('counts a top-level object or array as depth 1, and scalars as nothing', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan(null, 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({}, 1)).toBe(false);
    expect(nestsDeeperThan([[]], 1)).toBe(true);
  });

  it('finds the one deep branch among wide shallow ones', () => {
    const body = { wide: Array.from({ length: 1000 }, (_, i) => ({ i })), deep: nested(40) };
    expect(nestsDeeperThan(body, 32)).toBe(true);
    expect(nestsDeeperThan({ ...body, deep: nested(31) }, 32)).toBe(false);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(nestsDeeperThan(nested(100_000), 32)).toBe(true);
  });
});
