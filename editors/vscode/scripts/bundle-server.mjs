// Copies a built corpus-lsp binary into server/, where the extension looks before PATH.
// Usage: npm run bundle-server [-- /path/to/corpus-lsp]   (default: the repo's release build)
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const exe = process.platform === 'win32' ? 'corpus-lsp.exe' : 'corpus-lsp';
const source = resolve(process.argv[2] ?? join(here, '..', '..', '..', 'target', 'release', exe));
if (!existsSync(source)) {
  console.error(`${source} does not exist: build it with \`cargo build --release\` or pass its path.`);
  process.exit(1);
}
const target = join(here, '..', 'server', exe);
mkdirSync(dirname(target), { recursive: true });
copyFileSync(source, target);
chmodSync(target, 0o755);
console.log(`bundled ${source} -> ${target}`);
