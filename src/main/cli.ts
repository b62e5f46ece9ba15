import { runCli } from './cli/program';

await runCli(process.argv);
