import { applyHeapPolicy } from './heap-policy';
import { runCli } from './cli/program';

applyHeapPolicy();
await runCli(process.argv);
