// The allow-list's second line: an allowed program can still be told to run
// something else (`git -c alias.x=!sh`, `npx --yes <pkg>`, `git apply` into
// .crucible/). These option forms are refused before anything is spawned; the
// OS sandbox stays the real boundary.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface CommandRefusal {
  code: 'command-not-allowed';
  reason: string;
  fix: string;
}

const refuse = (reason: string, fix: string): CommandRefusal => ({ code: 'command-not-allowed', reason, fix });

/** Options that make git run a program or read another configuration, wherever they appear before the subcommand. */
const GIT_GLOBAL_REFUSED = ['-c', '--config-env', '--exec-path', '--git-dir', '--work-tree', '--upload-pack'];
const GIT_GLOBAL_WITH_VALUE = new Set(['-C', '--namespace', '--super-prefix']);

/** Per subcommand: options that execute a program, or words that do. */
const GIT_SUB_REFUSED: Record<string, readonly string[]> = {
  fetch: ['--upload-pack', '-u'],
  pull: ['--upload-pack'],
  clone: ['--upload-pack', '-u', '--config', '-c', '--template'],
  'ls-remote': ['--upload-pack', '-u'],
  archive: ['--exec', '--remote'],
  push: ['--receive-pack', '--exec'],
  rebase: ['--exec', '-x'],
  init: ['--template'],
  grep: ['--open-files-in-pager', '-O'],
  difftool: ['--extcmd', '-x'],
  submodule: ['foreach'],
  bisect: ['run'],
  apply: ['--directory', '--unsafe-paths'],
  am: ['--directory'],
};
const GIT_SUB_FORBIDDEN = new Set(['filter-branch', 'filter-repo']);

const matchesOption = (arg: string, option: string): boolean => {
  if (!option.startsWith('-')) return arg === option;
  if (option.startsWith('--')) return arg === option || arg.startsWith(`${option}=`);
  return arg === option || (arg.startsWith(option) && !arg.startsWith('--'));
};

/** A header line of a patch that names a path inside .crucible/ or .git/ (after any `a/` `b/` or `-p` prefix). */
const PROTECTED_IN_PATCH = /^(diff --git |--- |\+\+\+ |rename (from|to) |copy (from|to) |Index: ).*(^|[\s/"])\.(crucible|git)(\/|"|\s|$)/m;

function checkGit(argv: readonly string[], startCwd: string): CommandRefusal | undefined {
  let cwd = startCwd;
  let i = 1;
  while (i < argv.length && argv[i]!.startsWith('-')) {
    const arg = argv[i]!;
    const bad = GIT_GLOBAL_REFUSED.find((option) => matchesOption(arg, option));
    if (bad)
      return refuse(
        `\`git ${bad}\` is refused: it makes git run another program or read another configuration`,
        "run git without it; configuration is the human's, in the repository",
      );
    if (arg === '-C' && argv[i + 1]) cwd = resolve(cwd, argv[i + 1]!);
    i += GIT_GLOBAL_WITH_VALUE.has(arg) ? 2 : 1;
  }
  const sub = argv[i];
  if (!sub) return undefined;
  const rest = argv.slice(i + 1);
  if (GIT_SUB_FORBIDDEN.has(sub))
    return refuse(`\`git ${sub}\` is refused: it runs arbitrary commands`, 'edit the files with the file tools instead');
  const transport = rest.find((arg) => /^(ext|fd)::/.test(arg));
  if (transport)
    return refuse(`\`git ${sub} ${transport}\` is refused: the ext:: and fd:: transports run commands`, 'use a plain path or URL');
  const options = GIT_SUB_REFUSED[sub] ?? [];
  const bad = options.find((option) => rest.some((arg) => matchesOption(arg, option)));
  if (bad)
    return refuse(
      `\`git ${sub} ${bad}\` is refused: it makes git run another program or write outside the tree`,
      `run \`git ${sub}\` without ${bad}`,
    );
  if (sub === 'apply' || sub === 'am') {
    for (const file of rest.filter((arg) => !arg.startsWith('-'))) {
      const path = resolve(cwd, file);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue; // git reports the missing patch itself
      }
      if (PROTECTED_IN_PATCH.test(text))
        return refuse(
          `\`git ${sub} ${file}\` is refused: the patch touches .crucible/ or .git/, which commands may not change`,
          "remove those files from the patch; the workspace and git's store belong to the human",
        );
    }
  }
  return undefined;
}

const NPX_HARMLESS = new Set(['--no-install', '--no', '--offline', '--quiet', '-q']);

/** npx (and `npm exec`) may run only a binary the project already installed: never download, never a shell line. */
function checkNpx(args: readonly string[], tree: string, how: string): CommandRefusal | undefined {
  const fix = 'install the tool as a devDependency first (the human or an allowed `npm install`), then run `npx <bin>` or the npm script';
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) {
    if (args[i] === '--') {
      i++;
      break;
    }
    if (!NPX_HARMLESS.has(args[i]!))
      return refuse(`\`${how} ${args[i]}\` is refused: it can download or run any package or a shell line`, fix);
    i++;
  }
  const bin = args[i];
  if (!bin) return refuse(`\`${how}\` needs the name of an installed binary`, fix);
  if (!/^[A-Za-z0-9._-]+$/.test(bin) || !existsSync(join(tree, 'node_modules', '.bin', bin))) {
    return refuse(
      `\`${how} ${bin}\` is refused: ${bin} is not installed in this project's node_modules/.bin (npx would download and run it)`,
      fix,
    );
  }
  return undefined;
}

/** npm reads its options anywhere before `--`, so `npm exec cowsay --yes` is as bad as `npm exec --yes cowsay`. */
function checkNpmExec(args: readonly string[], tree: string): CommandRefusal | undefined {
  const sub = args.find((arg) => !arg.startsWith('-'));
  if (sub !== 'exec' && sub !== 'x') return undefined;
  const end = args.indexOf('--');
  const options = (end === -1 ? args : args.slice(0, end)).filter((arg) => arg.startsWith('-'));
  const bad = options.find((arg) => !NPX_HARMLESS.has(arg));
  if (bad)
    return refuse(
      `\`npm ${sub} ${bad}\` is refused: it can download or run any package or a shell line`,
      'run an installed binary with `npx <bin>`, or an npm script',
    );
  const bin = (end === -1 ? args.slice(args.indexOf(sub) + 1) : args.slice(end + 1)).find((arg) => !arg.startsWith('-'));
  return checkNpx(bin ? [bin] : [], tree, `npm ${sub}`);
}

/** Refuses the executing option forms of allowed programs; `tree` is the task's working tree, `cwd` where the command runs. */
export function refuseExecutingForms(argv: readonly string[], options: { tree: string; cwd: string }): CommandRefusal | undefined {
  const program = argv[0];
  if (program === 'git') return checkGit(argv, options.cwd);
  if (program === 'npx') return checkNpx(argv.slice(1), options.tree, 'npx');
  if (program === 'npm') return checkNpmExec(argv.slice(1), options.tree);
  return undefined;
}
