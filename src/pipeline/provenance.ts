import { execFileSync, type ExecFileSyncOptionsWithStringEncoding } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The commit of the moe-repro checkout that produced a run. */
export interface GitProvenance {
  /** `git rev-parse HEAD`. */
  commit: string;
  /** A tracked file outside reports/ and references/ differs from that commit (both hold run outputs: references/ the committed reference reports, rewritten by `npm run references`). */
  dirty: boolean;
}

const ROOT = realpathSync(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * The git commit of this package's own checkout and whether its tracked
 * sources were modified, or null when the package is not the top level of
 * a git work tree (an installed copy inside someone else's repository must
 * not report that repository's commit) or git cannot be run.
 */
export function gitProvenance(root = ROOT): GitProvenance | null {
  const options: ExecFileSyncOptionsWithStringEncoding = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 };
  const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], options).trim();
  try {
    if (realpathSync(git('rev-parse', '--show-toplevel')) !== realpathSync(root)) return null;
    const commit = git('rev-parse', 'HEAD');
    const changed = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)reports', ':(exclude)references');
    return { commit, dirty: changed.length > 0 };
  } catch {
    return null;
  }
}
