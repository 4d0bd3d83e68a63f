/** The layer rule in eslint.config.js: a wrong import fails `npm run lint`, naming the layers. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The layer messages ESLint gives for `code` as if it were the file at `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layers, enforced by the linter', () => {
  it('refuses an import that runs up the layers, naming what the folder may import', async () => {
    const errors = await layerErrors('src/core/example.ts', "export { Engine } from '../model/engine';\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('src/core/ may import only nothing else in src/, not model/');
  });

  it('keeps widgets away from the engine, the trainer and the stores', async () => {
    for (const [path, folder] of [
      ['../model/engine', 'model'],
      ['../training/useTrainer', 'training'],
      ['../state/route', 'state'],
      ['../pages/Home', 'pages'],
    ]) {
      const errors = await layerErrors('src/widgets/Example.tsx', `export * from '${path}';\n`);
      expect(errors, path).toEqual([expect.stringContaining(`not ${folder}/`)]);
    }
  });

  it('keeps offline/ (the service worker and the offline download) free of the app’s other folders', async () => {
    expect(await layerErrors('src/offline/Example.tsx', "export * from '../state/route';\n")).toEqual([
      expect.stringContaining('src/offline/ may import only nothing else in src/, not state/'),
    ]);
    const code = "export * from '../offline/MakeOffline';\n";
    expect(await layerErrors('src/pages/Example.tsx', code)).toEqual([]);
    expect(await layerErrors('src/widgets/Example.tsx', code)).toEqual([expect.stringContaining('not offline/')]);
    expect(await layerErrors('src/App.tsx', "export * from './offline/UpdatePrompt';\n")).toEqual([]);
  });

  it('keeps tfjs inside model/', async () => {
    const code = "import * as tf from '@tensorflow/tfjs';\nexport const t = tf;\n";
    expect(await layerErrors('src/model/example.ts', code)).toEqual([]);
    expect(await layerErrors('src/pages/example.ts', code)).toEqual([
      expect.stringContaining('tfjs is imported only in src/model/'),
    ]);
    expect(await layerErrors('src/core/example.test.ts', code)).toHaveLength(1);
  });

  it('allows the imports the layers permit', async () => {
    const code =
      "export * from '../core/modelSpec';\nexport * from '../protocol/messages';\nexport * from '../widgets/NumberGrid';\n";
    expect(await layerErrors('src/training/Example.tsx', code)).toEqual([]);
    expect(await layerErrors('src/pages/learn/Example.tsx', code.replaceAll('../', '../../'))).toEqual([]);
    expect(await layerErrors('src/App.tsx', "export * from './model/trainerClient';\n")).toHaveLength(1);
  });
});
