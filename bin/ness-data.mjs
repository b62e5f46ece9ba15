#!/usr/bin/env node
// The ness-data command line: runs the TypeScript sources through tsx, so it works right after install.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli.ts');
