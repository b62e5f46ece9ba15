import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { shellPreload } from './scripts/shell-preload';

/** Scripts (not styles) of React DOM, the router, i18n and Mantine. */
const SCREEN_LIBRARIES = /node_modules[\\/](react-dom|react-router|i18next|react-i18next|@mantine[\\/](core|hooks))[\\/].*\.m?js$/;

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The Omie answer decoder's worker thread is its own entry, found beside the bundle as
        // omie-decoder.js (src/main/omie/answer-decoder.ts); shared chunks sit there too, so that
        // every chunk's import.meta.url points into this one folder.
        input: { index: resolve('src/main/index.ts'), 'omie-decoder': resolve('src/main/omie/decoder-thread.ts') },
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // CommonJS so the preload can run with the sandbox on.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      // A production bundle: minified, React's production build.
      minify: true,
      // The libraries chunk (below) is about 600 kB, on purpose.
      chunkSizeWarningLimit: 700,
      rollupOptions: {
        input: { index: resolve('src/renderer/index.html') },
        output: {
          // The libraries every screen renders with, and what they import, in one chunk: the first
          // screen fetches a handful of files instead of dozens of small shared ones. Their styles
          // stay with the entry (index.html links them) and the charts stay with their pages.
          codeSplitting: { groups: [{ name: 'libraries', test: (id) => SCREEN_LIBRARIES.test(id) }] },
        },
      },
    },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [react(), shellPreload(/[\\/]src[\\/]root\.tsx$/)],
  },
});
