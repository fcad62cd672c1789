#!/usr/bin/env python3
"""
Golden values of the population loss and its gradient, computed independently
of the TypeScript engine and at high precision, for `npm test` to compare with
(src/population/golden.test.ts reads golden.json beside this script).

The model (Liao & Kyrillidis, "Guided by the Experts: Provable Feature Learning
Dynamic of Soft-Routed Mixture-of-Experts", arXiv 2510.07205):
    f(x) = sum_i sigmoid(<v_i/|v_i|, x>) He3(<w_i/|w_i|, x>),  He3(z) = z^3 - 3z,
    L = 1/2 E[(f(x) - f*(x))^2],  x ~ N(0, I_d).
Expanding the square, L = sum_{p<=q} c_pq K(p, q) with c_pq = s_p s_q (halved for
p = q), s = +1 for a student expert and -1 for a teacher expert, and
    K(p, q) = E[sigmoid(u1) sigmoid(u2) He3(z1) He3(z2)],
(u1, u2, z1, z2) = (<a_p, x>, <a_q, x>, <b_p, x>, <b_q, x>) for the unit router
directions a and expert directions b: a 4-variate Gaussian with the six
correlations of those directions as covariance.

Route (chosen to share nothing with the TypeScript engine, which factors the
4x4 correlation matrix by Cholesky, integrates the routers by Gauss-Hermite in
float64 and differentiates by Price's theorem):
  * everything in mpmath at DPS = 45 significant digits;
  * condition on the routers by the Schur complement: given u = (u1, u2),
    z ~ N(A u, S) with A = C_zu C_uu^-1 and S = C_zz - A C_uz; then
    E[He3(z1) He3(z2) | u] is a polynomial P(u1, u2) of degree 6, whose
    coefficients follow exactly from the Gaussian moments of z (Isserlis, by
    Stein's recursion E[e1^i e2^j] = (i-1) S11 E[e1^(i-2) e2^j] + j S12 E[e1^(i-1) e2^(j-1)]);
  * so K = sum_kl P_kl M_kl with the router moments
    M_kl = E[sigmoid(u1) sigmoid(u2) u1^k u2^l], k + l <= 6, which depend on
    rho = <a_p, a_q> only: (u1, u2) = (y1, rho y1 + sqrt(1 - rho^2) y2) with
    y1, y2 independent N(0, 1), a 2-D integral done by the trapezoidal rule on
    the real line, step halved until two successive steps agree (the
    integrands are analytic in the strip |Im y| < pi, where the sigmoid's
    nearest poles sit, so the error falls like exp(-2 pi^2 / h)); |rho| = 1
    (a shared router, up to sign) is the 1-D integral with u2 = +-u1;
  * derivatives of K with respect to the six correlations by central finite
    differences at this precision (step FD_STEP), and the gradient with
    respect to each unnormalised student row theta = |theta| u from
    dL/du = sum_y dL/dG_uy y, projected on the tangent space and divided by |theta|.

Configurations (a dozen): generic directions at d = 2..16, near-collinear and
cancelling ones (a cancelling pair, a permuted teacher, a pentagon group, a
perturbed optimum), and draws at d = 10^3, 10^5 and 10^6 written in the
coordinates of the span of their directions (the loss depends on the Gram
matrix only; the overlaps of a draw in R^d are O(1/sqrt(d))). Rows are float64
and are used exactly (mpf of the binary value), so the TypeScript side reads the
same numbers.

Regenerate (31 s of CPU measured with 170-bit moments, a little more at 230; minutes of wall time
on a busy machine; Python 3, mpmath 1.3, numpy):
    python3 tools/golden/golden.py > tools/golden/golden.json
Options: --only NAME,NAME (a subset), --quick (DPS 20, for a smoke test), --dps N and
--fd-step H (a precision check). Precision, measured by
    python3 tools/golden/golden.py --dps 60 --fd-step 1e-15
against the default run: every loss agreed to 5e-29 (relative to max(1, |L|)),
every gradient entry to 6e-21, except in perturbed-optimum, to 2.6e-16 (there
the students' routers are within 1e-8 of the teacher's, and the Schur
complement divides by 1 - rho^2 ~ 1e-8, amplifying rounding). The tier the
TypeScript side compares with is 1e-10.
"""
import argparse
import json
import sys
import time

import mpmath as mp
import numpy as np

