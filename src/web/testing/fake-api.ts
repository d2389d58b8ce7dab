/**
 * A fake of the RPB API for component tests: answers `fetch` (and the XMLHttpRequest that
 * uploads use) from a table of handlers keyed by "METHOD /path", records every request, and
 * answers unknown routes like the real API (a 404 error envelope), so a forgotten route fails
 * loudly instead of hanging.
 */
import { vi } from 'vitest';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  /** Parsed JSON, or the FormData of an upload. */
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

  async function answer(request: FakeRequest): Promise<FakeResponse> {
    requests.push(request);
    const handler = routes[`${request.method} ${request.path}`];
    return handler
      ? handler(request)
      : apiError(404, 'not_found', `no fake route for ${request.method} ${request.path}`);
  }

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const reply = await answer({
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : init.body,
    });
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  vi.stubGlobal('XMLHttpRequest', fakeXhrClass(answer));
  return { requests };
}

/** Just what api.upload uses of XMLHttpRequest; reports the whole body sent, then answers. */
function fakeXhrClass(answer: (request: FakeRequest) => Promise<FakeResponse>) {
  return class FakeXmlHttpRequest {
    status = 0;
    responseText = '';
    upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private method = 'GET';
    private url = '';
    private headers = new Headers();
    private aborted = false;

    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }

    setRequestHeader(name: string, value: string) {
      this.headers.set(name, value);
    }

    abort() {
      this.aborted = true;
      this.onabort?.();
    }

    send(body: unknown) {
      const url = new URL(this.url, 'http://localhost');
      const size = body instanceof FormData ? sizeOf(body) : 0;
      this.upload.onprogress?.({
        loaded: size,
        total: size,
        lengthComputable: true,
      } as ProgressEvent);
      void answer({
        method: this.method,
        path: url.pathname,
        query: url.searchParams,
        headers: this.headers,
        body,
      }).then((reply) => {
        if (this.aborted) return;
        this.status = reply.status ?? 200;
        this.responseText = reply.body === undefined ? '' : JSON.stringify(reply.body);
        this.onload?.();
      });
    }
  };
}

function sizeOf(form: FormData): number {
  let size = 0;
  form.forEach((value) => {
    size += typeof value === 'string' ? value.length : value.size;
  });
  return size;
}
