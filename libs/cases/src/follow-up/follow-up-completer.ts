import { referenceOf } from '@app/kernel';
import { Injectable } from '@nestjs/common';
import { ExpectedRevisionConflict } from '@app/event-store';
import { WORKFLOW_VERSION, decide, fold, type CaseState, type EventOf } from '@app/workflow';
import { CaseRepository, type CommandContext } from '../case-repository';

/**
 * The second half of `request-follow-up-conference`: the original case records the link first, then
 * the new case is created. Creating it is idempotent (its event id derives from the command id and
 * it is appended with `no-stream`), so the retrying request and the worker may both try: one case.
 * Its kind: the one the link asks for, else the original's (workflow version 2); a follow-up of a
 * version 1 case is a group conference, as version 1 had it.
 */
@Injectable()
export class FollowUpCompleter {
  constructor(private readonly cases: CaseRepository) {}

  /**
   * Makes sure the follow-up case named by the original's link exists; returns it as it was created
   * (revision 0), so a retry answers what the first request answered however the new case went on.
   */
  async ensureFollowUpCase(
    original: CaseState,
    link: EventOf<'FollowUpConferenceRequested'>['data'],
    context: CommandContext,
  ): Promise<{ state: CaseState; revision: number }> {
    const { followUpCaseId, reason, at } = link;
    const existing = await this.cases.load(followUpCaseId, { toRevision: 0 });
    if (existing.state) return { state: existing.state, revision: 0 };
    const decision = decide(
      undefined,
      {
        type: 'RequestConference',
        caseId: followUpCaseId,
        reference: referenceOf(followUpCaseId),
        kind: link.kind ?? (original.workflowVersion >= 2 ? original.kind : 'group'),
        applicant: original.applicant,
        region: original.region,
        description: reason,
        channel: original.channel,
        followUpOf: original.id,
      },
      new Date(at),
    );
    if (!decision.ok) throw new Error(`follow-up case refused: ${decision.refusal.message}`);
    try {
      await this.cases.append(followUpCaseId, decision.events, 'no-stream', context, WORKFLOW_VERSION);
      return { state: fold(decision.events)!, revision: 0 };
    } catch (e) {
      if (!(e instanceof ExpectedRevisionConflict)) throw e;
    }
    // Another try created it first: answer that one.
    const created = await this.cases.load(followUpCaseId, { toRevision: 0 });
    return { state: created.state!, revision: 0 };
  }
}
