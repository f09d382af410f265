import type { CaseMessages, CaseSummary, CaseView } from '../api/types';
import { formatDateTime } from './nl';

const DAY = 24 * 60 * 60 * 1000;

/** The states in which participants are invited, answer and get mail: their cases are looked into. */
export const ACTIVE_STATES = ['preparing', 'scheduled', 'held', 'plan-recorded', 'plan-distributed'];

export interface AttentionItem {
  caseId: string;
  reference: string;
  text: string;
}

export interface Attention {
  waitingForCoordinator: AttentionItem[];
  notAnswered: AttentionItem[];
  failedMessages: AttentionItem[];
  toPhone: AttentionItem[];
  conferencesSoon: AttentionItem[];
}

export interface CaseDetail {
  view: CaseView;
  messages?: CaseMessages;
}

/** What needs attention today, from the case list and the details of the active cases. */
export function attention(list: CaseSummary[], details: CaseDetail[], now: Date): Attention {
  const t = now.getTime();
  const result: Attention = {
    waitingForCoordinator: list
      .filter((c) => c.state === 'awaiting-coordinator' && t - Date.parse(c.requestedAt) > 7 * DAY)
      .map((c) => ({
        caseId: c.id,
        reference: c.reference,
        text: `aangevraagd ${Math.floor((t - Date.parse(c.requestedAt)) / DAY)} dagen geleden`,
      })),
    notAnswered: [],
    failedMessages: [],
    toPhone: [],
    conferencesSoon: [],
  };
  for (const { view, messages } of details) {
    const item = (text: string) => ({ caseId: view.id, reference: view.reference, text });
    if (['preparing', 'scheduled'].includes(view.state)) {
      for (const p of view.participants) if (!p.answer && !p.removed) result.notAnswered.push(item(p.name));
    }
    const startsAt = view.schedule ? Date.parse(view.schedule.startsAt) : NaN;
    if (view.state === 'scheduled' && startsAt >= t && startsAt - t <= 7 * DAY)
      result.conferencesSoon.push(
        item(`${formatDateTime(view.schedule!.startsAt)}, ${view.schedule!.location}`),
      );
    for (const p of messages?.participants ?? []) {
      if (p.failed.length > 0)
        result.failedMessages.push(item(`${p.name}: ${p.failed[p.failed.length - 1].reason}`));
      if (p.reachBy === 'phone' && p.due.some((m) => Date.parse(m.dueAt) <= t))
        result.toPhone.push(item(p.name));
    }
  }
  return result;
}
