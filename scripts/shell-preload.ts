import type { Plugin, Rolldown } from 'vite';

/**
 * index.html links the app's shell chunk (the module the entry imports dynamically, e.g. root.tsx)
 * and everything it imports statically as `modulepreload`: the browser fetches and compiles them
 * beside the entry instead of after it has run. The entry stays first to run: it starts the first
 * screen's requests before the shell's libraries are evaluated.
 */
export function shellPreload(shellModule: RegExp): Plugin {
  return {
    name: 'ness-shell-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
        const shell = chunks.find((c) => c.facadeModuleId !== null && shellModule.test(c.facadeModuleId));
        if (!shell) throw new Error(`shell-preload: no chunk built from ${shellModule}`);
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const files = new Set<string>();
        const visit = (fileName: string): void => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const imported of byName.get(fileName)?.imports ?? []) visit(imported);
        };
        visit(shell.fileName);
        return [...files]
          .filter((file) => !byName.get(file)?.isEntry)
          .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}
