import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The layers: each folder of src/ may import only the folders listed for it (and itself).
 * Lower layers know nothing of the ones above them; tfjs stays inside model/.
 */
const LAYERS = {
  core: [],
  render: ['core'],
  data: ['core'],
  protocol: ['core', 'data'],
  model: ['core', 'data', 'protocol'],
  state: ['core', 'data', 'protocol'],
  hooks: ['core', 'data', 'state'],
  widgets: ['core', 'data', 'protocol', 'render', 'hooks'],
  offline: [],
  training: ['core', 'data', 'protocol', 'model', 'render', 'state', 'hooks', 'widgets', 'offline'],
  pages: ['core', 'data', 'protocol', 'render', 'state', 'hooks', 'widgets', 'training', 'offline'],
};
const FOLDERS = Object.keys(LAYERS);

/** A no-restricted-imports rule that refuses every src/ folder outside `allowed`, and tfjs outside model/. */
function layerRule(folder, allowed) {
  const refused = FOLDERS.filter((other) => other !== folder && !allowed.includes(other));
  const where = folder === 'app' ? 'src/*.tsx' : `src/${folder}/`;
  const patterns = refused.map((other) => ({
    group: [`**/${other}/*`, `**/${other}`],
    message: `layers: ${where} may import only ${allowed.join(', ') || 'nothing else in src/'}, not ${other}/ (see eslint.config.js and the README's Architecture).`,
  }));
  if (folder !== 'model') {
    patterns.push({
      group: ['@tensorflow/*'],
      message: `layers: tfjs is imported only in src/model/; ${where} talks to it through protocol/ messages.`,
    });
  }
  return {
    files: [folder === 'app' ? 'src/*.{ts,tsx}' : `src/${folder}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'public/data', 'test-results', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}', 'e2e/**/*.ts', '*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  ...Object.entries(LAYERS).map(([folder, allowed]) => layerRule(folder, allowed)),
  layerRule(
    'app',
    FOLDERS.filter((folder) => folder !== 'model' && folder !== 'app'),
  ),
);
