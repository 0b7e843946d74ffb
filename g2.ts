import { handwritten, type Bug } from './fixtures/mutants/handwritten.ts';
import { networkObjective } from './src/impl/objective.ts';
import { checkGradients } from './src/gradcheck/check.ts';
import { oneHot } from './src/data/dataset.ts';
import { zeros } from './src/core/matrix.ts';
import { createRng } from './src/random/rng.ts';
const cases: [string, Bug, string, number, number][] = [
 ['relu','none','separate',0.1,4],['leaky_relu','none','bias-row',0,4],
 ['sigmoid','missing-mean','separate',0,4],['tanh','sign-flip','separate',0,4],['sigmoid','dropped-bias-wrong-side','bias-row',0,4],
 ['sigmoid','transposed','separate',0,3],['leaky_relu','hard-relu-grad','separate',0,4],['sigmoid','bce-loss','separate',0,4],
 ['relu','corrupt-entry','separate',0,4],['sigmoid','l2-missing-grad','separate',0.5,4],['sigmoid','bias-grad-mean','separate',0,4]];
for (const [act,bug,layout,lam,H] of cases) {
  const impl = handwritten(act as any, bug, layout as any);
  const rng = createRng(2);
  const X = zeros(6, 5); for (let i=0;i<X.data.length;i++) X.data[i]=rng.normal();
  const Y = oneHot([0,1,2,0,1,2],3);
  const params = await impl.initParams(5, H, 3, 1);
  if (layout==='separate') { for (const i of [1,3]) for (let j=0;j<params[i].data.length;j++) params[i].data[j]=rng.normal()*0.3; }
  const r = await checkGradients(networkObjective(impl, params, X, Y, lam), { seed: 1 });
  console.log(act, bug, r.verdict, JSON.stringify(r.evaluations), 'wrong:', r.wrongEntries.slice(0,3).map(e=>`${e.tensor}[${e.row},${e.col}]`).join(' '), '\n   patterns:', r.patterns.map(p=>`${p.tensor}:${p.pattern}`).join('; '), 'taylor', r.taylor?.verdict, r.faults.map(f=>f.kind));
}
