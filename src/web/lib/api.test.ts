import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, toQueryString, type ApiClientOptions } from './api.js';

type Call = { url: string; init: RequestInit };

function clientAnswering(
  response: () => Response | Promise<Response>,
  overrides: Partial<ApiClientOptions> = {},
) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return response();
  });
  const onUnauthenticated = vi.fn();
  const client = createApiClient({
    getLocale: () => 'en',
    getCsrfToken: () => 'csrf-123',
    clientMessage: (code) => `client:${code}`,
    onUnauthenticated,
    fetch: fetchMock as unknown as typeof fetch,
    ...overrides,
  });
  return { client, calls, onUnauthenticated };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const headersOf = (call: Call | undefined) => new Headers(call?.init.headers);

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('api client requests', () => {
  it('asks for answers in the UI language', async () => {
    const { client, calls } = clientAnswering(() => json(200, { status: 'ok' }));
    await client.get('/api/health');
    expect(headersOf(calls[0]).get('Accept-Language')).toBe('en');
  });

  it('sends the CSRF token on writes only', async () => {
    const { client, calls } = clientAnswering(() => json(200, { ok: true }));
    await client.get('/api/tokens');
    await client.post('/api/tokens', { name: 'x' });
    await client.patch('/api/auth/me', { locale: 'id' });
    await client.delete('/api/tokens/1');
    expect(calls.map((call) => headersOf(call).get('X-CSRF-Token'))).toEqual([
      null,
      'csrf-123',
      'csrf-123',
      'csrf-123',
    ]);
  });

  it('declares a JSON body only when there is one (Fastify rejects empty JSON bodies)', async () => {
    const { client, calls } = clientAnswering(() => json(200, { ok: true }));
    await client.post('/api/auth/logout');
    await client.post('/api/tokens', { name: 'CI' });
    expect(headersOf(calls[0]).get('Content-Type')).toBeNull();
    expect(calls[0]?.init.body).toBeUndefined();
    expect(headersOf(calls[1]).get('Content-Type')).toBe('application/json');
    expect(calls[1]?.init.body).toBe('{"name":"CI"}');
  });

  it('adds query parameters, leaving out empty filters', async () => {
    const { client, calls } = clientAnswering(() => json(200, { items: [], nextCursor: null }));
    await client.get('/api/audit', {
      query: { action: 'user.create', actor: '', from: undefined, limit: 20 },
    });
    expect(calls[0]?.url).toBe('/api/audit?action=user.create&limit=20');
  });

  it('returns the parsed body of a successful answer', async () => {
    const { client } = clientAnswering(() => json(200, { status: 'ok', database: 'pglite' }));
    await expect(client.get('/api/health')).resolves.toEqual({ status: 'ok', database: 'pglite' });
  });
});

