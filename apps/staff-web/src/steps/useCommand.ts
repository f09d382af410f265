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
 * Sends a command with an Idempotency-Key made when the form opens. After a success the key is kept
 * until the form is changed, so a second click of a double click gets the first answer again and
 * appends nothing; a lost connection keeps it too, so a retry appends once. After a refusal the next
 * submit is a new command with a new key.
 */
export function useCommand<T>(
  send: (idempotencyKey: string) => Promise<T>,
  handlers: {
    onDone: (answer: T) => void;
    onStale?: () => void;
    fieldsOf: (error: ApiError) => FieldError[];
  },
) {
  const [key, setKey] = useState(newKey);
  const [done, setDone] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: (answer) => {
      setDone(true);
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
    /** The form was changed: after a success, what is sent next is a new command. */
    changed: () => {
      if (!done) return;
      setDone(false);
      setKey(newKey());
    },
    pending: mutation.isPending,
    refusal,
    refuse: setRefusal,
  };
}
