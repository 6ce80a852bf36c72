"""One training step of a character-level GPT in PyTorch, as nanoGPT writes the model (pre-LayerNorm blocks,
c_attn / c_proj, GELU MLP), timed like tooling/bench/measure.mjs. PyTorch 1.13 has no fused attention, so
attention is nanoGPT's own fallback (masked softmax of q·kᵀ/√d); AdamW runs with foreach=True, its fastest form.

Usage: python3 gpt_step.py --config makemore|shakespeare [--threads 1] [--seconds 0.3] [--runs 5]
"""
import argparse
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tooling", "bench"))
import torch_peer  # noqa: E402

CONFIGS = {
    # makemore's transformer on names: vocab 27, block 16, 4 layers of 4 heads, width 64, tanh GELU, biases, batch 32
    "makemore": dict(vocab=27, block=16, layers=4, heads=4, emb=64, bias=True, tanh=True, batch=32, lr=5e-4, wd=0.01, tied=False),
    # nanoGPT's CPU shakespeare_char: vocab 65, block 64, 4 layers of 4 heads, width 128, no biases, batch 12
    "shakespeare": dict(vocab=65, block=64, layers=4, heads=4, emb=128, bias=False, tanh=False, batch=12, lr=1e-3, wd=0.1, tied=True),
}


def build(torch, c):
    nn, F = torch.nn, torch.nn.functional

    class Attention(nn.Module):
        def __init__(self):
            super().__init__()
            self.c_attn = nn.Linear(c["emb"], 3 * c["emb"], bias=c["bias"])
            self.c_proj = nn.Linear(c["emb"], c["emb"], bias=c["bias"])
            self.register_buffer("mask", torch.tril(torch.ones(c["block"], c["block"])).view(1, 1, c["block"], c["block"]))

        def forward(self, x):
            B, T, C = x.size()
            q, k, v = self.c_attn(x).split(C, dim=2)
            q, k, v = (t.view(B, T, c["heads"], C // c["heads"]).transpose(1, 2) for t in (q, k, v))
            att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
            att = F.softmax(att.masked_fill(self.mask[:, :, :T, :T] == 0, float("-inf")), dim=-1)
            return self.c_proj((att @ v).transpose(1, 2).contiguous().view(B, T, C))

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln_1 = nn.LayerNorm(c["emb"], elementwise_affine=True)
            self.attn = Attention()
            self.ln_2 = nn.LayerNorm(c["emb"])
            self.c_fc = nn.Linear(c["emb"], 4 * c["emb"], bias=c["bias"])
            self.c_proj = nn.Linear(4 * c["emb"], c["emb"], bias=c["bias"])

        def forward(self, x):
            x = x + self.attn(self.ln_1(x))
            return x + self.c_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh" if c["tanh"] else "none"))

    class GPT(nn.Module):
        def __init__(self):
            super().__init__()
            self.wte, self.wpe = nn.Embedding(c["vocab"], c["emb"]), nn.Embedding(c["block"], c["emb"])
            self.h = nn.ModuleList([Block() for _ in range(c["layers"])])
            self.ln_f = nn.LayerNorm(c["emb"])
            self.lm_head = nn.Linear(c["emb"], c["vocab"], bias=False)
            if c["tied"]:
                self.wte.weight = self.lm_head.weight

        def forward(self, idx, targets):
            x = self.wte(idx) + self.wpe(torch.arange(idx.size(1)))
            for b in self.h:
                x = b(x)
            logits = self.lm_head(self.ln_f(x))
            return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))

    return GPT()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", choices=CONFIGS, default="shakespeare")
    ap.add_argument("--seconds", type=float, default=0.3)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch = torch_peer.setup(args.threads)
    if torch is None:
        return
    c = CONFIGS[args.config]
    torch.manual_seed(0)
    model = build(torch, c)
    optimizer = torch.optim.AdamW(model.parameters(), lr=c["lr"], betas=(0.9, 0.99), weight_decay=c["wd"], foreach=True)
    x = torch.randint(0, c["vocab"], (c["batch"], c["block"]))
    y = torch.randint(0, c["vocab"], (c["batch"], c["block"]))

    def step():
        loss = model(x, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()

    torch_peer.run(torch, step, args.seconds, args.runs, config=args.config)


if __name__ == "__main__":
    main()
