import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError, type ApiError } from '../api/problem';
import type { FieldError } from '../components/ErrorSummary';

export interface Refusal {
  detail: string;
  fields: FieldError[];
}

const newKey = () => crypto.randomUUID();

/**
 * Sends a command with an Idempotency-Key made when the form opens. The key is kept until the server
 * answers, so a double click or a retry after a lost connection appends once; after an answer the
 * next submit is a new command with a new key.
 */
export function useCommand<T>(
  send: (idempotencyKey: string) => Promise<T>,
  handlers: { onDone: (answer: T) => void; onStale?: () => void; fieldsOf: (error: ApiError) => FieldError[] },
) {
  const [key, setKey] = useState(newKey);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: (answer) => {
      setKey(newKey());
      setRefusal(null);
      handlers.onDone(answer);
    },
    onError: (error) => {
      if (!isApiError(error)) {
        setRefusal({ detail: 'Er is geen verbinding met Tafel. Probeer het nog eens.', fields: [] });
        return;
      }
      setKey(newKey());
      if (error.status === 412 && handlers.onStale) {
        setRefusal(null);
        handlers.onStale();
        return;
      }
      setRefusal({ detail: error.problem.detail, fields: handlers.fieldsOf(error) });
    },
  });
  return {
    run: () => mutation.mutate(key),
    pending: mutation.isPending,
    refusal,
    refuse: setRefusal,
  };
}
