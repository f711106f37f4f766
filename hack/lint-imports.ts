// Checks every import in cmd/, pkg/ and api/ against hack/lint/import-rules.ts; exits 1 on a violation.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkImport } from './lint/import-rules.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'gen') yield* sources(p);
    } else if (/\.(ts|mts)$/.test(e.name) && !e.name.endsWith('.d.ts')) yield p;
  }
}

let violations = 0;
let checked = 0;
for (const top of ['cmd', 'pkg', 'api']) {
  for (const file of sources(join(root, top))) {
    const from = relative(root, file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? '';
      if (!spec.startsWith('.')) continue; // packages and node: builtins are not ours to layer
      const to = normalize(join(dirname(from), spec)).replace(/\.js$/, '.ts');
      checked++;
      const why = checkImport(from, to);
      if (why) {
        console.error(`${from}: imports ${to}: ${why}`);
        violations++;
      }
    }
  }
}
console.log(`lint-imports: ${checked} imports checked, ${violations} violations`);
process.exit(violations > 0 ? 1 : 0);
