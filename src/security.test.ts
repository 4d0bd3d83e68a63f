/**
 * A static scan of the app's own code (every .ts/.tsx under src/ except tests) for the two
 * promises of the hardening issue:
 *
 * - no text ever becomes markup: nothing writes HTML strings into the page (innerHTML and
 *   friends, React's dangerouslySetInnerHTML, d3's .html()) or runs strings as code;
 * - an embed never reaches the page that frames it: no window.parent / top / opener /
 *   frameElement, no document.referrer, no postMessage to another window.
 *
 * Two layers. Text patterns run over the raw source (comments included, so a comment that
 * names a banned API must be reworded) and report file:line:column. Bare globals (`top.x`,
 * `parent`, `opener`) and aliases (`const w: Window = window; w.parent`) cannot be told
 * from innocent locals by a pattern (`const top = …; top.map(…)`, `pads.top`, CSS `top:`),
 * so the TypeScript checker resolves every identifier with one of those names and flags it
 * only when it is the browser's own (declared by TypeScript's DOM library on Window or
 * Document, or as a global). Every rule first proves on samples that it finds what it is
 * meant to find and leaves innocent code alone, so a broken rule cannot pass silently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const SRC = join(ROOT, 'src');

interface Rule {
  name: string;
  pattern: RegExp;
  /** Code the rule must flag. */
  bad: string[];
  /** Code it must leave alone. */
  good: string[];
}

