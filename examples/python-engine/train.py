#!/usr/bin/env python3
"""Online SGD for the soft-routed mixture of experts, as a moe-repro training engine.

The model (Liao & Kyrillidis, "Guided by the Experts: Provable Feature Learning
Dynamic of Soft-Routed Mixture-of-Experts", arXiv 2510.07205):
    f(x) = sum_i sigmoid(<v_i/|v_i|, x>) He3(<w_i/|w_i|, x>),  He3(z) = z^3 - 3z,
trained on fresh Gaussian batches x ~ N(0, I_d) with the squared loss
    L_B = 1/(2B) sum_n (f(x_n) - f*(x_n))^2
by projected SGD on the unit spheres: u <- (u - lr g) / |u - lr g| with g the
gradient projected on the tangent space of each direction (the same step as
moe-repro's built-in 'sgd' engine). One step advances flow time by lr.

Protocol moe-repro-engine/1 (docs/engine-protocol.md in moe-repro):
- the problem is one JSON document on stdin (also in the file named by the
  environment variable MOE_REPRO_PROBLEM);
- every snapshot is one JSON line on stdout: {"t", "step", "loss", "student"};
  moe-repro computes the exact loss, alignments, events and claims from them,
  and stops this program (SIGTERM) once a stop rule of the stage is met;
- logs go to stderr.

Options (scenario `options`, checked against options.schema.json):
learningRate (default 0.01), batch (default 256). Only numpy is needed.
"""
import json
import os
import signal
import sys

import numpy as np


def unit_rows(a):
    return a / np.linalg.norm(a, axis=1, keepdims=True)


def loss_and_grad(V, W, Vt, Wt, X):
    """Batch loss and tangent gradients for unit rows V, W (m x d) against the teacher Vt, Wt."""
    u, w = X @ V.T, X @ W.T                      # B x m projections
    s = 1.0 / (1.0 + np.exp(-u))
    h = w * (w * w - 3.0)                        # He3
    ut, wt = X @ Vt.T, X @ Wt.T
    y = np.sum(1.0 / (1.0 + np.exp(-ut)) * wt * (wt * wt - 3.0), axis=1)
    e = np.sum(s * h, axis=1) - y                # residuals, length B
    r = e[:, None] / X.shape[0]
    gV = (r * s * (1.0 - s) * h).T @ X           # dL/dv_i = mean_n e_n sig'(u) He3(w) x_n
    gW = (r * s * 3.0 * (w * w - 1.0)).T @ X     # dL/dw_i = mean_n e_n sig(u) He3'(w) x_n
    gV -= np.sum(gV * V, axis=1, keepdims=True) * V   # project on the tangent spaces
    gW -= np.sum(gW * W, axis=1, keepdims=True) * W
    return 0.5 * np.mean(e * e), gV, gW


def snapshot(t, step, V, W, loss=None):
    line = {"t": t, "step": step, "student": {"routers": V.tolist(), "experts": W.tolist()}}
    if loss is not None:
        line["loss"] = loss
    print(json.dumps(line), flush=True)


def main():
    # moe-repro sends SIGTERM once it has what it needs; a closed stdout means the same.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    problem = json.load(sys.stdin)
    opts = problem["options"]
    lr = float(opts.get("learningRate", 0.01))
    batch = int(opts.get("batch", 256))
    rng = np.random.default_rng(problem["seed"])
    Vt, Wt = (unit_rows(np.array(problem["teacher"][k], dtype=float)) for k in ("routers", "experts"))
    V, W = (unit_rows(np.array(problem["student"][k], dtype=float)) for k in ("routers", "experts"))
    d = problem["d"]
    steps = max(1, round(problem["time"] / lr))
    every = max(1, round(problem["snapshotEvery"] / lr))
    print(f"train.py: online SGD, lr={lr}, batch={batch}, {steps} steps, d={d}, m={len(V)}", file=sys.stderr)
    snapshot(0.0, 0, V, W)
    for k in range(1, steps + 1):
        X = rng.standard_normal((batch, d))
        loss, gV, gW = loss_and_grad(V, W, Vt, Wt, X)
        if not np.isfinite(loss):
            sys.exit(f"train.py: the batch loss is {loss} at step {k}; lower learningRate")
        V, W = unit_rows(V - lr * gV), unit_rows(W - lr * gW)
        if k % every == 0 or k == steps:
            snapshot(min(k * lr, problem["time"]), k, V, W, float(loss))


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        # moe-repro stopped reading (a stop rule was met): exit quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
