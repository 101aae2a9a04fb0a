// Module hooks registered by ts-hooks.mjs: resolve extension-less relative imports to .ts, and
// turn .ts files into JavaScript with the transformer Vite's build uses (Oxc, through rolldown):
// types erased, nothing checked (tsc does that), each file on its own.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'rolldown/experimental';

export async function resolve(specifier, context, next) {
  const relative = specifier.startsWith('./') || specifier.startsWith('../');
  if (relative && context.parentURL?.endsWith('.ts') && !/\.[cm]?[jt]s$/.test(specifier)) {
    for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
      const url = new URL(candidate, context.parentURL);
      if (existsSync(fileURLToPath(url))) return { url: url.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const path = fileURLToPath(url);
  const out = transformSync(path, readFileSync(path, 'utf8'), { lang: 'ts', sourcemap: true, target: 'es2022' });
  if (out.errors.length) throw new Error(`${path}: ${out.errors.map((e) => e.message).join('; ')}`);
  const map = out.map ? `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(out.map)).toString('base64')}` : '';
  return { format: 'module', source: out.code + map, shortCircuit: true };
}
