/**
 * The one HTTP client of the web app. Every request:
 * - sends `Accept-Language` with the UI's language, so API errors come back translated;
 * - sends `X-CSRF-Token` on writes (the session cookie alone must never authorise a write);
 * - turns every failure — API error envelope, network failure, a proxy's HTML page — into an
 *   `ApiError` whose `message` can be shown to the user as is.
 * File uploads (multipart) go through `upload`, which uses XMLHttpRequest because fetch cannot
 * report upload progress; the browser sets the multipart content type and boundary itself.
 */
import { ErrorEnvelope, type FieldIssue, type Locale } from './contracts.js';

/** Codes the client invents when there is no API answer to show. */
export type ClientErrorCode = 'network_error' | 'unexpected_response';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** The API's snake_case code (stable across languages), or a ClientErrorCode. */
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get fields(): FieldIssue[] {
    const fields = this.details['fields'];
    return Array.isArray(fields) ? (fields as FieldIssue[]) : [];
  }

  /** Field path → message, for showing each problem beside its field. */
  fieldErrors(): Record<string, string> {
    const byPath: Record<string, string> = {};
    // The first message per field is the one to fix first.
    for (const issue of this.fields) byPath[issue.path] ??= issue.message;
    return byPath;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface ApiClientOptions {
  getLocale: () => Locale;
  getCsrfToken: () => string | null;
  /** Messages for failures without an API answer, in the UI's language. */
  clientMessage: (code: ClientErrorCode) => string;
  /** Called when the session has ended (expired, logged out elsewhere). */
  onUnauthenticated?: () => void;
  fetch?: typeof fetch;
  /** For uploads; defaults to the browser's XMLHttpRequest. */
  createXhr?: () => XMLHttpRequest;
  baseUrl?: string;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export interface UploadProgress {
  loaded: number;
  /** 0 when the browser does not know the size. */
  total: number;
}

export interface UploadOptions {
  method?: 'POST' | 'PUT';
  query?: Query;
  signal?: AbortSignal;
  /** Called as the body goes out; once it is all sent, the server is still working. */
  onProgress?: (progress: UploadProgress) => void;
}

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
  /** Sends a multipart form (e.g. field "file"); a write, so it carries the CSRF token. */
  upload<T>(path: string, form: FormData, options?: UploadOptions): Promise<T>;
}

/** `?a=1&b=x`, leaving out empty values so "no filter" never becomes `?actor=`. */
export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = options.baseUrl ?? '';

  async function request<T>(
    method: string,
    path: string,
    { query, body, signal }: RequestOptions = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': options.getLocale(),
    };
    // Only with a body: Fastify rejects an empty body declared as JSON.
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') {
      const csrf = options.getCsrfToken();
      if (csrf) headers['X-CSRF-Token'] = csrf;
    }

    let response: Response;
    try {
      response = await doFetch(baseUrl + path + toQueryString(query), {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      // An abort is the caller's decision, not a failure to show.
      if (signal?.aborted) throw cause;
      throw new ApiError(0, 'network_error', options.clientMessage('network_error'));
    }

    return interpret<T>(response.status, await readText(response));
  }

  /** The answer of any request, as data or as an ApiError with a message to show. */
  function interpret<T>(status: number, text: string): T {
    const payload = parseJson(status, text);
    if (status >= 200 && status < 300) {
      // A 200 that is not JSON is an HTML page (e.g. a misrouted /api path): not our data.
      if (payload === NOT_JSON) {
        throw new ApiError(
          status,
          'unexpected_response',
          options.clientMessage('unexpected_response'),
        );
      }
      return payload as T;
    }

    const envelope = ErrorEnvelope.safeParse(payload);
    if (!envelope.success) {
      // e.g. a reverse proxy's HTML 502 page: there is no translated message to show.
      const code: ClientErrorCode = status >= 500 ? 'network_error' : 'unexpected_response';
      throw new ApiError(status, code, options.clientMessage(code));
    }
    const { code, message, details } = envelope.data.error;
    if (status === 401 && code === 'unauthenticated') options.onUnauthenticated?.();
    throw new ApiError(status, code, message, details ?? {});
  }

  function upload<T>(
    path: string,
    form: FormData,
    { method = 'POST', query, signal, onProgress }: UploadOptions = {},
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const xhr = options.createXhr?.() ?? new XMLHttpRequest();
      xhr.open(method, baseUrl + path + toQueryString(query));
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Accept-Language', options.getLocale());
      const csrf = options.getCsrfToken();
      if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
      if (onProgress) {
        xhr.upload.onprogress = (event) =>
          onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : 0 });
      }
      const abort = () => xhr.abort();
      signal?.addEventListener('abort', abort, { once: true });
      const settle = () => signal?.removeEventListener('abort', abort);
      xhr.onload = () => {
        settle();
        try {
          resolve(interpret<T>(xhr.status, xhr.status === 204 ? '' : xhr.responseText));
        } catch (error) {
          reject(error);
        }
      };
      xhr.onerror = () => {
        settle();
        reject(new ApiError(0, 'network_error', options.clientMessage('network_error')));
      };
      xhr.onabort = () => {
        settle();
        // An abort is the caller's decision, not a failure to show.
        reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
      };
      xhr.send(form);
    });
  }

  return {
    get: (path, opts) => request('GET', path, opts),
    post: (path, body, opts) => request('POST', path, { ...opts, body }),
    patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
    put: (path, body, opts) => request('PUT', path, { ...opts, body }),
    delete: (path, opts) => request('DELETE', path, opts),
    upload,
  };
}

const NOT_JSON = Symbol('not JSON');

async function readText(response: Response): Promise<string> {
  return response.status === 204 ? '' : response.text();
}

function parseJson(status: number, text: string): unknown {
  if (status === 204 || !text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** Any failure as an ApiError, so every error reaches the user through the same banner. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // A bug in our own code, not an API answer: keep it visible in the console for developers.
  console.error(error);
  return new ApiError(
    0,
    'unexpected_response',
    error instanceof Error ? error.message : String(error),
  );
}