DPS = 45
FD_STEP = mp.mpf('1e-12')
QUAD_TOL = mp.mpf('1e-26')
DIGITS_OUT = 30
SEED = 20251201

# ---------------------------------------------------------------- polynomials in (u1, u2)
# A polynomial is a dict {(k, l): coefficient}.


def padd(a, b, scale=1):
    out = dict(a)
    for key, v in b.items():
        out[key] = out.get(key, 0) + scale * v
    return out


def pmul(a, b):
    out = {}
    for (k1, l1), v1 in a.items():
        for (k2, l2), v2 in b.items():
            key = (k1 + k2, l1 + l2)
            out[key] = out.get(key, 0) + v1 * v2
    return out


def ppow(a, n):
    out = {(0, 0): mp.mpf(1)}
    for _ in range(n):
        out = pmul(out, a)
    return out


def central_moments(S11, S12, S22, top):
    """E[e1^i e2^j] for e ~ N(0, [[S11, S12], [S12, S22]]), i, j <= top (Stein's recursion)."""
    m = {(0, 0): mp.mpf(1)}

    def get(i, j):
        if i < 0 or j < 0:
            return mp.mpf(0)
        if (i, j) in m:
            return m[(i, j)]
        if i > 0:
            v = (i - 1) * S11 * get(i - 2, j) + j * S12 * get(i - 1, j - 1)
        else:
            v = (j - 1) * S22 * get(i, j - 2)
        m[(i, j)] = v
        return v

    return {(i, j): get(i, j) for i in range(top + 1) for j in range(top + 1)}


HE3 = [(3, mp.mpf(1)), (1, mp.mpf(-3))]  # He3(z) = z^3 - 3 z as (power, coefficient)


def hermite_part(mu1, mu2, S11, S12, S22):
    """P(u) = E[He3(z1) He3(z2)] for z ~ N(mu(u), S), mu1, mu2 polynomials in u (Isserlis)."""
    cm = central_moments(S11, S12, S22, 3)
    out = {}
    for a, ca in HE3:
        for b, cb in HE3:
            for i in range(a + 1):
                for j in range(b + 1):
                    if (i + j) % 2:
                        continue
                    w = ca * cb * mp.binomial(a, i) * mp.binomial(b, j) * cm[(i, j)]
                    if w == 0:
                        continue
                    out = padd(out, pmul(ppow(mu1, a - i), ppow(mu2, b - j)), w)
    return out


def conditional_polynomial(corr):
    """P_kl of a pair with correlations (r, s1, c12, c21, s2, e); for |r| = 1 a polynomial in u1 alone."""
    r, s1, c12, c21, s2, e = corr
    if abs(r) == 1:
        # u2 = r u1 (a shared router, up to sign): condition on u1; z1 has covariance s1 with it, z2 has c12.
        mu1 = {(1, 0): s1}
        mu2 = {(1, 0): c12}
        return hermite_part(mu1, mu2, 1 - s1 * s1, e - s1 * c12, 1 - c12 * c12)
    det = 1 - r * r
    # C_uu^-1 = [[1, -r], [-r, 1]] / det; C_zu = [[s1, c21], [c12, s2]] (rows z1, z2; columns u1, u2).
    A11 = (s1 - r * c21) / det
    A12 = (c21 - r * s1) / det
    A21 = (c12 - r * s2) / det
    A22 = (s2 - r * c12) / det
    S11 = 1 - (A11 * s1 + A12 * c21)
    S12 = e - (A11 * c12 + A12 * s2)
    S22 = 1 - (A21 * c12 + A22 * s2)
    return hermite_part({(1, 0): A11, (0, 1): A12}, {(1, 0): A21, (0, 1): A22}, S11, S12, S22)


# ---------------------------------------------------------------- router moments


# The router moments are sums over ~10^4-10^5 nodes: they are taken in fixed point, Python integers
# scaled by 2^BITS (exact integer arithmetic, one truncation of 2^-BITS per operation), which is
# ~50 times faster than mpf arithmetic and more precise than DPS: 2^-230 = 6e-70 per operation.
BITS = 230  # set from DPS in main(): 230 at 45 digits, 50 more bits for every 15 more digits
ONE = 1 << BITS


def fix(x):
    return int(mp.nint(x * ONE))


_rules = {}


