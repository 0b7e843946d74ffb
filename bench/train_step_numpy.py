"""One SGD step of a 784-128-10 ReLU MLP (softmax cross-entropy, batch 64, float64) in NumPy,
and one epoch on digits (batch 32), the same math as nncheck's reference. Prints JSON."""
import json, sys, time
import numpy as np

def step_fn(X, Y, P, lr=0.01):
    W1, b1, W2, b2 = P
    n = X.shape[0]
    z1 = X @ W1 + b1; a1 = np.maximum(z1, 0); z2 = a1 @ W2 + b2
    z2 = z2 - z2.max(axis=1, keepdims=True); e = np.exp(z2); p = e / e.sum(axis=1, keepdims=True)
    d2 = (p - Y) / n
    gW2 = a1.T @ d2; gb2 = d2.sum(0); dz1 = (d2 @ W2.T) * (z1 > 0)
    gW1 = X.T @ dz1; gb1 = dz1.sum(0)
    W1 -= lr * gW1; b1 -= lr * gb1; W2 -= lr * gW2; b2 -= lr * gb2

def median_ms(f, reps):
    for _ in range(10): f()
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    ts.sort(); return ts[len(ts) // 2] * 1000

rng = np.random.default_rng(0)
X = rng.random((64, 784)); Y = np.eye(10)[np.arange(64) % 10]
P = [rng.normal(size=(784, 128)) * 0.05, np.zeros(128), rng.normal(size=(128, 10)) * 0.1, np.zeros(10)]
step = median_ms(lambda: step_fn(X, Y, P), 200)

D = np.loadtxt(sys.argv[1], delimiter=',')
DX = (D[:, :-1] - D[:, :-1].mean(0)) / (D[:, :-1].std(0) + (D[:, :-1].std(0) < 1e-12))
DY = np.eye(10)[D[:, -1].astype(int)]
Q = [rng.normal(size=(64, 64)) * 0.17, np.zeros(64), rng.normal(size=(64, 10)) * 0.17, np.zeros(10)]
def epoch():
    for s in range(0, DX.shape[0], 32): step_fn(DX[s:s + 32], DY[s:s + 32], Q, 0.05)
ep = median_ms(epoch, 20)
print(json.dumps({"stepMs": step, "epochMs": ep}))
