// Lets Node run the interface's TypeScript as Vite reads it, for the unit tests (npm test:
// `node --import ./scripts/ts-hooks.mjs --test tests/unit/*.test.ts`). Node 20 cannot strip
// types itself: ts-loader.mjs transforms each .ts file as it is imported, and resolves the
// relative imports written without an extension ('../lib/labels') as Vite's resolution does.
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);
