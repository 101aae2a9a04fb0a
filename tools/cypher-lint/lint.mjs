// Offline Cypher lint with Neo4j's own parser and semantic analysis
// (@neo4j-cypher/language-support, pinned in package.json).
//
//   node tools/cypher-lint/lint.mjs <dir-or-files...>
//
// Prints {"files": N, "errors": [...], "warnings": [...]} on stdout;
// exits 1 if any error, 0 otherwise. Files under a `falkordb` folder are
// FalkorDB-only variants and are skipped (a note goes to stderr).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { lintCypherQuery, parseParameters, testData } from '@neo4j-cypher/language-support';

// The package's mock schema holds the function/procedure registry captured from
// a real Neo4j 5 server (core + APOC + GDS), per Cypher version. Only the
// registry is taken: no labels/relationshipTypes/propertyKeys, so the linter
// does not warn about our own schema names.
const { functions, procedures } = testData.mockSchema;
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function collect(path, out) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (!name.startsWith('.')) collect(join(path, name), out); // like Python's glob
    }
  } else if (path.endsWith('.cypher')) {
    out.push(path);
  }
  return out;
}

const isFalkordb = (file) => file.split(sep).slice(0, -1).includes('falkordb');

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node lint.mjs <dir-or-files...>');
  process.exit(2);
}

const result = { files: 0, errors: [], warnings: [] };
for (const file of args.flatMap((a) => collect(a, []))) {
  if (isFalkordb(file)) {
    console.error(`skip (FalkorDB-only): ${file}`);
    continue;
  }
  result.files += 1;
  const query = readFileSync(file, 'utf8');
  // Parameters are supplied at run time: declare every $param the file uses so
  // "Parameter $x is not defined" is not reported. The value is unused by the
  // linter (it only checks presence).
  const parameters = Object.fromEntries(parseParameters(query, false).map((p) => [p, null]));
  const dbSchema = { functions, procedures, parameters, defaultLanguage: 'CYPHER 5' };
  for (const d of lintCypherQuery(query, dbSchema).diagnostics) {
    const severity = SEVERITY[d.severity] ?? 'error';
    const item = {
      file,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      message: d.message,
      severity,
    };
    (severity === 'error' ? result.errors : result.warnings).push(item);
  }
}

console.log(JSON.stringify(result, null, 2));
process.exit(result.errors.length > 0 ? 1 : 0);
