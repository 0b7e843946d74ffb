import { Command } from 'commander';
import { ACTIVATIONS, type ActivationName } from '../../ops/activation.ts';
import { BUILTIN_DATASETS, type BuiltinDataset } from '../../data/builtin.ts';
import { trainReference, DEFAULT_EPOCHS, DEFAULT_HIDDEN, DEFAULT_BATCH } from '../../api/train-run.ts';
import { LEARNING_RATES } from '../../nn/learning-rates.ts';
import { choiceArg, intArg, positiveNumberArg, nonNegativeNumberArg } from '../options.ts';

interface TrainFlags {
  dataset: BuiltinDataset;
  activation: ActivationName;
  hidden: number;
  lr?: number;
  epochs: number;
  batch: number;
  seed: number;
  raw?: boolean;
  json?: boolean;
  momentum?: number;
  lam: number;
}

export function trainCommand(): Command {
  return new Command('train')
    .description('train a reference network on a bundled data set (seeded 80/20 split)')
    .requiredOption(
      '--dataset <name>',
      `one of ${BUILTIN_DATASETS.join(', ')}`,
      choiceArg('--dataset', BUILTIN_DATASETS),
    )
    .requiredOption(
      '--activation <name>',
      `hidden activation: ${ACTIVATIONS.join(', ')}`,
      choiceArg('--activation', ACTIVATIONS),
    )
    .option('--hidden <n>', 'hidden units', intArg('--hidden', 1), DEFAULT_HIDDEN)
    .option(
      '--lr <x>',
      `learning rate (default per activation: ${Object.entries(LEARNING_RATES.trainDefault)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
      positiveNumberArg('--lr'),
    )
    .option('--epochs <n>', 'epochs', intArg('--epochs', 1), DEFAULT_EPOCHS)
    .option('--batch <n>', 'mini-batch size (0: full batch)', intArg('--batch', 0), DEFAULT_BATCH)
    .option('--momentum <x>', 'momentum in [0, 1)', nonNegativeNumberArg('--momentum'))
    .option('--lam <x>', 'L2 strength λ (penalty λ/(2N)·ΣW²)', nonNegativeNumberArg('--lam'), 0)
    .option('--seed <n>', 'run seed (split, weights, batch order)', intArg('--seed', 0), 0)
    .option('--raw', 'keep inputs unscaled (no standardisation)')
    .option('--json', 'print one JSON object instead of progress lines')
    .action((f: TrainFlags) => {
      const t0 = performance.now();
      const res = trainReference({
        dataset: f.dataset,
        activation: f.activation,
        hidden: f.hidden,
        lr: f.lr,
        epochs: f.epochs,
        batch: f.batch,
        seed: f.seed,
        raw: f.raw,
        momentum: f.momentum,
        lam: f.lam,
        onEpoch: f.json
          ? undefined
          : (r) =>
              console.log(
                `epoch ${String(r.epoch).padStart(4)}  loss ${r.loss.toFixed(5)}  ` +
                  `train acc ${(100 * r.accuracy).toFixed(1)}%`,
              ),
      });
      const seconds = (performance.now() - t0) / 1000;
      const { config: _c, params: _p, ...summary } = res;
      if (f.json) {
        console.log(JSON.stringify({ ...summary, seconds }));
        return;
      }
      const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
      console.log(
        `${res.dataset}${res.raw ? ' (raw)' : ''} ${res.activation} H=${res.hidden} lr=${res.lr}: ` +
          `train ${pct(res.trainAccuracy)}, test ${pct(res.testAccuracy)}, ` +
          `final loss ${res.finalLoss.toFixed(5)} in ${seconds.toFixed(2)} s`,
      );
      if (res.divergedAt !== null)
        console.log(
          `training diverged at epoch ${res.divergedAt} (loss not finite): lower --lr or standardise the inputs`,
        );
    });
}
