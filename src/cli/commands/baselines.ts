import { Command } from 'commander';
import { referenceImplementation } from '../../impl/reference.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import {
  CONFIGS,
  BASELINE_SEEDS,
  BASELINES_FILE,
  loadBaselines,
  runConfig,
  toleranceOf,
  type BaselineFile,
} from '../../engine/baselines.ts';

const pct = (x: number | undefined) => (x === undefined ? '   -  ' : `${(100 * x).toFixed(1).padStart(5)}%`);

/** Shows the convergence baselines; with --record, re-measures them and shows old vs new. */
export function baselinesCommand(): Command {
  return new Command('baselines')
    .description('show the convergence baselines, or re-record them deliberately with --record')
    .option(
      '--record',
      're-measure every configuration on the reference networks and rewrite fixtures/baselines/convergence.json',
    )
    .action(async (f: { record?: boolean }) => {
      const old = loadBaselines();
      if (!f.record) {
        if (!old) {
          console.log(`no baselines at ${BASELINES_FILE}: run nncheck baselines --record`);
          return;
        }
        for (const e of old.entries) {
          const tolerance = `tolerance ${(100 * e.tolerance).toFixed(1)} points`;
          console.log(`${e.id.padEnd(24)} ${e.testAccuracy.map(pct).join(' ')}  ${tolerance}`);
        }
        return;
      }
      const entries: BaselineFile['entries'] = [];
      console.log(`${'configuration'.padEnd(24)} seeds ${BASELINE_SEEDS.join(', ')}: old → new`);
      for (const c of CONFIGS) {
        const accs: number[] = [];
        for (const seed of BASELINE_SEEDS)
          accs.push((await runConfig(referenceImplementation(c.activation), c, seed)).testAccuracy);
        const before = old?.entries.find((e) => e.id === c.id);
        entries.push({ ...c, testAccuracy: accs, tolerance: toleranceOf(accs) });
        const change = BASELINE_SEEDS.map((_, i) => `${pct(before?.testAccuracy[i])} → ${pct(accs[i])}`);
        console.log(`${c.id.padEnd(24)} ${change.join('   ')}`);
      }
      writeFileAtomic(BASELINES_FILE, JSON.stringify({ version: 1, seeds: BASELINE_SEEDS, entries }, null, 2) + '\n');
      console.log(`wrote ${BASELINES_FILE}`);
    });
}
