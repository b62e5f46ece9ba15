import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
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
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [react()],
  },
});
