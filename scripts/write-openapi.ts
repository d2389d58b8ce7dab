// Rewrites the committed OpenAPI document from the route schemas: `npm run openapi`.
import fs from 'node:fs';
import path from 'node:path';
import { generateOpenApi, OPENAPI_FILE } from '../src/server/openapi.js';

fs.mkdirSync(path.dirname(OPENAPI_FILE), { recursive: true });
fs.writeFileSync(OPENAPI_FILE, await generateOpenApi());
console.log(`wrote ${OPENAPI_FILE}`);
