#!/usr/bin/python3
"""A plain PyTorch implementation of one symscore scenario run, written without symscore's code,
to pair symscore's numbers with: bench/peer_compare runs both on the same training set.

What it does, the standard way (PyTorch defaults wherever symscore leaves a choice open):
  network   an MLP on [x, sin(2 pi w t), cos(2 pi w t)] (w ~ N(0, 16^2), fixed), SiLU, the
            scenario's width/depth/fourier_features, torch.nn.Linear's default initialization;
            it predicts the noise eps and the score is -eps / sigma(t)
  models    plain; augmented (each use of a point applies a uniformly drawn group element);
            equivariant (Reynolds average (1/|G|) sum_g A_g^T eps(A_g x, t))
  training  denoising score matching, minibatches drawn with replacement, t ~ U(eps, T),
            loss |eps(alpha x0 + sigma z, t) - z|^2 summed over x, y and averaged over the
            batch, torch.optim.Adam at the scenario's lr, the scenario's steps and batch
  sampling  Euler-Maruyama on the reverse SDE from the prior at T down to eps, uniform steps
  processes VP, OU and VE with symscore's alpha(t), sigma(t) (docs/math.md)
Every model starts from the same weights (torch.manual_seed(seed) before each).
--like-symscore feeds the time features tau = t / T with frequencies w ~ N(0, fourier_scale^2),
as symscore does, instead of raw t with scale 16, and scales the network's input x as the
scenario's network.input_scaling says (docs/models.md): by c_in(t) = 1 / sqrt(alpha^2 m2 +
sigma^2) with m2 = 1 ("noise", symscore's default: c_in = 1 for VP and OU, the noise's growth
divided out for VE) or m2 the target's second moment ("data"). Three more switches each take
over one more of symscore's choices, for finding the cause of a gap one difference at a time:
  --freq-per-seed  the Fourier frequencies are drawn from the run's seed (default: seed 0)
  --c-in           the network sees x scaled by c_in(t) with m2 the target's second moment per
                   coordinate, whatever the scenario says
  --epochs         minibatches are consecutive slices of shuffled epochs (default: drawn with
                   replacement)

Usage: torch_peer.py FULL.json --train TRAIN.csv --out DIR [--steps S] [--seed K] [--like-symscore]
                    [--freq-per-seed] [--c-in] [--epochs]
  FULL.json: a scenario with every default filled in (symscore-cli validate S > FULL.json)
  writes DIR/peer_samples_<model>.csv (x,y per line) and prints {"<model>": seconds, ...}
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch


def group_matrices(g):
    kind, n = g.get("type", "trivial"), int(g.get("n", 1))

    def rot(a):
        return np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])

    def mirror(phi):  # reflection across the line at angle phi
        return np.array([[math.cos(2 * phi), math.sin(2 * phi)], [math.sin(2 * phi), -math.cos(2 * phi)]])

    if kind == "trivial":
        return [np.eye(2)]
    if kind == "reflection":
        return [np.eye(2), mirror(math.radians(g.get("axis_deg", 0.0)))]
    rots = [rot(2 * math.pi * k / n) for k in range(n)]
    if kind == "cyclic":
        return rots
    if kind == "dihedral":
        return rots + [r @ mirror(0.0) for r in rots]
    raise SystemExit(f"torch_peer: group.type {kind!r} is not supported")


def schedule(proc):
    """alpha(t), sigma(t), f(t), g^2(t) of the forward process, as torch functions of t."""
    kind = proc.get("type", "vp")
    if kind == "vp":
        b0, b1 = proc["beta_min"], proc["beta_max"]

        def coeffs(t):
            beta = b0 + t * (b1 - b0)
            al = torch.exp(-0.5 * b0 * t - 0.25 * (b1 - b0) * t * t)
            return al, torch.sqrt(1 - al * al), -0.5 * beta, beta
        return coeffs, 1.0
    if kind == "ou":
        def coeffs(t):
            al = torch.exp(-t)
            return al, torch.sqrt(1 - al * al), -torch.ones_like(t), 2 * torch.ones_like(t)
        return coeffs, 1.0
    if kind == "ve":
        s0, s1 = proc["sigma_min"], proc["sigma_max"]
        k = 2 * math.log(s1 / s0)

        def coeffs(t):
            si = s0 * (s1 / s0) ** t
            return torch.ones_like(t), si, torch.zeros_like(t), k * si * si
        return coeffs, s1
    raise SystemExit(f"torch_peer: process.type {kind!r} is not supported")


class ScoreNet(torch.nn.Module):
    def __init__(self, net, T, like_symscore, freq_seed=0):
        super().__init__()
        F = net["fourier_features"]
        g = torch.Generator().manual_seed(freq_seed)
        scale = net["fourier_scale"] if like_symscore else 16.0
        self.register_buffer("freq", torch.randn(F, generator=g) * scale)
        self.time_unit = T if like_symscore else 1.0
        layers, d = [], 2 + 2 * F
        for _ in range(net["depth"]):
            layers += [torch.nn.Linear(d, net["width"]), torch.nn.SiLU()]
            d = net["width"]
        self.mlp = torch.nn.Sequential(*layers, torch.nn.Linear(d, 2))

    def forward(self, x, t):
        phase = 2 * math.pi * (t[:, None] / self.time_unit) * self.freq[None]
        return self.mlp(torch.cat([x, torch.sin(phase), torch.cos(phase)], 1))


def noise_predictor(m, G, equivariant):
    if not equivariant:
        return m

    def averaged(x, t):
        gx = torch.einsum("gij,bj->gbi", G, x).reshape(-1, 2)
        out = m(gx, t.repeat(len(G))).reshape(len(G), -1, 2)
        return torch.einsum("gji,gbj->bi", G, out) / len(G)
    return averaged


def second_moment(mix, G):
    """The target's second moment per coordinate, 0.5 E|x|^2, from its components."""
    sb, num, den = mix.get("symmetry_breaking", 0.0), 0.0, 0.0
    for j, c in enumerate(mix["components"]):
        mu, S, w = np.array(c["mean"], float), np.array(c["cov"], float), float(c.get("weight", 1.0))
        images = len(G) if mix.get("orbit", True) else 1
        for gi in range(images):  # |A mu| and tr(A S A^T) do not depend on the image
            wk = w / images * ((1.0 + sb) if j == 0 and gi == 0 else 1.0)
            num, den = num + wk * 0.5 * (np.trace(S) + mu @ mu), den + wk
    return num / den


