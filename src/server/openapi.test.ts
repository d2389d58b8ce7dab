import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApi, OPENAPI_FILE } from './openapi.js';

describe('OpenAPI document', () => {
  it('matches the committed copy (run `npm run openapi` after changing a route)', async () => {
    const committed = fs.readFileSync(OPENAPI_FILE, 'utf8');
    expect(await generateOpenApi(), `${OPENAPI_FILE} is out of date: run npm run openapi`).toBe(
      committed,
    );
  });

  it('documents every API route with the error envelope-compatible JSON shapes', async () => {
    const doc = JSON.parse(await generateOpenApi());
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/auth/me',
        '/api/tokens',
        '/api/users',
        '/api/audit',
        '/api/admin/jobs',
        '/api/sites',
      ]),
    );
    expect(
      doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['email', 'password']);
  });
});
