/**
 * TensorFlow.js reads `?tfjsflags=NAME:value,...` from the page address and applies it, even in
 * production: a mangled or malicious link could switch the numerics under a lesson. The app
 * removes it before tfjs loads. Automated browsers (tests) keep the flags, handed to the engine
 * explicitly, which is the one test-only way to set them (e.g. WEBGL_FORCE_F16_TEXTURES:true).
 */

export interface TakenFlags {
  /** `search` without tfjsflags (with its leading '?', or '' when nothing is left). */
  search: string;
  /** True when the address had tfjsflags. */
  removed: boolean;
  /** The flags for the engine: only for automated browsers, else null. */
  flags: Record<string, string> | null;
}

export function takeTfjsFlags(search: string, automated: boolean): TakenFlags {
  const params = new URLSearchParams(search);
  const raw = params.get('tfjsflags');
  if (raw === null) return { search, removed: false, flags: null };
  params.delete('tfjsflags');
  const rest = params.toString();
  const flags = automated ? parseFlags(raw) : null;
  return { search: rest ? `?${rest}` : '', removed: true, flags };
}

/** `A:1,B:true` → { A: '1', B: 'true' }; entries without a name or a colon are dropped. */
function parseFlags(raw: string): Record<string, string> {
  const flags: Record<string, string> = {};
  for (const entry of raw.split(',')) {
    const at = entry.indexOf(':');
    const name = entry.slice(0, at).trim();
    if (at > 0 && /^[A-Z0-9_]+$/.test(name)) flags[name] = entry.slice(at + 1).trim();
  }
  return flags;
}

// Done once, as the first thing the page runs (main.tsx imports this module before anything else).
let taken: TakenFlags = { search: '', removed: false, flags: null };
if (typeof window !== 'undefined' && typeof window.location !== 'undefined') {
  taken = takeTfjsFlags(window.location.search, navigator.webdriver === true);
  if (taken.removed)
    window.history.replaceState(null, '', `${window.location.pathname}${taken.search}${window.location.hash}`);
}

/** What was taken from this page's address. */
export function pageTfjsFlags(): TakenFlags {
  return taken;
}
