// Type-checked against the client that openapi-typescript generates from the OpenAPI document (.ci/run).
import type { components, paths } from '../../.tmp/openapi/client';

type CaseById = paths['/v1/cases/{id}']['get'];
type CaseView = CaseById['responses']['200']['content']['application/json'];
type Problem = components['schemas']['ProblemDto'];

export const caseId: CaseById['parameters']['path'] = { id: '0b7e3c1a-0000-4000-8000-000000000000' };

export const view: CaseView = {
  id: caseId.id,
  reference: 'EK-2026-0001',
  kind: 'group',
  state: 'requested',
  revision: 0,
  nextSteps: ['complete-intake', 'decline', 'withdraw'],
  events: ['ConferenceRequested'],
};

export const notFound: CaseById['responses']['404']['content']['application/problem+json'] = {
  type: 'about:blank',
  title: 'Not Found',
  status: 404,
  detail: 'No case with id 0b7e3c1a-0000-4000-8000-000000000000.',
  code: 'CASE.NOT_FOUND',
};

export const invalid: Problem['errors'] = [{ field: 'kind', message: 'kind must be group or family' }];

export const created: paths['/v1/cases']['post']['responses']['201']['content']['application/json'] = view;

// @ts-expect-error a state the workflow does not have
export const unknownState: CaseView['state'] = 'archived';
