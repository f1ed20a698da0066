import type { Plugin } from 'vite';

interface Patch {
  file: RegExp;
  from: RegExp;
  to: string;
  why: string;
}

/**
 * Two library code paths that an extension never takes, removed at build time so that AMO's linter
 * (run with warnings as errors) has nothing to flag:
 * - zod probes whether `new Function` works to speed up parsing; extension CSP forbids it anyway,
 *   so the probe is answered "no" without calling it.
 * - Preact assigns `innerHTML` only for `dangerouslySetInnerHTML`, which this codebase must never use
 *   (page and API text is rendered as text); using it now fails loudly.
 * Each patch must apply exactly once, so a library update that moves the code breaks the build
 * instead of silently keeping the old behaviour.
 */
const patches: Patch[] = [
  {
    file: /[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/,
    from: /new F\(""\);/g,
    to: 'throw new Error("no eval in extensions");',
    why: "zod's eval probe",
  },
  {
    file: /[\\/]preact[\\/]dist[\\/]preact\.module\.js$/,
    from: /\(([A-Za-z_$][\w$]*)\.innerHTML=([A-Za-z_$][\w$]*)\.__html\)/g,
    to: '(()=>{throw Error("dangerouslySetInnerHTML is disabled")})()',
    why: "Preact's dangerouslySetInnerHTML",
  },
];

export function noEval(): Plugin {
  return {
    name: 'reelrifter:no-eval',
    enforce: 'pre',
    transform(code, id) {
      const patch = patches.find((p) => p.file.test(id.split('?')[0] ?? id));
      if (!patch) return null;
      const count = code.match(patch.from)?.length ?? 0;
      if (count !== 1) this.error(`Expected ${patch.why} exactly once in ${id}, found ${count}: update tooling/no-eval.ts.`);
      return { code: code.replace(patch.from, patch.to), map: null };
    },
  };
}
