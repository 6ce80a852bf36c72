"""The scikit-learn baseline of published tutorials on this data, without scikit-learn: CountVectorizer's defaults
(lowercase, tokens of two or more word characters, r"(?u)\\b\\w\\w+\\b", unigrams, every token kept) and
LogisticRegression's (L2 penalty, C = 1, an unpenalised intercept, solved to convergence; binary logistic loss for two
classes, multinomial for more), written with numpy and PyTorch's L-BFGS in float64.

Usage: python3 sklearn_reference.py splits.json > figures.json

splits.json holds {"texts": [...], "labels": [...], "sources": [...], "splits": [{"train": [...], "dev": [...],
"test": [...]}, ...]}, as scripts/results.mjs writes it: the same folds typegrad's models are measured on. Each model
is trained on the split's train part (it needs no dev) and measured on its test part. Prints, as JSON, each split's
accuracy, macro-F1 and accuracy per source.
"""
import json
import re
import sys

import numpy as np
import torch

TOKEN = re.compile(r"(?u)\b\w\w+\b")


def analyse(text):
    return TOKEN.findall(text.lower())


def fit_vocabulary(texts):
    vocab = sorted({t for text in texts for t in analyse(text)})
    return {t: i for i, t in enumerate(vocab)}


def count_matrix(texts, vocab):
    x = np.zeros((len(texts), len(vocab)))
    for row, text in enumerate(texts):
        for t in analyse(text):
            j = vocab.get(t)
            if j is not None:
                x[row, j] += 1
    return torch.from_numpy(x)


def fit_logistic(x, y, classes, c=1.0):
    """Minimises C · Σ loss + ½‖W‖² (the intercept unpenalised), as scikit-learn's lbfgs solver does."""
    n, d = x.shape
    k = 1 if classes == 2 else classes
    w = torch.zeros(d, k, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(k, dtype=torch.float64, requires_grad=True)
    target = torch.from_numpy(np.asarray(y))
    opt = torch.optim.LBFGS([w, b], lr=1, max_iter=1000, tolerance_grad=1e-8, tolerance_change=1e-12, history_size=20, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        z = x @ w + b
        if classes == 2:
            data = torch.nn.functional.binary_cross_entropy_with_logits(z[:, 0], target.double(), reduction="sum")
        else:
            data = torch.nn.functional.cross_entropy(z, target.long(), reduction="sum")
        loss = c * data + 0.5 * (w * w).sum()
        loss.backward()
        return loss

    for _ in range(5):
        opt.step(closure)
    return w.detach(), b.detach()


def predict(x, w, b, classes):
    z = x @ w + b
    return (z[:, 0] > 0).long().numpy() if classes == 2 else z.argmax(1).numpy()


def figures(pred, truth, sources, classes):
    pred, truth = np.asarray(pred), np.asarray(truth)
    f1 = []
    for c in range(classes):
        tp = np.sum((pred == c) & (truth == c))
        denom = np.sum(pred == c) + np.sum(truth == c)
        f1.append(0.0 if denom == 0 else 2 * tp / denom)
    per_source = {}
    for s in dict.fromkeys(sources):
        mask = np.array([x == s for x in sources])
        per_source[s] = float(np.mean(pred[mask] == truth[mask]))
    return {"accuracy": float(np.mean(pred == truth)), "macroF1": float(np.mean(f1)), "perSource": per_source}


def main():
    data = json.load(open(sys.argv[1]))
    texts, labels, sources = data["texts"], data["labels"], data["sources"]
    classes = max(labels) + 1
    torch.set_num_threads(1)
    out = []
    for split in data["splits"]:
        train, test = split["train"], split["test"]
        vocab = fit_vocabulary([texts[i] for i in train])
        w, b = fit_logistic(count_matrix([texts[i] for i in train], vocab), [labels[i] for i in train], classes)
        pred = predict(count_matrix([texts[i] for i in test], vocab), w, b, classes)
        out.append({**figures(pred, [labels[i] for i in test], [sources[i] for i in test], classes), "features": len(vocab)})
    json.dump({"model": "CountVectorizer + LogisticRegression (scikit-learn defaults)", "splits": out}, sys.stdout)


if __name__ == "__main__":
    main()
