import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModelFiles, type LoadedModel } from '../data/modelFile';

const MODEL_DIR = join(__dirname, '../../public/models/pretrained');

/** The pretrained model the site ships, read from public/ as the page reads it (no tfjs). */
export function readPretrainedModel(): LoadedModel {
  const files = readdirSync(MODEL_DIR).map((name) => {
    const bytes = readFileSync(join(MODEL_DIR, name));
    return { name, data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  });
  const read = readModelFiles(files);
  if ('error' in read) throw new Error(read.error);
  return read.ok;
}
