import type { StoredEvent } from '@app/event-store';
import type { EventOf } from '@app/workflow';
import type { Role } from '../access/actor';
import { FollowUpCompleter } from '../follow-up/follow-up-completer';
import { NOW, RESEARCHER, historyUpTo } from '../testing/case-histories';
import { step, stepSpec, type StepSpec } from '../testing/step-spec';
import type { StepTaken } from './step-outcome';

const CASE = 'garden-1';
let spec: StepSpec;
beforeEach(async () => {
  spec = await stepSpec();
  await spec.given(CASE, ...historyUpTo(CASE, 'plan-distributed'));
});
afterEach(() => spec.close());

const REASON = 'The neighbours ask to meet again.';
const requestFollowUp = (key?: string) =>
  step(
    'request-follow-up-conference',
    { caseId: CASE },
    (ids) => ({ type: 'RequestFollowUpConference', followUpCaseId: ids.followUpCaseId, reason: REASON }),
    { actor: RESEARCHER, key },
  );

type Link = StoredEvent & { data: EventOf<'FollowUpConferenceRequested'>['data'] };
const linkOf = async (): Promise<Link> =>
  (await spec.stream(CASE)).find((e) => e.type === 'FollowUpConferenceRequested') as Link;

/** What the worker does for a link it sees in the log (ProjectionsService's follow-up completer). */
async function completeAsTheWorker(link: Link) {
  const original = await spec.cases.load(CASE, { toRevision: link.revision });
  const { actor, commandId, correlationId } = link.metadata;
  return new FollowUpCompleter(spec.cases).ensureFollowUpCase(original.state!, link.data, {
    actor: { id: actor.id, name: actor.name ?? actor.id, role: actor.role as Role },
    commandId: commandId!,
    correlationId: correlationId!,
    causationId: link.eventId,
  });
}

describe('a distributed plan', () => {
  it('answers a follow-up request with the new group case, linked both ways', async () => {
    const then = await spec.when(requestFollowUp());
    expect(then.outcome).toMatchObject({
      ok: true,
      revision: 0,
      appended: ['FollowUpConferenceRequested', 'ConferenceRequested'],
    });
    const { state, eventIds } = then.outcome as StepTaken;
    const link = await linkOf();
    expect(state).toMatchObject({ kind: 'group', status: 'requested', followUpOf: CASE, region: 'Utrecht' });
    expect(state.id).toBe(link.data.followUpCaseId);
    expect((await spec.cases.load(CASE)).state?.followUpCases).toEqual([state.id]);
    expect(eventIds).toEqual([link.eventId]);
    expect(then.appended.map((e) => [e.stream, e.type])).toEqual([
      [`case-${CASE}`, 'FollowUpConferenceRequested'],
      [`case-${state.id}`, 'ConferenceRequested'],
    ]);
    expect(then.appended[1].metadata).toMatchObject({
      causationId: link.eventId,
      occurredAt: NOW.toISOString(),
    });
  });
});

describe('a follow-up request whose new case failed to be written after the link', () => {
  beforeEach(async () => {
    let failed = false;
    spec.hooks.beforeAppend = (stream) => {
      if (stream !== `case-${CASE}` && !failed) {
        failed = true;
        throw new Error('crashed between the link and the new case');
      }
    };
    await expect(spec.when(requestFollowUp('k-follow'))).rejects.toThrow('crashed between the link');
  });

  it('leaves the link without its case', async () => {
    const link = await linkOf();
    expect(await spec.stream(link.data.followUpCaseId)).toEqual([]);
  });

  it('gets exactly one case from the worker, however often it completes it', async () => {
    const link = await linkOf();
    const done = await Promise.all([completeAsTheWorker(link), completeAsTheWorker(link)]);
    await completeAsTheWorker(link);
    const created = await spec.stream(link.data.followUpCaseId);
    expect(created.map((e) => e.type)).toEqual(['ConferenceRequested']);
    expect(created[0].data).toMatchObject({ followUpOf: CASE, description: REASON, at: link.data.at });
    expect(done.map((d) => [d.state.id, d.revision])).toEqual([
      [link.data.followUpCaseId, 0],
      [link.data.followUpCaseId, 0],
    ]);
  });

  it('gets exactly one case when the request is retried with its key and the worker completes it too', async () => {
    const link = await linkOf();
    const retry = await spec.when(requestFollowUp('k-follow'));
    await completeAsTheWorker(link);
    expect(retry.outcome).toMatchObject({ ok: true, state: { id: link.data.followUpCaseId }, revision: 0 });
    expect(retry.appended.map((e) => e.type)).toEqual(['ConferenceRequested']);
    expect((await spec.stream(link.data.followUpCaseId)).map((e) => e.type)).toEqual(['ConferenceRequested']);
    expect((await spec.stream(CASE)).filter((e) => e.type === 'FollowUpConferenceRequested')).toHaveLength(1);
  });
});
