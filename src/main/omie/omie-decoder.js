// The answer decoder's worker thread when the code runs from its sources (CLI, tests, bench): loads
// decoder-thread.ts through tsx, as bin/ness-data.mjs does. The desktop build bundles
// decoder-thread.ts itself under this name, beside the main bundle (electron.vite.config.ts).
import { register } from 'tsx/esm/api';

register();
await import('./decoder-thread.ts');
