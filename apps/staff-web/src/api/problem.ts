/** An RFC 9457 problem document as the admin API sends it (API.md, "Conventions"). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  rule?: string;
  errors?: { field: string; message: string }[];
  currentRevision?: number;
  nextSteps?: string[];
}

/** A refused or failed request: its status and its problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail);
    this.name = 'ApiError';
  }
}

const FALLBACK: Record<number, string> = {
  401: 'U bent niet ingelogd.',
  403: 'U mag dit niet doen of bekijken.',
  404: 'Dit bestaat niet (meer).',
  412: 'Deze zaak is intussen gewijzigd.',
  413: 'Wat u stuurde is te groot.',
};

/** The problem in a response body; a body that is not one still gives a Dutch sentence to show. */
export function parseProblem(status: number, contentType: string | null, body: string): Problem {
  if (contentType && /json/i.test(contentType)) {
    try {
      const parsed = JSON.parse(body) as Partial<Problem>;
      if (parsed && typeof parsed === 'object') {
        return {
          type: parsed.type ?? 'about:blank',
          title: parsed.title ?? '',
          status: parsed.status ?? status,
          detail: parsed.detail ?? FALLBACK[status] ?? 'Er ging iets mis.',
          ...parsed,
        } as Problem;
      }
    } catch {
      // not JSON after all: fall through
    }
  }
  return {
    type: 'about:blank',
    title: '',
    status,
    detail: FALLBACK[status] ?? 'Er ging iets mis. Probeer het later nog eens.',
  };
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);
