import type { FlowReport } from '../api/types';
import { STATE, say } from './nl';

export interface Bar {
  label: string;
  value: number;
  /** 0–100: the bar's length relative to the largest value. */
  percent: number;
  /** What is read out and printed next to the bar. */
  text: string;
}

const STAGE: Record<string, string> = {
  requested: 'Aangevraagd',
  'intake-completed': 'Intake gedaan',
  'coordinator-assigned': 'Coördinator gekregen',
  'conference-held': 'Conferentie gehouden',
  'plan-distributed': 'Plan verspreid',
  'followed-up': 'Nazorg gedaan',
};

const LEAD_TIME: Record<string, string> = {
  'request-to-intake': 'Van aanvraag tot intake',
  'intake-to-coordinator': 'Van intake tot coördinator',
  'coordinator-to-conference': 'Van coördinator tot conferentie',
  'conference-to-distribution': 'Van conferentie tot plan verspreid',
  'request-to-conference': 'Van aanvraag tot conferentie',
};

const days = (n: number) => (n === 1 ? '1 dag' : `${n.toLocaleString('nl-NL')} dagen`);

function bars(rows: { label: string; value: number; text: string }[]): Bar[] {
  const max = Math.max(0, ...rows.map((r) => r.value));
  return rows.map((r) => ({ ...r, percent: max === 0 ? 0 : Math.round((r.value / max) * 100) }));
}

/** The funnel: how many of the requested cases got to each stage, with their share of all. */
export function funnelBars(report: FlowReport): Bar[] {
  const first = report.funnel[0]?.count ?? 0;
  return bars(
    report.funnel.map(({ stage, count }) => ({
      label: say(STAGE, stage),
      value: count,
      text: first > 0 ? `${count} (${Math.round((count / first) * 100)}%)` : String(count),
    })),
  );
}

/** Lead times by their median in days; those without cases say so. */
export function leadTimeBars(report: FlowReport): Bar[] {
  return bars(
    Object.entries(report.leadTimesDays).map(([key, { median, p90, n }]) => ({
      label: say(LEAD_TIME, key),
      value: median ?? 0,
      text:
        median === null || n === 0
          ? 'nog geen zaken'
          : `de helft binnen ${days(median)}, 9 van de 10 binnen ${days(p90 ?? median)} (${n === 1 ? '1 zaak' : `${n} zaken`})`,
    })),
  );
}

/** Where the cases are now, the largest group first. */
export function stateBars(report: FlowReport): Bar[] {
  return bars(
    Object.entries(report.byState)
      .filter(([, n]) => n > 0)
      .sort(([, a], [, b]) => b - a)
      .map(([state, n]) => ({ label: say(STATE, state), value: n, text: String(n) })),
  );
}

/** A rate (0–1) as a Dutch percentage, or "–" when there is nothing to count. */
export const percentage = (rate: number | null): string =>
  rate === null ? '–' : `${Math.round(rate * 100)}%`;
