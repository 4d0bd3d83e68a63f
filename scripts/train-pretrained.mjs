// Trains the pretrained default model that the playground, the drawing pad and the
// tutorials start from, with the app's own engine, and writes it to
// public/models/pretrained/ (committed: ~25 KB). Six epochs made the committed model
// (its convscope.trainedExamples is 360,000 = 6 × 60,000). Usage:
//   node scripts/train-pretrained.mjs [epochs=6] [backend=wasm|cpu]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const USAGE =
  'Usage: node scripts/train-pretrained.mjs [epochs=6] [backend=wasm|cpu]  (npm run train-pretrained -- 6 wasm)';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'models', 'pretrained');
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const epochs = Number(process.argv[2] ?? 6);
const backend = process.argv[3] ?? 'wasm';
if (!Number.isInteger(epochs) || epochs < 1) {
  console.error(`train-pretrained: epochs must be a whole number from 1, not "${process.argv[2]}".\n${USAGE}`);
  process.exit(1);
}

const { module } = await runnerImport(join(root, 'scripts/pretrain.ts'), { configFile: false, logLevel: 'error' });
const started = Date.now();
const files = await module.pretrain(epochs, backend, (line) => console.log(`train-pretrained: ${line}`));
mkdirSync(outDir, { recursive: true });
for (const file of files) writeFileSync(join(outDir, file.name), new Uint8Array(file.data));
console.log(
  `train-pretrained: wrote ${files.map((f) => f.name).join(', ')} to ${outDir} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
