#!/usr/bin/env python3
"""The benchmarks' peer: online SGD of the soft-routed MoE in numpy (its BLAS).

One step does what the project's tfjs step does (src/dynamics/sgd/sgdStep.ts):
draw a fresh batch x ~ N(0, I_d), label it with the teacher
f*(x) = sum_j sigmoid(<v*_j, x>) He3(<w*_j, x>), evaluate the student, take the
gradient of (1/2B) sum_n (f(x_n) - y_n)^2 with respect to each unit router and
expert direction, project it on the tangent space of its sphere, step by lr
and renormalise.

Draws, from numpy.random.default_rng(seed) and in this order: the teacher (the
2 m* orthonormal rows of a QR factor of a d x 2 m* Gaussian matrix: routers,
then experts), the student's routers and experts (Gaussian rows, normalised),
then one batch per step.

  numpy_moe_sgd.py [--batch 1024] [--d 1000] [--m 25] [--mstar 5] [--steps 50]
                   [--dtype float32|float64] [--seed 0] [--lr 0.001]
  numpy_moe_sgd.py --until-recovered [--max-steps 60000] [--threshold 0.9] ...

The first form times `steps` steps after 3 untimed ones and prints
{"peer", "numpy", "dtype", "batch", "d", "m", "mstar", "steps", "ms_per_step"}.
The second trains until every teacher expert's best-aligned student (by
expert alignment, checked every 100 steps) has expert and router alignment
>= threshold, or max-steps, and prints {"peer", "mode", "recovered", "dtype",
"batch", "d", "m", "mstar", "lr", "steps", "flow_time", "seconds"}.
"""
import argparse
import json
import time

import numpy as np


def he3(z):
    """Third probabilists' Hermite polynomial z^3 - 3z."""
    return z * (z * z - 3)


def he3_prime(z):
    return 3 * z * z - 3


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def unit_rows(a):
    return a / np.linalg.norm(a, axis=1, keepdims=True)


def draw_problem(rng, d, m, mstar, dtype):
    """Teacher routers and experts (orthonormal), student routers and experts (uniform on the sphere)."""
    q, _ = np.linalg.qr(rng.standard_normal((d, 2 * mstar)))
    teacher = q.T.astype(dtype)
    routers = unit_rows(rng.standard_normal((m, d))).astype(dtype)
    experts = unit_rows(rng.standard_normal((m, d))).astype(dtype)
    return teacher[:mstar], teacher[mstar:], routers, experts


def tangent(g, u):
    """g - <g, u> u, row by row: the part of g along the sphere at u."""
    return g - np.sum(g * u, axis=1, keepdims=True) * u


def sgd_step(x, teacher_routers, teacher_experts, routers, experts, lr):
    """One projected SGD step on the batch x (B x d); returns the new unit routers and experts."""
    labels = np.sum(sigmoid(x @ teacher_routers.T) * he3(x @ teacher_experts.T), axis=1)
    gate = sigmoid(x @ routers.T)
    pre = x @ experts.T
    value = he3(pre)
    residual = (np.sum(gate * value, axis=1) - labels) / x.shape[0]
    grad_routers = (residual[:, None] * gate * (1 - gate) * value).T @ x
    grad_experts = (residual[:, None] * gate * he3_prime(pre)).T @ x
    routers = unit_rows(routers - lr * tangent(grad_routers, routers))
    experts = unit_rows(experts - lr * tangent(grad_experts, experts))
    return routers, experts


def recovered(teacher_routers, teacher_experts, routers, experts, threshold):
    expert_al = experts @ teacher_experts.T
    router_al = routers @ teacher_routers.T
    best = np.argmax(expert_al, axis=0)
    teachers = np.arange(teacher_experts.shape[0])
    return bool(np.all((expert_al[best, teachers] >= threshold) & (router_al[best, teachers] >= threshold)))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name, default in (("batch", 1024), ("d", 1000), ("m", 25), ("mstar", 5), ("steps", 50), ("seed", 0), ("max-steps", 60000)):
        p.add_argument("--" + name, type=int, default=default)
    p.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    p.add_argument("--lr", type=float, default=0.001)
    p.add_argument("--threshold", type=float, default=0.9)
    p.add_argument("--until-recovered", action="store_true")
    o = p.parse_args()
    dtype = np.dtype(o.dtype)
    rng = np.random.default_rng(o.seed)
    tr, te, routers, experts = draw_problem(rng, o.d, o.m, o.mstar, dtype)

    def step(r, e):
        x = rng.standard_normal((o.batch, o.d), dtype=dtype)
        return sgd_step(x, tr, te, r, e, o.lr)

    sizes = dict(dtype=o.dtype, batch=o.batch, d=o.d, m=o.m, mstar=o.mstar)
    if o.until_recovered:
        start = time.perf_counter()
        done = False
        steps = 0
        while steps < o.max_steps and not done:
            routers, experts = step(routers, experts)
            steps += 1
            done = steps % 100 == 0 and recovered(tr, te, routers, experts, o.threshold)
        seconds = time.perf_counter() - start
        print(json.dumps(dict(peer="numpy", mode="until-recovered", recovered=done, **sizes, lr=o.lr, steps=steps,
                              flow_time=round(steps * o.lr, 4), seconds=round(seconds, 2))))
        return
    for _ in range(3):
        routers, experts = step(routers, experts)
    start = time.perf_counter()
    for _ in range(o.steps):
        routers, experts = step(routers, experts)
    ms = (time.perf_counter() - start) / o.steps * 1000
    print(json.dumps(dict(peer="numpy", numpy=np.__version__, **sizes, steps=o.steps, ms_per_step=round(ms, 3))))


if __name__ == "__main__":
    main()
