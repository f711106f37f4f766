// Writes the generated docs (docs/flags.md).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderFlagsDoc } from './docs/flags-doc.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, 'docs/flags.md'), renderFlagsDoc());
console.log('wrote docs/flags.md');