describe('api client error mapping', () => {
  it('turns the error envelope into an ApiError with the translated message', async () => {
    const { client } = clientAnswering(() =>
      json(401, {
        error: { code: 'invalid_credentials', message: 'E-mail atau kata sandi salah.' },
      }),
    );
    const error = await caught(client.post('/api/auth/login', { email: 'a@b.id', password: 'x' }));
    expect(error).toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      message: 'E-mail atau kata sandi salah.',
    });
  });

  it('maps field problems to their fields, first message first', async () => {
    const { client } = clientAnswering(() =>
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'Check the marked fields.',
          details: {
            fields: [
              { path: 'email', code: 'invalid_format', message: 'Not an e-mail address.' },
              { path: 'grants.0.role', code: 'invalid_value', message: 'Unknown role.' },
              { path: 'email', code: 'too_long', message: 'Too long.' },
            ],
          },
        },
      }),
    );
    const error = await caught(client.post('/api/users', {}));
    expect(error.fieldErrors()).toEqual({
      email: 'Not an e-mail address.',
      'grants.0.role': 'Unknown role.',
    });
  });

  it('keeps other details, such as how long an account stays locked', async () => {
    const { client } = clientAnswering(() =>
      json(423, {
        error: { code: 'account_locked', message: 'Locked.', details: { retryAfterSeconds: 900 } },
      }),
    );
    const error = await caught(client.post('/api/auth/login', {}));
    expect(error.details['retryAfterSeconds']).toBe(900);
    expect(error.fields).toEqual([]);
  });

  it('reports an ended session, but not a wrong password, as unauthenticated', async () => {
    const ended = clientAnswering(() =>
      json(401, { error: { code: 'unauthenticated', message: 'Log in.' } }),
    );
    await caught(ended.client.get('/api/users'));
    expect(ended.onUnauthenticated).toHaveBeenCalledTimes(1);

    const wrong = clientAnswering(() =>
      json(401, { error: { code: 'invalid_credentials', message: 'No.' } }),
    );
    await caught(wrong.client.post('/api/auth/login', {}));
    expect(wrong.onUnauthenticated).not.toHaveBeenCalled();
  });

  it('says the server cannot be reached when the network fails', async () => {
    const { client } = clientAnswering(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await caught(client.get('/api/sites'));
    expect(error).toMatchObject({
      status: 0,
      code: 'network_error',
      message: 'client:network_error',
    });
  });

  it('does not invent an API message for a proxy page without the envelope', async () => {
    const { client } = clientAnswering(
      () =>
        new Response('<html>Bad gateway</html>', {
          status: 502,
          headers: { 'Content-Type': 'text/html' },
        }),
    );
    const error = await caught(client.get('/api/sites'));
    expect(error).toMatchObject({
      status: 502,
      code: 'network_error',
      message: 'client:network_error',
    });
  });

  it('rejects a successful answer that is not JSON (an HTML page on an API path)', async () => {
    const { client } = clientAnswering(
      () => new Response('<!doctype html><html></html>', { status: 200 }),
    );
    const error = await caught(client.get('/api/sites'));
    expect(error.code).toBe('unexpected_response');
  });

  it('lets an aborted request end quietly as an abort, not as an error to show', async () => {
    const controller = new AbortController();
    controller.abort();
    const { client } = clientAnswering(() =>
      Promise.reject(new DOMException('Aborted', 'AbortError')),
    );
    await expect(client.get('/api/sites', { signal: controller.signal })).rejects.toHaveProperty(
      'name',
      'AbortError',
    );
  });
});

describe('toQueryString', () => {
  it('is empty without parameters', () => {
    expect(toQueryString(undefined)).toBe('');
    expect(toQueryString({ a: '', b: null })).toBe('');
  });

  it('encodes values', () => {
    expect(toQueryString({ from: '2026-03-04T00:00:00.000+07:00' })).toBe(
      '?from=2026-03-04T00%3A00%3A00.000%2B07%3A00',
    );
  });
});

/** A stand-in for XMLHttpRequest that records the request and answers when told. */
class RecordingXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function uploadingClient() {
  const xhr = new RecordingXhr();
  const client = createApiClient({
    getLocale: () => 'id',
    getCsrfToken: () => 'csrf-123',
    clientMessage: (code) => `client:${code}`,
    createXhr: () => xhr as unknown as XMLHttpRequest,
  });
  return { client, xhr };
}

describe('api client uploads', () => {
  it('sends the form with language and CSRF token, reports progress, and parses the answer', async () => {
    const { client, xhr } = uploadingClient();
    const form = new FormData();
    form.append('file', new Blob(['nama\n']), 'anggota.csv');
    const progress: number[] = [];
    const done = client.upload('/api/imports/members/preview', form, {
      query: { siteId: 'site-1' },
      onProgress: ({ loaded, total }) => progress.push(loaded / total),
    });
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/imports/members/preview?siteId=site-1');
    expect(xhr.headers).toEqual({
      Accept: 'application/json',
      'Accept-Language': 'id',
      'X-CSRF-Token': 'csrf-123',
    });
    // The browser sets the multipart content type with its boundary; we must not.
    expect(xhr.body).toBe(form);
    xhr.upload.onprogress?.({ loaded: 5, total: 10, lengthComputable: true } as ProgressEvent);
    xhr.answer(200, { totalRows: 1 });
    await expect(done).resolves.toEqual({ totalRows: 1 });
    expect(progress).toEqual([0.5]);
  });

  it('turns a refused upload into an ApiError like any other request', async () => {
    const { client, xhr } = uploadingClient();
    const done = client.upload('/api/x/file', new FormData(), { method: 'PUT' });
    expect(xhr.method).toBe('PUT');
    xhr.answer(400, { error: { code: 'certificate_file_type', message: 'Harus PDF.' } });
    await expect(caught(done)).resolves.toMatchObject({
      status: 400,
      code: 'certificate_file_type',
      message: 'Harus PDF.',
    });
  });

  it('says the server cannot be reached when the upload fails on the way', async () => {
    const { client, xhr } = uploadingClient();
    const done = client.upload('/api/x', new FormData());
    xhr.onerror?.();
    await expect(caught(done)).resolves.toMatchObject({ code: 'network_error', status: 0 });
  });
});
