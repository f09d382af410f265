/** A ratio (or figure) against its target, as every bench row prints it: `0.62 (target ≥ 0.9 ✗)`. */
export function against(value: number, target: number, direction: '≥' | '<' | '≤' = '≥', digits = 2): string {
  const met = direction === '≥' ? value >= target : direction === '<' ? value < target : value <= target;
  return `${value.toFixed(digits)} (target ${direction} ${target} ${met ? '✓' : '✗'})`;
}
