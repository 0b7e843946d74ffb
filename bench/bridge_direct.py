"""Times examples/numpy_network.py's gradients() and loss() called directly in Python,
784-128-10 at batch 64, for comparison with the same calls through nncheck's bridge."""
import importlib.util
import json
import sys
import time
import numpy as np

spec = importlib.util.spec_from_file_location("net", sys.argv[1])
net = importlib.util.module_from_spec(spec)
spec.loader.exec_module(net)
rng = np.random.default_rng(0)
X = rng.random((64, 784))
Y = np.eye(10)[np.arange(64) % 10]
params = net.init_params(784, 128, 10, 0)


def median_ms(f, reps=100):
    for _ in range(10):
        f()
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2] * 1000


print(json.dumps({"gradientsMs": median_ms(lambda: net.gradients(params, X, Y, 0.0)),
                  "lossMs": median_ms(lambda: net.loss(params, X, Y, 0.0))}))
