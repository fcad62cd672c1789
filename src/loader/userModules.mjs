// Module resolution hooks that let a user's engine or pruning rule live anywhere on disk:
// 1. `moe-repro` and `moe-repro/<subpath>` (the public API of package.json's "exports", e.g.
//    moe-repro/engine) resolve to the installation that is running, from any importing file. Node
//    resolves a bare name from the importer's folder upwards, so a module saved outside this package
//    (~/work/my-engine.ts) would not find it; resolving the name as if imported from inside the
//    package uses the package's own exports map (self-reference), and the user's module shares this
//    process's copy of the code.
// 2. A TypeScript file in a folder whose package.json does not say "type" (or that has none) is
//    loaded as an ES module: the loader would otherwise compile its `import`/`export` to CommonJS,
//    and requiring moe-repro's ES modules from there fails ("Cannot require() ES Module ... in a
//    cycle"). An explicit "type": "commonjs" is respected; node_modules are left alone.
// Plain JS: hooks run before any TypeScript loader.
import { readFile } from 'node:fs/promises';
import { register } from 'node:module';

const INSIDE = new URL('../../package.json', import.meta.url).href;
const declaredType = new Map();

/** The resolve hook (node:module register). */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'moe-repro' || specifier.startsWith('moe-repro/')) return nextResolve(specifier, { ...context, parentURL: INSIDE });
  const r = await nextResolve(specifier, context);
  if (r.format === 'commonjs' && /^file:.*\.tsx?$/.test(r.url) && !r.url.includes('/node_modules/') && (await packageType(r.url)) === undefined) {
    return { ...r, format: 'module' };
  }
  return r;
}

/** The "type" of the nearest package.json above a file URL (undefined when it has none or there is none). */
async function packageType(fileUrl) {
  let dir = new URL('.', fileUrl);
  for (;;) {
    if (!declaredType.has(dir.href)) {
      let type = null;
      try {
        type = JSON.parse(await readFile(new URL('package.json', dir), 'utf8')).type;
      } catch (e) {
        if (e.code !== 'ENOENT') type = undefined;
      }
      declaredType.set(dir.href, type);
    }
    const found = declaredType.get(dir.href);
    if (found !== null) return found;
    const up = new URL('..', dir);
    if (up.href === dir.href) return undefined;
    dir = up;
  }
}

/** Registers the hooks in this thread (after the TypeScript loader, so they run first and hand files on to it). */
export function registerUserModuleHooks() {
  register(import.meta.url);
}
