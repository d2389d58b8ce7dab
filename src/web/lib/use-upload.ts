/**
 * One multipart upload with progress (api.upload): the share sent while it is known, then
 * "the server is checking it"; the API's error to show when it fails.
 */
import { useCallback, useState } from 'react';
import { useApi } from '../app/session-context.js';
import { asApiError, type ApiError, type UploadOptions } from './api.js';

export interface Upload {
  /** Resolves with the API's answer, or null when it failed (see error). */
  send: <T>(url: string, form: FormData, method?: UploadOptions['method']) => Promise<T | null>;
  pending: boolean;
  /** 0…1 while the body goes out; null once only the server knows. */
  fraction: number | null;
  error: ApiError | null;
  reset: () => void;
}

export function useUpload(): Upload {
  const api = useApi();
  const [pending, setPending] = useState(false);
  const [fraction, setFraction] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const send = useCallback(
    async <T>(url: string, form: FormData, method: UploadOptions['method'] = 'POST') => {
      setPending(true);
      setError(null);
      setFraction(0);
      try {
        return await api.upload<T>(url, form, {
          method,
          onProgress: ({ loaded, total }) => setFraction(total > 0 ? loaded / total : null),
        });
      } catch (caught) {
        setError(asApiError(caught));
        return null;
      } finally {
        setPending(false);
      }
    },
    [api],
  );
  const reset = useCallback(() => setError(null), []);
  return { send, pending, fraction, error, reset };
}
