#!/usr/bin/env bash
# npm run coverage: c8 coverage of nncheck's own code (src/ and properties/) while it runs the
# main job and checks the examples end to end; HTML and lcov under reports/coverage/.
# (Code run inside vitest workers is transformed by vite and does not map back for c8.)
set -uo pipefail
cd "$(dirname "$0")/.."
npx c8 --reporter=html --reporter=lcov --reporter=text-summary --reports-dir=reports/coverage \
  --include 'src/**' --include 'properties/**' --exclude 'src/**/*.py' -- bash -c '
    node bin/nncheck.js run --quiet --report reports/coverage-run
    node bin/nncheck.js check examples/numpy_four_defects.py --quiet --report reports/coverage-run >/dev/null
    node bin/nncheck.js check examples/ts_network.ts --quiet >/dev/null
    node bin/nncheck.js compare examples/numpy_four_defects.py >/dev/null
    node bin/nncheck.js train --dataset iris --activation relu --epochs 2 >/dev/null
    exit 0'
