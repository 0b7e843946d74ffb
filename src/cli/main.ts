import { startSpareBridges } from '../impl/python/spare-bridge.ts';
import { bridgesOfOneFileCheck } from './one-file-check.ts';

// The entry: a check of one Python file starts its bridges (Python and numpy, about 0.2 s) now,
// while Node loads the rest of nncheck (about 0.3 s in a checkout), rather than after it.
// Everything else about the command line is the program's (program.ts).
const check = bridgesOfOneFileCheck(process.argv);
if (check) startSpareBridges(check.python, check.bridges);
await import('./program.ts');