def trapezoid(h):
    """Nodes and weights (fixed point) of the trapezoidal rule for E[g(y)], y ~ N(0, 1): step h, |y| <= 15.5."""
    if h not in _rules:
        ymax = mp.mpf('15.5')  # the integrands are below phi(y) y^6 (1 + y^6): ~1e-40 beyond 15.5
        n = int(mp.floor(ymax / h))
        c = h / mp.sqrt(2 * mp.pi)
        ys = [k * h for k in range(-n, n + 1)]
        _rules[h] = (ys, [fix(y) for y in ys], [fix(c * mp.exp(-y * y / 2)) for y in ys])
    return _rules[h]


def router_moments_at(r, h):
    """
    M_kl = E[sig(u1) sig(u2) u1^k u2^l], k + l <= 6, with the rule of step h. sig(u) = 1 / (1 + e^-u)
    with e^-u2 = e^(-r y1) e^(-s y2) from exponentials taken once per node (mpmath, then fixed point).
    """
    ys, yf, wf = trapezoid(h)
    M = {(k, l): 0 for k in range(7) for l in range(7 - k)}
    em = [fix(mp.exp(-y)) for y in ys]
    sig = [(ONE << BITS) // (ONE + e) for e in em]
    if abs(r) == 1:
        sgn = int(r)
        for k0, (y, w) in enumerate(zip(yf, wf)):
            s2 = sig[k0] if sgn > 0 else sig[len(ys) - 1 - k0]  # sig(-y) at the mirrored node
            g = (((w * sig[k0]) >> BITS) * s2) >> BITS
            u2 = sgn * y
            pk = g
            for k in range(7):
                p = pk
                for l in range(7 - k):
                    M[(k, l)] += p
                    p = (p * u2) >> BITS
                pk = (pk * y) >> BITS
        return {key: mp.mpf(v) / ONE for key, v in M.items()}
    s = mp.sqrt(1 - r * r)
    rf, sf = fix(r), fix(s)
    e2 = [fix(mp.exp(-s * y)) for y in ys]
    for y1, w1, k1 in zip(yf, wf, range(len(ys))):
        e1 = fix(mp.exp(-r * ys[k1]))
        ry = (rf * y1) >> BITS
        # inner sums S_l = sum_j w_j sig(u2) u2^l over y2, for this y1
        S = [0] * 7
        for y2, w2, ej in zip(yf, wf, e2):
            u2 = ry + ((sf * y2) >> BITS)
            p = (w2 << BITS) // (ONE + ((e1 * ej) >> BITS))
            for l in range(7):
                S[l] += p
                p = (p * u2) >> BITS
        pk = (w1 * sig[k1]) >> BITS
        for k in range(7):
            for l in range(7 - k):
                M[(k, l)] += (pk * S[l]) >> BITS
            pk = (pk * y1) >> BITS
    return {key: mp.mpf(v) / ONE for key, v in M.items()}


_moments = {}
quad_change = [mp.mpf(0)]
chosen_step = {}


def router_moments(r, step=None):
    """
    Router moments. Without `step`: the step goes 0.45, 0.3, 0.2, ... (x 2/3) until the moments change
    by less than QUAD_TOL from one step to the next. The error at step h falls like exp(-2 pi^2 / h), so
    the error at the accepted step is about the change to the power 3/2 (QUAD_TOL 1e-26: ~1e-39).
    With `step` (the same configuration's rho +- FD_STEP): that step, once.
    """
    key = (mp.nstr(r, DPS), step)
    if key in _moments:
        return _moments[key]
    if step is not None:
        _moments[key] = router_moments_at(r, step)
        return _moments[key]
    h = mp.mpf('0.45')
    prev = router_moments_at(r, h)
    while True:
        h = h * 2 / 3
        cur = router_moments_at(r, h)
        diff = max(abs(cur[k] - prev[k]) for k in cur)
        if diff <= QUAD_TOL or h < mp.mpf('0.02'):
            break
        prev = cur
    if diff > QUAD_TOL:
        raise RuntimeError(f'router moments at rho = {mp.nstr(r, 10)} did not converge: change {mp.nstr(diff, 3)} at step {h}')
    quad_change[0] = max(quad_change[0], diff)
    chosen_step[mp.nstr(r, DPS)] = h
    _moments[key] = cur
    return cur


def shared(r):
    """A router correlation of +-1 to within rounding at this precision: the two routers are one (up to sign)."""
    return abs(r) > 1 - mp.mpf(10) ** (10 - DPS)


def pair_kernel(corr, step=None):
    if shared(corr[0]):
        corr = (mp.sign(corr[0]),) + tuple(corr[1:])
    M = router_moments(corr[0], step)
    P = conditional_polynomial(corr)
    return sum(v * M[key] for key, v in P.items())


def pair_kernel_gradient(corr):
    """
    dK/d(r, s1, c12, c21, s2, e) by central differences. For a shared router (u2 = u1) the kernel is
    computed from s1 and c12 alone (c21 = s1, s2 = c12 there): the difference quotient in s1 is then
    dK/ds1 + dK/dc21, and these two are equal, E[sig'(u1) sig(u2) He3'(z1) He3(z2)] and
    E[sig(u1) sig'(u2) He3'(z1) He3(z2)] (Price's theorem) being one integral when u1 = u2; so each gets
    half, and the same for c12 and s2. dK/dr multiplies the other router, which is this one, and the
    tangent projection removes it: 0 stands in. (Opposite routers, u2 = -u1, have no such symmetry and
    occur in no configuration here.)
    """
    if shared(corr[0]):
        if corr[0] < 0:
            raise NotImplementedError('gradient of a pair with opposite routers')
        g = [difference(corr, k, None) for k in (1, 2)]
        return [mp.mpf(0), g[0] / 2, g[1] / 2, g[0] / 2, g[1] / 2, difference(corr, 5, None)]
    step = chosen_step.get(mp.nstr(corr[0], DPS))
    # rho +- FD_STEP at the step chosen for rho: the difference quotient then sees no change of rule.
    return [difference(corr, k, step if k == 0 else None) for k in range(6)]


def difference(corr, k, step):
    up = list(corr)
    dn = list(corr)
    up[k] += FD_STEP
    dn[k] -= FD_STEP
    return (pair_kernel(up, step) - pair_kernel(dn, step)) / (2 * FD_STEP)


def diagonal_kernel(s):
    """K(p, p) = E[sig(u)^2 He3(z)^2] with <a_p, b_p> = s, and dK/ds."""
    def K(x):
        return pair_kernel((mp.mpf(1), x, x, x, x, mp.mpf(1)))
    return K(s), (K(s + FD_STEP) - K(s - FD_STEP)) / (2 * FD_STEP)


# ---------------------------------------------------------------- loss and gradient


def unit(row):
    n = mp.sqrt(sum(x * x for x in row))
    return [x / n for x in row], n


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def loss_and_gradient(cfg):
    """L and dL/d(student routers, experts) of one configuration (rows as float64 lists)."""
    to_mp = lambda rows: [[mp.mpf(float(x)) for x in row] for row in rows]
    sr, se = to_mp(cfg['student']['routers']), to_mp(cfg['student']['experts'])
    tr, te = to_mp(cfg['teacher']['routers']), to_mp(cfg['teacher']['experts'])
    m, ms = len(sr), len(tr)
    units, norms = [], []
    for row in sr + se + tr + te:  # directions: student routers, student experts, teacher routers, teacher experts
        u, n = unit(row)
        units.append(u)
        norms.append(n)
    N = len(units)
    G = [[dot(units[i], units[j]) if i != j else mp.mpf(1) for j in range(N)] for i in range(N)]
    R = lambda p: p if p < m else m + p          # router of expert p (students first, then teachers)
    E = lambda p: m + p if p < m else m + ms + p  # expert direction of expert p
    sign = lambda p: 1 if p < m else -1
    D = [[mp.mpf(0)] * N for _ in range(N)]  # dL/dG for the symmetric entry {x, y}
    loss = mp.mpf(0)
    for p in range(m + ms):
        for q in range(p, m + ms):
            need = p < m  # teacher-teacher terms are constants
            if p == q:
                K, dK = diagonal_kernel(G[R(p)][E(p)])
                loss += K / 2
                if need:
                    D[R(p)][E(p)] += dK / 2
                    D[E(p)][R(p)] += dK / 2
                continue
            c = sign(p) * sign(q)
            slots = [(R(p), R(q)), (R(p), E(p)), (R(p), E(q)), (E(p), R(q)), (R(q), E(q)), (E(p), E(q))]
            corr = tuple(G[x][y] for x, y in slots)
            loss += c * pair_kernel(corr)
            if need:
                for (x, y), g in zip(slots, pair_kernel_gradient(corr)):
                    D[x][y] += c * g
                    D[y][x] += c * g
    grads = []
    for x in range(2 * m):
        g = [sum(D[x][y] * units[y][k] for y in range(N) if y != x) for k in range(len(units[x]))]
        radial = dot(g, units[x])
        grads.append([(gk - radial * uk) / norms[x] for gk, uk in zip(g, units[x])])
    return loss, grads[:m], grads[m:]


# ---------------------------------------------------------------- configurations


def rows(a):
    return [[float(x) for x in r] for r in np.asarray(a, dtype=np.float64)]


def sphere(rng, k, d):
    x = rng.standard_normal((k, d))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def scaled(rng, a):
    """Rows times 1/2, 1, 2 or 4: exact in float64, so rows meant to share a direction still do."""
    return np.asarray(a) * rng.choice([0.5, 1.0, 2.0, 4.0], size=(len(a), 1))


def rotate_towards(u, v, cos):
    """Unit vector at cosine `cos` from unit u, in the plane of u and v."""
    w = v - np.dot(v, u) * u
    w /= np.linalg.norm(w)
    return cos * u + np.sqrt(1 - cos * cos) * w


def orthonormal(rng, k, d):
    q, _ = np.linalg.qr(rng.standard_normal((d, k)))
    return q.T


def span_draw(rng, m_star, m, d):
    """An orthonormal teacher and a uniform student in R^d, in coordinates of their span (Bartlett)."""
    rank = 2 * (m + m_star)
    basis = np.eye(rank)
    out = []
    r = 2 * m_star
    for _ in range(2 * m):
        g = np.zeros(rank)
        g[:r] = rng.standard_normal(r)
        g[r] = np.sqrt(rng.chisquare(d - r))
        r += 1
        out.append(g / np.linalg.norm(g))
    out = np.array(out)
    return basis[:m_star], basis[m_star:2 * m_star], out[:m], out[m:]


def configurations():
    rng = np.random.default_rng(SEED)
    cfgs = []

    def add(name, kind, d, tr, te, sr, se, note):
        cfgs.append({'name': name, 'kind': kind, 'd': d, 'note': note,
                     'teacher': {'routers': rows(tr), 'experts': rows(te)},
                     'student': {'routers': rows(scaled(rng, sr)), 'experts': rows(scaled(rng, se))}})

    add('generic-d2', 'generic', 2, sphere(rng, 1, 2), sphere(rng, 1, 2), sphere(rng, 1, 2), sphere(rng, 1, 2),
        'm* = 1, m = 1 in R^2: four directions in a plane (rank-2 correlations)')
    add('generic-d3', 'generic', 3, sphere(rng, 1, 3), sphere(rng, 1, 3), sphere(rng, 2, 3), sphere(rng, 2, 3),
        'm* = 1, m = 2, d = 3, random teacher')
    add('generic-d8', 'generic', 8, sphere(rng, 2, 8), sphere(rng, 2, 8), sphere(rng, 3, 8), sphere(rng, 3, 8),
        'm* = 2, m = 3, d = 8, random teacher')
    q = orthonormal(rng, 4, 16)
    add('orthonormal-d16', 'generic', 16, q[:2], q[2:], sphere(rng, 4, 16), sphere(rng, 4, 16),
        'm* = 2, m = 4, d = 16, orthonormal teacher, random student')
    q = orthonormal(rng, 2, 6)
    s = sphere(rng, 4, 6)
    sr = np.array([rotate_towards(q[0], s[0], 0.999), s[1]])
    se = np.array([rotate_towards(q[1], s[2], 0.99), rotate_towards(sr[1], s[3], 0.95)])
    add('near-collinear-teacher', 'near-collinear', 6, q[:1], q[1:], sr, se,
        'm* = 1, m = 2, d = 6: student 0 at router overlap 0.999 and expert overlap 0.99 with the teacher; student 1 router-expert overlap 0.95')
    t = sphere(rng, 4, 10)
    s = sphere(rng, 6, 10)
    v = s[0]
    sr = np.array([v, rotate_towards(v, s[1], 1 - 1e-6), s[2]])
    se = np.array([s[3], -rotate_towards(s[3], s[4], 1 - 1e-6), s[5]])
    add('near-cancelling-pair', 'near-collinear', 10, t[:2], t[2:], sr, se,
        'm* = 2, m = 3, d = 10: students 0 and 1 nearly a cancelling pair (router overlap 1 - 1e-6, expert overlap -(1 - 1e-6))')
    q = orthonormal(rng, 2, 6)
    s = sphere(rng, 2, 6)
    add('cancelling-pair', 'cancelling', 6, q[:1], q[1:], np.array([q[0], s[0], s[0]]), np.array([q[1], s[1], -s[1]]),
        'm* = 1, m = 3, d = 6: the teacher plus a cancelling pair (shared router, opposite experts): L = 0, gradient 0')
    t = sphere(rng, 4, 8)
    add('teacher-permuted', 'cancelling', 8, t[:2], t[2:], t[[1, 0]], t[[3, 2]],
        'm* = 2, m = 2, d = 8: the teacher with its experts swapped and rows rescaled: L = 0, gradient 0')
    q = orthonormal(rng, 2, 5)
    e = orthonormal(rng, 3, 5)[2]
    e = e - np.dot(e, q[1]) * q[1]
    e /= np.linalg.norm(e)
    phis = np.deg2rad([36, -36, 108, -108])
    add('pentagon-group', 'cancelling', 5, q[:1], q[1:], np.array([q[0]] * 4),
        np.array([np.cos(p) * q[1] + np.sin(p) * e for p in phis]),
        'm* = 1, m = 4, d = 5: four students share the teacher router, experts at +-36 and +-108 degrees from its expert: L = 0')
    q = orthonormal(rng, 4, 12)
    s = sphere(rng, 2, 12)
    jitter = lambda a: a + 1e-4 * rng.standard_normal(a.shape)
    add('perturbed-optimum', 'near-collinear', 12, q[:2], q[2:], jitter(np.array([q[0], q[1], s[0], s[0]])),
        jitter(np.array([q[2], q[3], s[1], -s[1]])),
        'm* = 2, m = 4, d = 12: teacher copies and a cancelling pair, every entry moved by 1e-4 N(0, 1): L ~ 1e-6')
    for name, ms, m, d in [('span-d1e3', 2, 3, 1000), ('span-d1e5', 1, 3, 100000), ('span-d1e6', 2, 4, 1000000)]:
        tr, te, sr, se = span_draw(rng, ms, m, d)
        add(name, 'span', d, tr, te, sr, se,
            f'm* = {ms}, m = {m}, d = {d}: orthonormal teacher and a uniform student, in coordinates of the span of the directions')
    return cfgs


def main():
    global DPS, QUAD_TOL, FD_STEP
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--only', help='comma-separated configuration names')
    ap.add_argument('--quick', action='store_true', help='DPS 20 (a smoke test, not golden)')
    ap.add_argument('--dps', type=int, help=f'working precision (default {DPS})')
    ap.add_argument('--fd-step', help=f'finite-difference step (default {mp.nstr(FD_STEP, 3)})')
    args = ap.parse_args()
    if args.quick:
        DPS, QUAD_TOL, FD_STEP = 20, mp.mpf('1e-12'), mp.mpf('1e-6')
    if args.dps:
        DPS = args.dps
        mp.mp.dps = DPS
        QUAD_TOL = mp.mpf(10) ** (-(DPS * 2 // 3))
    if args.fd_step:
        FD_STEP = mp.mpf(args.fd_step)
    global BITS, ONE
    BITS = 230 + int((DPS - 45) * 10 / 3)
    ONE = 1 << BITS
    mp.mp.dps = DPS
    cfgs = configurations()
    if args.only:
        wanted = args.only.split(',')
        cfgs = [c for c in cfgs if c['name'] in wanted]
    out = []
    for c in cfgs:
        started = time.time()
        loss, gr, ge = loss_and_gradient(c)
        fmt = lambda x: mp.nstr(x, DIGITS_OUT, min_fixed=1, max_fixed=0) if x != 0 else '0'
        c['loss'] = fmt(loss)
        c['gradient'] = {'routers': [[fmt(x) for x in r] for r in gr], 'experts': [[fmt(x) for x in r] for r in ge]}
        out.append(c)
        print(f"{c['name']}: L = {mp.nstr(loss, 12)} ({time.time() - started:.0f} s)", file=sys.stderr)
    doc = {
        'generator': 'tools/golden/golden.py',
        'method': f'mpmath {mp.__version__} at {DPS} digits: Schur-complement conditioning on the routers, exact '
                  'Isserlis moments of the He3 part, trapezoidal rule on the real line for the two router variables '
                  '(step halved until two steps agree), central differences for the derivatives',
        'digits': DIGITS_OUT,
        'quadratureChange': mp.nstr(quad_change[0], 3),
        'finiteDifferenceStep': mp.nstr(FD_STEP, 3),
        'seed': SEED,
        'configurations': out,
    }
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