const TEXT_RULES: Rule[] = [
  {
    name: 'innerHTML/outerHTML',
    pattern: /\b(?:inner|outer)HTML\b/g,
    bad: ['el.innerHTML = name;', "node['outerHTML'] = s;", 'el.outerHTML'],
    good: ['el.textContent = name;', 'const t = el.innerText;', 'dangerouslySetInnerHTML'],
  },
  {
    name: 'insertAdjacentHTML',
    pattern: /\binsertAdjacentHTML\b/g,
    bad: ["el.insertAdjacentHTML('beforeend', s);"],
    good: ["el.insertAdjacentText('beforeend', s);", "el.insertAdjacentElement('afterend', node);"],
  },
  {
    name: 'dangerouslySetInnerHTML',
    pattern: /\bdangerouslySetInnerHTML\b/g,
    bad: ['<p dangerouslySetInnerHTML={{ __html: text }} />'],
    good: ['<p>{text}</p>', 'el.innerHTML'],
  },
  {
    name: 'document.write',
    pattern: /\bdocument\s*\??\.write(?:ln)?\b/g,
    bad: ['document.write(s);', 'document.writeln(s)', 'document?.write(s)'],
    good: ['writer.write(chunk);', 'document.title = s;', 'document.writeable'],
  },
  {
    name: 'createContextualFragment',
    pattern: /\bcreateContextualFragment\b/g,
    bad: ['document.createRange().createContextualFragment(s)'],
    good: ['document.createDocumentFragment()'],
  },
  {
    name: 'other HTML parsing (DOMParser, setHTMLUnsafe, parseHTMLUnsafe, srcdoc)',
    pattern: /\b(?:DOMParser|setHTMLUnsafe|parseHTMLUnsafe|srcdoc)\b/gi,
    bad: [
      "new DOMParser().parseFromString(s, 'text/html')",
      'el.setHTMLUnsafe(s)',
      'Document.parseHTMLUnsafe(s)',
      '<iframe srcDoc={s} />',
      'frame.srcdoc = s',
    ],
    good: ['<iframe src={url} />', 'JSON.parse(s)'],
  },
  {
    name: "d3's .html()",
    pattern: /\.html\s*\(/g,
    bad: ['d3.select(el).html(label)', 'selection\n  .html(s)'],
    good: ["fetch('page.html')", 'label.htmlFor = id;', 'selection.text(label)'],
  },
  {
    name: 'eval',
    pattern: /(?<![\w$])eval\s*[()]/g,
    bad: ['eval(code)', '(0, eval)(code)', 'window.eval(code)'],
    good: ['await model.evaluate(x)', 'retrieval(x)', 'const evaluation = 1;'],
  },
  {
    name: 'Function constructor',
    pattern: /(?<![\w$.])Function\s*\(/g,
    bad: ["new Function('return 1')", "Function('a', 'return a')(1)"],
    good: ['type F = Function;', 'isFunction(x)', 'emit: (event) => send(event)', 'obj.Function(x)'],
  },
  {
    name: 'string timer (eval in disguise)',
    pattern: /\bset(?:Timeout|Interval)\s*\(\s*['"`]/g,
    bad: ["setTimeout('go()', 10)", 'setInterval(`tick()`, 5)'],
    good: ['setTimeout(() => go(), 10)', 'setTimeout(go, 10)'],
  },
  {
    name: 'window.parent/top/opener/frameElement',
    pattern: /\b(?:window|self|globalThis|defaultView)\s*\??\.(?:parent|top|opener|frameElement)\b/g,
    bad: [
      'window.parent.location',
      'window.top !== window.self',
      'self?.opener',
      'document.defaultView.parent',
      'globalThis.frameElement',
    ],
    good: ['window.location.hash', 'window.topLevel', 'self.postMessage(x, [buf])', 'node.parent'],
  },
  {
    name: "window['parent'] and friends",
    pattern: /\b(?:window|self|globalThis|document)\s*\[\s*['"`](?:parent|top|opener|frameElement|referrer)['"`]\s*\]/g,
    bad: ["window['parent']", 'self["top"]', 'document[`referrer`]'],
    good: ["style['top'] = '0'", "window['location']"],
  },
  {
    name: 'frameElement',
    pattern: /\bframeElement\b/g,
    bad: ['const f = frameElement;', 'w.frameElement'],
    good: ['const frame = el.closest("iframe");'],
  },
  {
    name: '.opener',
    pattern: /(?<!\.\.)\.opener\b/g,
    bad: ['w.opener.location', 'window?.opener', 'x\n  .opener'],
    good: [
      'const opener = document.activeElement;',
      '// Return focus to the dialog.\n  opener?.focus();',
      '[...opener]',
      'rel="noopener noreferrer"',
    ],
  },
  {
    name: '.referrer',
    pattern: /(?<!\.\.)\.referrer\b/g,
    bad: ['document.referrer', 'document?.referrer', 'doc.referrer.length'],
    good: ['rel="noopener noreferrer"', 'the referrer.\n  referrer = 1', 'a.referrerPolicy = "no-referrer"'],
  },
  {
    name: 'postMessage to a window (with a target origin)',
    pattern: /\bpostMessage\s*\((?:[^()]|\([^()]*\))*?,\s*(?:['"`]|\{[^}]*\btargetOrigin\b)|\btargetOrigin\b/g,
    bad: [
      "parent.postMessage({ h: 1 }, '*')",
      'x.postMessage(data, "https://example.org")',
      "w.postMessage(data, { targetOrigin: '*' })",
      'post(m, { targetOrigin })',
    ],
    good: [
      'scope.postMessage(event, transfer ?? [])',
      'w.postMessage(command)',
      'channel.port2.postMessage(null)',
      'worker.postMessage(f(a, b), [buf])',
    ],
  },
  {
    name: 'window.postMessage / message listener on the window',
    pattern: /\b(?:window|globalThis)\s*\??\.(?:postMessage\b|onmessage\b|addEventListener\s*\(\s*['"`]message['"`])/g,
    bad: ['window.postMessage(x)', "window.addEventListener('message', on)", 'globalThis.onmessage = on'],
    good: ["window.addEventListener('hashchange', on)", 'scope.onmessage = on', 'w.postMessage(command)'],
  },
];

/** Names that reach the embedding page when they are the browser's own. */
const FRAME_NAMES = new Set(['parent', 'top', 'opener', 'frameElement', 'referrer', 'postMessage']);
/** DOM interfaces whose members of those names are the frame-crossing ones. */
const FRAME_OWNERS = new Set(['Window', 'WindowProxy', 'Document']);

/** Samples for the checker rule: each `bad` file must be flagged, each `good` one must not. */
const CHECKER_SAMPLES = {
  bad: [
    'export const a = top?.location.href;',
    'export const b = parent.document.title;',
    'export const c = window.parent === window;',
    'const w: Window = window;\nexport const d = w.opener;',
    'export const e = document.referrer;',
    'export const f = frameElement;',
    "parent.postMessage('hi', '*');",
    "window.postMessage('hi', '*');",
    "postMessage('hi', '*');",
    'const { parent: up } = window;\nexport { up };',
    'const { top } = window;\nexport { top };',
    'export const g = (self as Window).top;',
  ],
  good: [
    'const top = [1, 2];\nexport const t = top.map(String);',
    'export const pads = { top: 1, left: 2 };\nexport const y = pads.top;',
    'export const r = document.body.getBoundingClientRect().top;',
    "export function place(el: HTMLElement) {\n  el.style.top = '0px';\n}",
    "export const css = 'position: absolute; top: 0';",
    'const opener = document.activeElement;\nexport const o = opener;',
    'interface Tree { parent: Tree | null }\nexport const up = (t: Tree) => t.parent;',
    "new Worker('w.js').postMessage(1);\nnew MessageChannel().port2.postMessage(null);",
    '/// <reference lib="webworker" />\nconst scope = self as unknown as DedicatedWorkerGlobalScope;\nscope.postMessage(1, []);',
    '// window.parent is never read here\nexport const n = 1;',
  ],
};

interface Hit {
  file: string;
  line: number;
  column: number;
  rule: string;
  code: string;
}

function format(hit: Hit): string {
  return `${hit.file}:${hit.line}:${hit.column} ${hit.rule}: ${hit.code.trim()}`;
}

function position(text: string, offset: number): { line: number; column: number; code: string } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const start = before.lastIndexOf('\n') + 1;
  const end = text.indexOf('\n', offset);
  return { line, column: offset - start + 1, code: text.slice(start, end < 0 ? undefined : end) };
}

function textHits(file: string, text: string): Hit[] {
  return TEXT_RULES.flatMap((rule) =>
    [...text.matchAll(rule.pattern)].map((match) => ({ file, rule: rule.name, ...position(text, match.index) })),
  ).sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Every .ts/.tsx file under `dir`, tests left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** True when `declaration` comes from TypeScript's own lib files (lib.dom.d.ts and the like). */
function isLibDeclaration(declaration: ts.Declaration): boolean {
  return /[\\/]typescript[\\/]lib[\\/]lib\.[\w.]+\.d\.ts$/.test(declaration.getSourceFile().fileName);
}

/** A browser global (`declare var top`) or a member of Window/Document, per the DOM library. */
function isFrameSymbol(symbol: ts.Symbol | undefined): boolean {
  return (symbol?.declarations ?? []).some((declaration) => {
    if (!isLibDeclaration(declaration)) return false;
    if (ts.isVariableDeclaration(declaration) || ts.isFunctionDeclaration(declaration)) return true;
    const owner = declaration.parent;
    return ts.isInterfaceDeclaration(owner) && FRAME_OWNERS.has(owner.name.text);
  });
}

/** Identifiers named like a frame-crossing API that the checker resolves to the browser's own. */
function checkerHits(program: ts.Program, fileName: string, displayName: string): Hit[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(fileName);
  if (!source) throw new Error(`${displayName} is not in the program`);
  const hits: Hit[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && FRAME_NAMES.has(node.text)) {
      let symbol = checker.getSymbolAtLocation(node);
      // `const { top } = window`: the name is a new local; the property it reads is on the pattern's type.
      const binding = node.parent;
      if (ts.isBindingElement(binding) && binding.name === node && !binding.propertyName) {
        symbol = checker.getTypeAtLocation(binding.parent).getProperty(node.text);
      }
      if (isFrameSymbol(symbol)) {
        const offset = node.getStart(source);
        hits.push({
          file: displayName,
          rule: `the embedding page's ${node.text} (type-checked)`,
          ...position(source.text, offset),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}

/** A program over the project's files with the project's compiler options, plus in-memory samples. */
function createProgram(files: string[], samples: Map<string, string>): ts.Program {
  const configPath = join(ROOT, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configPath);
  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (path) => samples.has(path) || fileExists.call(host, path);
  host.readFile = (path) => samples.get(path) ?? readFile.call(host, path);
  host.getSourceFile = (path, language, onError, shouldCreate) => {
    const text = samples.get(path);
    return text === undefined
      ? getSourceFile.call(host, path, language, onError, shouldCreate)
      : ts.createSourceFile(path, text, language, true);
  };
  return ts.createProgram({ rootNames: [...files, ...samples.keys()], options, host });
}

const FILES = sourceFiles(SRC);
const SAMPLES = new Map<string, string>();
CHECKER_SAMPLES.bad.forEach((code, i) => SAMPLES.set(join(SRC, '__security_samples__', `bad${i}.ts`), code));
CHECKER_SAMPLES.good.forEach((code, i) => SAMPLES.set(join(SRC, '__security_samples__', `good${i}.ts`), code));

let program: ts.Program | undefined;
/** Built once, on first use (a few seconds: it parses the project and its type libraries). */
function sharedProgram(): ts.Program {
  program ??= createProgram(FILES, SAMPLES);
  return program;
}

describe('the security scan itself', () => {
  it('finds the app’s code', () => {
    const names = FILES.map((f) => relative(ROOT, f).replaceAll('\\', '/'));
    expect(names.length).toBeGreaterThan(50);
    expect(names).toContain('src/pages/Embed.tsx');
    expect(names).toContain('src/model/trainer.worker.ts');
    expect(names.filter((n) => n.includes('.test.'))).toEqual([]);
  });

  for (const rule of TEXT_RULES) {
    it(`pattern "${rule.name}" matches its samples and leaves innocent code alone`, () => {
      expect(rule.pattern.flags).toContain('g');
      for (const sample of rule.bad)
        expect([...sample.matchAll(rule.pattern)], `should match: ${sample}`).not.toHaveLength(0);
      for (const sample of rule.good)
        expect([...sample.matchAll(rule.pattern)], `should not match: ${sample}`).toHaveLength(0);
    });
  }

  it('reports file, line and column of a hit', () => {
    expect(textHits('x.ts', 'const a = 1;\nconst b = 2; el.innerHTML = s;\n').map(format)).toEqual([
      'x.ts:2:17 innerHTML/outerHTML: const b = 2; el.innerHTML = s;',
    ]);
  });

  it('the type-checked rule flags the browser’s frame globals and Window members, and not locals or CSS', () => {
    const scan = (path: string) => checkerHits(sharedProgram(), path, relative(SRC, path));
    for (const [path, code] of SAMPLES) {
      const hits = scan(path);
      if (/[\\/]bad\d+\.ts$/.test(path)) expect(hits, `should flag:\n${code}`).not.toHaveLength(0);
      else expect(hits.map(format), `should not flag:\n${code}`).toEqual([]);
    }
    expect(scan([...SAMPLES.keys()][0]!).map(format)).toEqual([
      "__security_samples__/bad0.ts:1:18 the embedding page's top (type-checked): export const a = top?.location.href;",
    ]);
  });
});

describe('the app’s source', () => {
  it('puts no text into markup and runs no strings as code, and never reaches the embedding page (text patterns)', () => {
    const hits = FILES.flatMap((file) =>
      textHits(relative(ROOT, file).replaceAll('\\', '/'), readFileSync(file, 'utf8')),
    );
    expect(hits.map(format)).toEqual([]);
  });

  it('never reaches the embedding page (type-checked: parent, top, opener, frameElement, referrer, postMessage)', () => {
    const hits = FILES.flatMap((file) =>
      checkerHits(sharedProgram(), file, relative(ROOT, file).replaceAll('\\', '/')),
    );
    expect(hits.map(format)).toEqual([]);
  });
});
