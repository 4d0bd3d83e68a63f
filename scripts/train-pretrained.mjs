// Trains the pretrained default model that the playground, the drawing pad and the
// tutorials start from, with the app's own engine, and writes it to
// public/models/pretrained/ (committed: ~25 KB). Six epochs made the committed model
// (its convscope.trainedExamples is 360,000 = 6 × 60,000). With --model, it trains one of the
// invariance experiment's other models instead (the "why convolutions" chapter): a dense network
// of about the same size, and both networks with augmentation, into public/models/invariance/<model>/.
// Usage:
//   node scripts/train-pretrained.mjs [epochs=6] [backend=wasm|cpu] [--model cnn|dense|cnn-aug|dense-aug]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const USAGE =
  'Usage: node scripts/train-pretrained.mjs [epochs=6] [backend=wasm|cpu] [--model cnn|dense|cnn-aug|dense-aug]  (npm run train-pretrained -- 6 wasm)';
const MODELS = ['cnn', 'dense', 'cnn-aug', 'dense-aug'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
// `--model x` may stand anywhere; the other arguments keep their places.
const args = process.argv.slice(2);
const flag = args.indexOf('--model');
const model = flag >= 0 ? args.splice(flag, 2)[1] : 'cnn';
if (!MODELS.includes(model)) {
  console.error(`train-pretrained: --model must be one of ${MODELS.join(', ')}, not "${model}".\n${USAGE}`);
  process.exit(1);
}
const epochs = Number(args[0] ?? 6);
const backend = args[1] ?? 'wasm';
if (!Number.isInteger(epochs) || epochs < 1) {
  console.error(`train-pretrained: epochs must be a whole number from 1, not "${args[0]}".\n${USAGE}`);
  process.exit(1);
}

const { module } = await runnerImport(join(root, 'scripts/pretrain.ts'), { configFile: false, logLevel: 'error' });
const outDir = join(root, 'public', 'models', ...module.PRETRAIN_MODELS[model].folder.split('/'));
const started = Date.now();
const files = await module.pretrain(epochs, backend, (line) => console.log(`train-pretrained: ${line}`), model);
mkdirSync(outDir, { recursive: true });
for (const file of files) writeFileSync(join(outDir, file.name), new Uint8Array(file.data));
console.log(
  `train-pretrained: wrote ${files.map((f) => f.name).join(', ')} to ${outDir} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
