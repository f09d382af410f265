import type { Bar } from '../text/flow';

/** A simple bar chart in SVG; the numbers are text too, so nothing depends on seeing the bars. */
export function Bars({ bars, label }: { bars: Bar[]; label: string }) {
  return (
    <ul className="ek-bars" aria-label={label}>
      {bars.map((bar) => (
        <li key={bar.label} className="ek-bar">
          <span>{bar.label}</span>
          <svg
            viewBox="0 0 100 10"
            preserveAspectRatio="none"
            role="img"
            aria-label={`${bar.label}: ${bar.text}`}
          >
            <rect x="0" y="0" height="10" width={Math.max(bar.percent, 0.5)} />
          </svg>
          <span>{bar.text}</span>
        </li>
      ))}
    </ul>
  );
}
