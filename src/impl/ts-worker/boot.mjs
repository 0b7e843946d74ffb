// Entry point of the Node process that runs a user's TypeScript/JavaScript module: TypeScript
// support (tsx) first, then the host, which loads the module and answers nncheck's calls.
import { register } from 'tsx/esm/api';

register();
await import('./host.ts');