class EpochIndices:
    """Minibatch indices as consecutive slices of shuffled epochs (no replacement within one)."""

    def __init__(self, n):
        self.n, self.perm, self.pos = n, None, n

    def draw(self, count):
        parts, got = [], 0
        while got < count:
            if self.pos == self.n:
                self.perm, self.pos = torch.randperm(self.n), 0
            k = min(count - got, self.n - self.pos)
            parts.append(self.perm[self.pos:self.pos + k])
            self.pos, got = self.pos + k, got + k
        return torch.cat(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("--train", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--steps", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--like-symscore", action="store_true")
    ap.add_argument("--freq-per-seed", action="store_true")
    ap.add_argument("--c-in", action="store_true")
    ap.add_argument("--epochs", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(1)
    sc = json.load(open(a.scenario))
    tr, net, proc, smp = sc["training"], sc["network"], sc["process"], sc["sampling"]
    if net.get("activation", "silu") != "silu":
        raise SystemExit("torch_peer: only network.activation silu is supported")
    steps, B, lr = a.steps or tr["steps"], tr["batch"], tr["lr"]
    T, eps = proc["T"], proc["eps"]
    coeffs, prior_std = schedule(proc)
    G = torch.tensor(np.stack(group_matrices(sc["group"])), dtype=torch.float32)
    X0 = torch.tensor(np.loadtxt(a.train, delimiter=",", ndmin=2), dtype=torch.float32)
    os.makedirs(a.out, exist_ok=True)
    m2 = second_moment(sc["mixture"], G)
    seconds = {}
    for spec in sc["models"]:
        eq, aug = spec.get("equivariance", "none"), spec.get("augmentation", "none")
        if eq == "exact":
            continue
        if eq not in ("none", "reynolds") or aug not in ("none", "random"):
            raise SystemExit(f"torch_peer: model {spec['name']}: {eq}/{aug} is not supported")
        started = time.time()
        torch.manual_seed(a.seed)
        m = ScoreNet(net, T, a.like_symscore, 12345 + a.seed if a.freq_per_seed else 0)
        opt = torch.optim.Adam(m.parameters(), lr)
        net_in = m
        if a.c_in or a.like_symscore:
            m2_in = m2 if a.c_in or net.get("input_scaling", "noise") == "data" else 1.0

            def net_in(x, t, m=m, m2_in=m2_in):
                al, si, _, _ = coeffs(t)
                return m(x / torch.sqrt(al * al * m2_in + si * si)[:, None], t)
        f = noise_predictor(net_in, G, eq == "reynolds")
        epochs = EpochIndices(len(X0)) if a.epochs else None
        for _ in range(steps):
            x0 = X0[epochs.draw(B) if epochs else torch.randint(0, len(X0), (B,))]
            if aug == "random":
                x0 = torch.einsum("bij,bj->bi", G[torch.randint(0, len(G), (B,))], x0)
            t = torch.rand(B) * (T - eps) + eps
            al, si, _, _ = coeffs(t)
            z = torch.randn_like(x0)
            loss = ((f(al[:, None] * x0 + si[:, None] * z, t) - z) ** 2).sum(1).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        n, K = smp["particles"], smp["steps"]
        h = (T - eps) / K
        with torch.no_grad():
            y = torch.randn(n, 2) * prior_std
            for k in range(K):
                t = torch.full((n,), T - k * h)
                _, si, fd, g2 = coeffs(t)
                s = -f(y, t) / si[:, None]
                y = y - h * (fd[:, None] * y - g2[:, None] * s) + torch.sqrt(g2 * h)[:, None] * torch.randn_like(y)
        np.savetxt(os.path.join(a.out, f"peer_samples_{spec['name']}.csv"), y.numpy().astype(np.float64),
                   delimiter=",", fmt="%.9g")
        seconds[spec["name"]] = round(time.time() - started, 1)
        print(f"torch_peer: {spec['name']} {seconds[spec['name']]} s", file=sys.stderr)
    print(json.dumps(seconds))


if __name__ == "__main__":
    sys.exit(main())
