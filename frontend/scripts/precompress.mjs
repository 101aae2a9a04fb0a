// After `vite build`: a gzip copy (name.gz, level 9) beside each text file of dist/ larger than
// 1 kB, which the API serves to browsers that accept gzip (api/static.py).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const TEXT = /\.(js|css|html|json|svg|txt)$/;
let files = 0;
let raw = 0;
let packed = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (TEXT.test(name) && statSync(path).size > 1024) {
      const body = readFileSync(path);
      const gz = gzipSync(body, { level: 9 });
      writeFileSync(`${path}.gz`, gz);
      files += 1;
      raw += body.length;
      packed += gz.length;
    }
  }
};
walk(dist);
console.log(`precompress: ${files} files, ${(raw / 1024).toFixed(0)} kB -> ${(packed / 1024).toFixed(0)} kB gzip`);
