/** npm run bench [-- NAME ...]: runs the named benchmarks (all when none is named). */
const BENCHES: Record<string, () => Promise<unknown>> = {
  'train-step': async () => (await import('./train-step.ts')).benchTrainStep(),
  gradcheck: async () => (await import('./gradcheck.ts')).benchGradcheck(),
  bridge: async () => (await import('./bridge.ts')).benchBridge(),
  startup: async () => (await import('./startup.ts')).benchStartup(),
  check: async () => (await import('./check.ts')).benchCheck(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted) {
  if (!BENCHES[name]) {
    console.error(`unknown benchmark '${name}': use one of ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
}
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  console.log(`\n== ${name} ==`);
  await BENCHES[name]();
}
