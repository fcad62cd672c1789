import { builtinModules, createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './gen-types.ts';
import { importGraph } from './importGraph.ts';

/**
 * What `npm install --omit=dev` must be enough for: every package that the
 * moe-repro command can load (the files reachable from bin/moe-repro.mjs by
 * imports, dynamic imports and worker modules) is a runtime dependency, and
 * the Node versions that package.json's `engines` admits are admitted by
 * every runtime dependency's own `engines` (all of them, transitively).
 */

interface Pkg {
  name: string;
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Pkg;

/** Files reachable from the command's entry point. */
function reachable(): string[] {
  const g = importGraph();
  const seen = new Set<string>();
  const stack = ['bin/moe-repro.mjs'];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    stack.push(...(g.get(f) ?? []));
  }
  return [...seen];
}

/** Packages a file loads at run time: value imports, re-exports and literal dynamic imports of bare specifiers (type-only imports vanish). */
function packagesOf(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest);
  const specs: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n) && !n.importClause?.isTypeOnly && ts.isStringLiteral(n.moduleSpecifier)) specs.push(n.moduleSpecifier.text);
    if (ts.isExportDeclaration(n) && !n.isTypeOnly && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) specs.push(n.moduleSpecifier.text);
    const dynamic = ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword;
    if (dynamic && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) specs.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(src);
  return specs
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]));
}

/** The installed runtime dependency closure, name -> package.json. */
function runtimeClosure(): Map<string, Pkg> {
  const out = new Map<string, Pkg>();
  const visit = (name: string, from: string) => {
    let file: string;
    try {
      file = createRequire(join(from, 'package.json')).resolve(`${name}/package.json`);
    } catch {
      file = join(from, 'node_modules', name, 'package.json'); // packages whose exports hide package.json
    }
    let pkg: Pkg;
    try {
      pkg = JSON.parse(readFileSync(file, 'utf8')) as Pkg;
    } catch {
      return; // an optional dependency not installed on this platform
    }
    const key = `${pkg.name}@${pkg.version}`;
    if (out.has(key)) return;
    out.set(key, pkg);
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, dirname(file));
  };
  for (const dep of Object.keys(own.dependencies ?? {})) visit(dep, ROOT);
  return out;
}

describe('the runtime dependencies', () => {
  it('include every package the command loads (tsx among them: bin/moe-repro.mjs registers it), none only in devDependencies', () => {
    // optionalDependencies are installed by `npm install --omit=dev` too (the PNG renderer is one, loaded only where it installed).
    const used = new Set(reachable().flatMap(packagesOf));
    expect(used).toContain('tsx');
    expect(used).toContain('commander');
    const runtime = { ...own.dependencies, ...own.optionalDependencies };
    const missing = [...used].filter((p) => !(p in runtime)).sort();
    expect(missing).toEqual([]);
  });

  it('admit every Node version that engines.node admits', () => {
    const range = own.engines?.node;
    expect(range).toBeDefined();
    expect(semver.satisfies(process.version, range!), `this Node (${process.version}) is outside engines.node ${range}`).toBe(true);
    // Every Node release line that engines.node admits (majors 18-40, each minor up to 40, patch 0 and 99):
    // semver.subset cannot compare unions (`^20.19 || >=22.12` against `^20.19 || ^22.12 || >=23`).
    const versions = Array.from({ length: 23 * 41 * 2 }, (_, k) => `${18 + Math.floor(k / 82)}.${Math.floor(k / 2) % 41}.${k % 2 ? 99 : 0}`)
      .filter((v) => semver.satisfies(v, range!));
    const narrower = [...runtimeClosure()]
      .filter(([, p]) => p.engines?.node)
      .map(([k, p]) => ({ k, need: p.engines!.node!, outside: versions.filter((v) => !semver.satisfies(v, p.engines!.node!)) }))
      .filter((x) => x.outside.length)
      .map((x) => `${x.k} needs node ${x.need}, not ${x.outside.slice(0, 3).join(', ')}${x.outside.length > 3 ? ', ...' : ''}`);
    expect(narrower).toEqual([]);
  });
});
