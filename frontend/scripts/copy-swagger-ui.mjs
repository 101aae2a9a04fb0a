// After `vite build`: the files of the API documentation page (/docs, api/docs_page.py) from the
// pinned npm package swagger-ui-dist, into dist/swagger-ui/ (served at /app/swagger-ui/), so that
// the page needs nothing from another origin.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const source = dirname(require.resolve('swagger-ui-dist/package.json'));
const target = new URL('../dist/swagger-ui/', import.meta.url).pathname;
const FILES = ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'LICENSE', 'NOTICE'];
mkdirSync(target, { recursive: true });
for (const name of FILES) copyFileSync(join(source, name), join(target, name));
console.log(`swagger-ui: ${FILES.length} files copied to dist/swagger-ui/`);
