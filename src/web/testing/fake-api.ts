/**
 * A fake of the RPB API for component tests: answers `fetch` from a table of handlers keyed
 * by "METHOD /path", records every request, and answers unknown routes like the real API
 * (a 404 error envelope), so a forgotten route fails loudly instead of hanging.
 */
import { vi } from 'vitest';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export interface FakeResponse {
  status?: number;
  body?: unknown;
}

export type Handler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export function apiError(
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): FakeResponse {
  return { status, body: { error: { code, message, ...(details ? { details } : {}) } } };
}

export function installFakeApi(routes: Record<string, Handler>) {
  const requests: FakeRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const request: FakeRequest = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    requests.push(request);
    const handler = routes[`${request.method} ${request.path}`];
    const answer = handler
      ? await handler(request)
      : apiError(404, 'not_found', `no fake route for ${request.method} ${request.path}`);
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests };
}
