import { startSpareBridge } from '../impl/python/spare-bridge.ts';
import { pythonOfOneFileCheck } from './one-file-check.ts';

// The entry: a check of one Python file starts its bridge (Python and numpy, about 0.2 s) now,
// while Node loads the rest of nncheck (about 0.3 s in a checkout), rather than after it.
// Everything else about the command line is the program's (program.ts).
const python = pythonOfOneFileCheck(process.argv);
if (python !== undefined) startSpareBridge(python);
await import('./program.ts');
