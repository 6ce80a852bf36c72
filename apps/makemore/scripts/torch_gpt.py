"""Text mode's run in PyTorch: nanoGPT's CPU configuration of shakespeare_char, to compare with `makemore train --model gpt`.

Usage: /usr/bin/python3 scripts/torch_gpt.py [--steps 2000] [--eval-every 250] [--eval-iters 200] [--seed 1337] [--threads 1]
The model is nanoGPT's (no biases, LayerNorm without bias, exact GELU, the output layer tied to the token embedding,
weights drawn from N(0, 0.02), residual projections from N(0, 0.02/sqrt(2 n_layer))): block 64, 4 layers of 4 heads,
width 128, dropout 0; batch 12; AdamW lr 1e-3 with betas (0.9, 0.99), weight decay 0.1 on the linear layers' weights,
100 warmup steps then a cosine to 1e-4 at the last step; gradients clipped to norm 1. The text is the tiny Shakespeare
that ships with @typegrad/datasets, its characters in code-point order, the first 90% to train. Every evaluation
prints the mean loss over --eval-iters random batches of each part, and over the first 20 of them (the estimate
nanoGPT's CPU command prints, with --eval_iters=20).
"""
import argparse
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("--steps", type=int, default=2000)
ap.add_argument("--eval-every", type=int, default=250)
ap.add_argument("--eval-iters", type=int, default=200)
ap.add_argument("--seed", type=int, default=1337)
ap.add_argument("--threads", type=int, default=1)
args = ap.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)

here = os.path.dirname(os.path.abspath(__file__))
text = open(os.path.join(here, "..", "..", "..", "packages", "datasets", "data", "tinyshakespeare.txt"), encoding="utf-8").read()
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
ids = torch.tensor([stoi[c] for c in text], dtype=torch.long)
cut = int(0.9 * len(ids))
parts = {"train": ids[:cut], "val": ids[cut:]}
V, T, B, C, L, H = len(chars), 64, 12, 128, 4, 4


def batch(part):
    data = parts[part]
    ix = torch.randint(len(data) - T, (B,))
    return torch.stack([data[i : i + T] for i in ix]), torch.stack([data[i + 1 : i + 1 + T] for i in ix])


class LayerNorm(nn.Module):
    """LayerNorm with a weight and no bias (PyTorch 1.13's nn.LayerNorm always has both)."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(C))

    def forward(self, x):
        return F.layer_norm(x, (C,), self.weight, None, 1e-5)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1, self.ln_2 = LayerNorm(), LayerNorm()
        self.c_attn, self.attn_proj = nn.Linear(C, 3 * C, bias=False), nn.Linear(C, C, bias=False)
        self.c_fc, self.mlp_proj = nn.Linear(C, 4 * C, bias=False), nn.Linear(4 * C, C, bias=False)
        self.register_buffer("mask", torch.tril(torch.ones(T, T)).view(1, 1, T, T))

    def forward(self, x):
        b, t, _ = x.shape
        q, k, v = (z.view(b, t, H, C // H).transpose(1, 2) for z in self.c_attn(self.ln_1(x)).split(C, dim=2))
        att = F.softmax(((q @ k.transpose(-2, -1)) / math.sqrt(C // H)).masked_fill(self.mask[:, :, :t, :t] == 0, float("-inf")), dim=-1)
        x = x + self.attn_proj((att @ v).transpose(1, 2).contiguous().view(b, t, C))
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x))))


class GPT(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(V, C), nn.Embedding(T, C)
        self.blocks = nn.ModuleList([Block() for _ in range(L)])
        self.ln_f = LayerNorm()
        self.lm_head = nn.Linear(C, V, bias=False)
        self.wte.weight = self.lm_head.weight
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, 0.0, 0.02)
        for b in self.blocks:
            for p in (b.attn_proj.weight, b.mlp_proj.weight):
                nn.init.normal_(p, 0.0, 0.02 / math.sqrt(2 * L))

    def forward(self, x, y):
        h = self.wte(x) + self.wpe(torch.arange(x.size(1)))
        for b in self.blocks:
            h = b(h)
        return F.cross_entropy(self.lm_head(self.ln_f(h)).view(-1, V), y.view(-1))


model = GPT()
# weight decay on the linear layers' weights only (the tied head counts as the embedding), as makemore's text mode
linears = {id(m.weight) for m in model.modules() if isinstance(m, nn.Linear) and m is not model.lm_head}
decay = [p for p in model.parameters() if id(p) in linears]
rest = [p for p in model.parameters() if id(p) not in linears]
optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": rest, "weight_decay": 0.0}], lr=1e-3, betas=(0.9, 0.99))


def lr_at(it, warmup=100, top=1e-3, bottom=1e-4):
    if it < warmup:
        return top * (it + 1) / (warmup + 1)
    return bottom + 0.5 * (1 + math.cos(math.pi * (it - warmup) / (args.steps - warmup))) * (top - bottom)


@torch.no_grad()
def estimate():
    model.eval()
    out = {}
    for part in parts:
        losses = [model(*batch(part)).item() for _ in range(args.eval_iters)]
        out[part] = (sum(losses) / len(losses), sum(losses[:20]) / min(20, len(losses)))
    model.train()
    return out


print(f"{sum(p.numel() for p in model.parameters())} parameters; {V} characters; train {cut}, val {len(ids) - cut}; {args.threads} thread(s)")
start = time.time()
for it in range(args.steps + 1):
    if it % args.eval_every == 0 or it == args.steps:
        e = estimate()
        print(f"step {it}: train {e['train'][0]:.4f}  val {e['val'][0]:.4f}  (first 20 batches: {e['train'][1]:.4f} / {e['val'][1]:.4f})  {time.time() - start:.0f} s", flush=True)
    if it == args.steps:
        break
    for g in optimizer.param_groups:
        g["lr"] = lr_at(it)
    loss = model(*batch("train"))
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
print(f"trained {args.steps} steps in {time.time() - start:.0f} s (evaluations included)")
