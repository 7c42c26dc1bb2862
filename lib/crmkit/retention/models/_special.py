"""A numerically stable evaluation of the BG/NBD's Gaussian hypergeometric term.

The expected number of purchases in the next ``t`` weeks (Fader, Hardie & Lee 2005, eq. 10)
holds the factor

    1 - ((alpha+T)/(alpha+T+t))**(r+x) * 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t)),

divided by ``a - 1``. Evaluated as written it breaks down in three ways that lifetimes'
users meet: the 2F1 overflows when ``x`` is large (its argument nears 1 while its third
parameter minus the first two is very negative), the difference with 1 loses every digit
when ``t`` is small, and ``a = 1`` divides 0 by 0. Here two Pfaff transformations turn it into

    2F1(r+x, b+x; c; z) (1-z)**(r+x) = (1-w)**(-beta) F,   F = 2F1(c-r-x, beta; c; u),

with ``beta = a - 1``, ``c = a+b+x-1``, ``w = -t/(alpha+T)``, ``u = t/(alpha+T+t)`` in
[0, 1): the large ``x`` now sits only in ``c``, where it makes F tend to 1. Writing
``F = 1 + beta*S`` gives the factor without cancellation:

    (1 - (1-w)**(-beta) F) / beta = -expm1(-beta*L)/beta - exp(-beta*L) * S,  L = log1p(-w).

S is summed as a power series in ``u`` for ``u <= 0.8`` (fast convergence, exact for tiny
``t`` and any ``beta``, including 0), and from ``scipy.special.hyp2f1`` for ``u > 0.8``
(with an interpolation in ``beta`` when ``|beta|`` is tiny), falling back to a long series
if scipy returns a non-finite value.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import optimize, special

SERIES_LIMIT = 0.8  # u above this: scipy's hyp2f1 (series convergence would be slow)
TINY_BETA = 1e-6  # |a - 1| below this: S by interpolation in beta between +-TINY_BETA
MAX_TERMS = 20_000  # the fallback series' length


def _s_series(first: np.ndarray, beta: np.ndarray, c: np.ndarray, u: np.ndarray,
             max_terms: int = 400) -> np.ndarray:  # fmt: skip
    """S = (2F1(first, beta; c; u) - 1) / beta as a power series in u (all arrays, u < 1).

    Term k is (first)_k (beta+1)_(k-1) / ((c)_k k!) u**k, so beta = 0 is no special case.
    For example 2F1(1, 1; 2; u) = -log(1-u)/u, so at u = 0.5 S = 2 log 2 - 1:

    >>> round(float(_s_series(np.array(1.0), np.array(1.0), np.array(2.0), np.array(0.5))), 12)
    0.38629436112
    """
    first, beta, c, u = np.broadcast_arrays(*(np.asarray(v, dtype="float64") for v in
                                              (first, beta, c, u)))  # fmt: skip
    term = first * u / c
    total = term.copy()
    active = np.abs(term) > 0
    for k in range(1, max_terms):
        if not active.any():
            break
        term = np.where(active, term * (first + k) * (beta + k) / ((c + k) * (k + 1)) * u, 0.0)
        total = total + term
        active = active & (np.abs(term) > 1e-17 * np.abs(total))
    return total


def _s_scipy(first: np.ndarray, beta: np.ndarray, c: np.ndarray, u: np.ndarray) -> np.ndarray:
    """S from scipy's 2F1 (u near 1), interpolating in beta where |beta| is tiny."""
    small = np.abs(beta) < TINY_BETA
    safe = np.where(small, TINY_BETA, beta)
    s = (special.hyp2f1(first, safe, c, u) - 1.0) / safe
    if small.any():
        low = (special.hyp2f1(first, -TINY_BETA, c, u) - 1.0) / -TINY_BETA
        weight = (beta + TINY_BETA) / (2 * TINY_BETA)
        s = np.where(small, low + weight * (s - low), s)
    bad = ~np.isfinite(s)
    if bad.any():
        s[bad] = _s_series(first[bad], beta[bad], c[bad], u[bad], max_terms=MAX_TERMS)
    return s


def _expected_if_alive(
    r: float, alpha: float, a: float, b: float, x: np.ndarray, big_t: np.ndarray, t: np.ndarray
) -> np.ndarray:
    """Expected purchases in the next ``t`` of a customer still active (x, T; arrays broadcast).

    Equals (a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))**(r+x) 2F1(r+x, b+x; a+b+x-1;
    t/(alpha+T+t))]; multiplied by P(alive) it is the BG/NBD conditional expectation, and
    with x = T = 0 it is E[X(t)] of a new customer.

    >>> round(float(_expected_if_alive(0.243, 4.414, 0.793, 2.426, np.array(0.0),
    ...                               np.array(0.0), np.array(39.0))), 4)
    1.1967
    """
    x, big_t, t = np.broadcast_arrays(*(np.asarray(v, dtype="float64") for v in (x, big_t, t)))
    beta = np.full(x.shape, a - 1.0)
    c = a + b + x - 1.0
    first = np.full(x.shape, a + b - 1.0 - r)
    ratio = t / (alpha + big_t)
    u = t / (alpha + big_t + t)
    log_growth = np.log1p(ratio)
    s = np.empty(x.shape)
    near = u > SERIES_LIMIT
    s[~near] = _s_series(first[~near], beta[~near], c[~near], u[~near])
    if near.any():
        s[near] = _s_scipy(first[near], beta[near], c[near], u[near])
    if a == 1.0:
        head = log_growth
    else:
        head = -np.expm1(-beta * log_growth) / beta
    factor = head - np.exp(-beta * log_growth) * s
    return c * factor


def _minimize_log_params(
    objective: Callable[..., tuple[float, np.ndarray]],
    starts: list[np.ndarray],
    args: tuple,
    scale: float,
) -> tuple[np.ndarray, float]:
    """Minimise ``objective`` (value and gradient in log-parameters) by BFGS from the best of
    ``starts``; returns the log-parameters and the objective there.

    The objective is divided by ``scale`` (the number of customers), so the tolerance means
    the same for 2,357 customers as for a million. Points where it overflows (far from the
    data) count as very bad, so the line search steps back instead of failing; so does
    ``|log parameter| > 35``."""

    def guarded(theta: np.ndarray, *more: np.ndarray) -> tuple[float, np.ndarray]:
        if np.abs(theta).max() > 35:
            return 1e300, np.sign(theta) * 1e3
        with np.errstate(all="ignore"):
            value, grad = objective(theta, *more)
        if not (np.isfinite(value) and np.isfinite(grad).all()):
            return 1e300, np.sign(theta) * 1e3
        return value / scale, grad / scale

    start = min(starts, key=lambda theta: guarded(theta, *args)[0])
    result = optimize.minimize(guarded, start, args=args, jac=True, method="BFGS",
                               options={"gtol": 1e-9})  # fmt: skip
    with np.errstate(all="ignore"):
        value = objective(result.x, *args)[0]
    return result.x, float(value)
