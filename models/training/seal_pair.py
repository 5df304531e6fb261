#!/usr/bin/python3
"""Train the learned seal pair model (models/seal-pair.onnx).

The model looks at one registered specimen/impression pair in the specimen's canonical frame, as
the engine builds it (src/SealMatch.Engine/Comparison/SealPairInput.cs, input version 2): 4 channels
of bytes at 0.1 mm per pixel in a square whose side is a multiple of 32 (specimen ink, impression ink
warped into the specimen frame, observed mask, impression texture), divided by 255. It outputs one logit (positive: genuine), which the engine adds as a
feature of its calibrated logistic score model (`calibrate seals`).

Training data comes from `sealmatch export seal-pairs` (the same pipeline as `eval seals`); the
last accounts of the export (their own seals) are held out for validation, or pass `--val` with an
export from another seed:

    dotnet run -c Release --project src/SealMatch.Cli -- export seal-pairs --seed 3000 \
        --genuine 1600 --forged 1600 --classes F1,F1,F2,F3,F3,F4,F5 --dpi 300 --out /tmp/pair-data/train-3000
    /usr/bin/python3 models/training/seal_pair.py --train /tmp/pair-data/train-3000 --seed 1

It writes models/seal-pair.onnx, models/seal-pair.expected.json (outputs for fixed inputs, checked
in ONNX Runtime by the engine tests) and models/seal-pair.md (the model card). `--smoke` trains a
few steps on whatever export it is given and writes into a temporary folder instead.
"""

import argparse
import csv
import hashlib
import json
import os
import sys
import tempfile
import time

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import numpy_helper

from common import equal_error_rate as eer, ramp

CHANNELS = 4
GRANULE = 32
CHECK_SIDE = 128  # side of the fixed inputs recorded for the conformance test
CLASSES = ["genuine", "F1", "F2", "F3", "F4", "F5"]
RAMPS = [7919, 104729]
TOLERANCE = 1e-4
WIDTHS = [CHANNELS, 16, 32, 48, 48, 64, 96]
STRIDES = [2, 2, 2, 1, 2, 2]


class SealPairNet(nn.Module):
    """Fully convolutional over the full-resolution pair (0.1 mm per pixel, any side that is a
    multiple of 32): six 3x3 convolutions (strides 2, 2, 2, 1, 2, 2), global average and max pooling
    (a local difference should count even when the rest matches), two linear layers."""

    def __init__(self):
        super().__init__()
        layers = []
        for i, stride in enumerate(STRIDES):
            layers += [
                nn.Conv2d(WIDTHS[i], WIDTHS[i + 1], 3, stride=stride, padding=1, bias=False),
                nn.BatchNorm2d(WIDTHS[i + 1]),
                nn.ReLU(inplace=True),
            ]
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.Linear(2 * WIDTHS[-1], 64), nn.ReLU(inplace=True), nn.Linear(64, 1))

    def forward(self, x):
        f = self.features(x)
        pooled = torch.cat([f.mean(dim=(2, 3)), f.amax(dim=(2, 3))], dim=1)
        return self.head(pooled)


class Pairs:
    """The pairs of one export: each [CHANNELS, side, side] uint8, sides differ (multiples of 32)."""

    def __init__(self, data, offsets, sides):
        self.data, self.offsets, self.sides = data, offsets, sides

    def __len__(self):
        return len(self.sides)

    def get(self, i):
        s = int(self.sides[i])
        o = int(self.offsets[i])
        return self.data[o : o + CHANNELS * s * s].reshape(CHANNELS, s, s)

    def batch(self, idx):
        return torch.from_numpy(np.stack([self.get(i) for i in idx])).float().div_(255.0)

    @staticmethod
    def concatenate(parts):
        if len(parts) == 1:
            return Pairs(np.array(parts[0].data), parts[0].offsets, parts[0].sides)
        starts = np.cumsum([0] + [len(p.data) for p in parts[:-1]])
        return Pairs(np.concatenate([p.data for p in parts]), np.concatenate([p.offsets + s for p, s in zip(parts, starts)]),
                     np.concatenate([p.sides for p in parts]))

    def subset(self, keep):
        where = np.nonzero(keep)[0]
        return Pairs(self.data, self.offsets[where], self.sides[where])

    def batches(self, idx, size, rng=None):
        """Batches of one side each (the pairs are not resized: their resolution is the point)."""
        out = []
        for s in np.unique(self.sides[idx]):
            members = idx[self.sides[idx] == s]
            if rng is not None:
                members = rng.permutation(members)
            out += [members[i : i + size] for i in range(0, len(members), size)]
        if rng is not None:
            out = [out[k] for k in rng.permutation(len(out))]
        return out


def load_export(folder, limit=None):
    with open(os.path.join(folder, "labels.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(folder, "export.json")) as f:
        meta = json.load(f)
    if meta.get("input_version") != 2 or meta.get("channels") != CHANNELS:
        raise SystemExit(f"{folder}: not a version-2 export of {CHANNELS}-channel pairs (export it again with this engine)")
    n = len(rows) if limit is None else min(limit, len(rows))
    rows = rows[:n]
    sides = np.array([int(r["side"]) for r in rows], dtype=np.int64)
    offsets = np.array([int(r["offset"]) for r in rows], dtype=np.int64)
    end = int(offsets[-1] + CHANNELS * sides[-1] ** 2) if n else 0
    path = os.path.join(folder, "pairs.bin")
    # Mapped, not read: several exports are concatenated into one array, and reading each first would
    # hold every byte twice (four 2.5 GB exports would need 20 GB at the peak).
    data = np.memmap(path, dtype=np.uint8, mode="r", shape=(end,)) if 0 < end <= os.path.getsize(path) else np.zeros(0, np.uint8)
    if len(data) < end or np.any(sides % GRANULE):
        raise SystemExit(f"{folder}: pairs.bin and labels.csv do not match")
    y = np.array([int(r["genuine"]) for r in rows], dtype=np.float32)
    cls = np.array([r["class"] for r in rows])
    classical = np.array([float(r["classical_probability"]) if r["classical_probability"] else np.nan for r in rows])
    slips = np.array([int(r["slip"]) for r in rows])
    return Pairs(data, offsets, sides), y, cls, classical, slips, meta


def dihedral(x, k):
    """One of the 8 rotations/reflections, applied to all channels alike (the pair stays registered)."""
    if k >= 4:
        x = torch.flip(x, dims=(3,))
    return torch.rot90(x, k % 4, dims=(2, 3))


def auc(genuine, forged):
    if len(genuine) == 0 or len(forged) == 0:
        return float("nan")
    scores = np.concatenate([genuine, forged])
    ranks = scores.argsort().argsort().astype(np.float64) + 1
    return float((ranks[: len(genuine)].sum() - len(genuine) * (len(genuine) + 1) / 2) / (len(genuine) * len(forged)))


def predict(model, pairs, batch=16):
    model.eval()
    out = np.zeros(len(pairs), dtype=np.float32)
    with torch.no_grad():
        for idx in pairs.batches(np.arange(len(pairs)), batch):
            out[idx] = model(pairs.batch(idx)).squeeze(1).numpy()
    return out


def metrics(scores, y, cls):
    g = scores[y == 1]
    result = {"all": {"eer": eer(g, scores[y == 0]), "auc": auc(g, scores[y == 0]), "n": int((y == 0).sum())}, "genuine_n": int(len(g))}
    for c in CLASSES[1:]:
        f = scores[cls == c]
        if len(f):
            result[c] = {"eer": eer(g, f), "auc": auc(g, f), "n": int(len(f))}
    return result


# --- A minimal NumPy interpreter for the exported graph: checks the ONNX file itself against torch.


def _conv(x, w, b, strides, pads):
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    oh = (x.shape[2] - kh) // strides[0] + 1
    ow = (x.shape[3] - kw) // strides[1] + 1
    cols = np.empty((n, c, kh, kw, oh, ow), dtype=np.float64)
    for i in range(kh):
        for j in range(kw):
            cols[:, :, i, j] = x[:, :, i : i + strides[0] * oh : strides[0], j : j + strides[1] * ow : strides[1]]
    y = np.tensordot(cols, w.astype(np.float64), axes=([1, 2, 3], [1, 2, 3])).transpose(0, 3, 1, 2)
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y


def run_onnx_numpy(path, x):
    graph = onnx.load(path).graph
    env = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in graph.initializer}
    env[graph.input[0].name] = x.astype(np.float64)
    for node in graph.node:
        a = {attr.name: onnx.helper.get_attribute_value(attr) for attr in node.attribute}
        i = [env[n] if n else None for n in node.input]
        if node.op_type == "Conv":
            y = _conv(i[0], i[1], i[2] if len(i) > 2 else None, a.get("strides", [1, 1]), a.get("pads", [0, 0, 0, 0]))
        elif node.op_type == "Relu":
            y = np.maximum(i[0], 0)
        elif node.op_type == "ReduceMean":
            y = i[0].mean(axis=tuple(a["axes"]), keepdims=bool(a.get("keepdims", 1)))
        elif node.op_type == "ReduceMax":
            y = i[0].max(axis=tuple(a["axes"]), keepdims=bool(a.get("keepdims", 1)))
        elif node.op_type == "Concat":
            y = np.concatenate(i, axis=a["axis"])
        elif node.op_type == "Gemm":
            aa = i[0].T if a.get("transA", 0) else i[0]
            bb = i[1].T if a.get("transB", 0) else i[1]
            y = a.get("alpha", 1.0) * aa @ bb + (a.get("beta", 1.0) * i[2] if len(i) > 2 else 0)
        elif node.op_type == "BatchNormalization":
            s, bias, mean, var = (v.reshape(1, -1, 1, 1) for v in i[1:5])
            y = (i[0] - mean) / np.sqrt(var + a.get("epsilon", 1e-5)) * s + bias
        elif node.op_type == "Identity":
            y = i[0]
        elif node.op_type == "Flatten":
            y = i[0].reshape(i[0].shape[0], -1)
        else:
            raise SystemExit(f"numpy check: unsupported op {node.op_type}")
        env[node.output[0]] = y
    return env[graph.output[0].name]


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", required=True, nargs="+", help="export folder(s) for training (sealmatch export seal-pairs), each from its own seed")
    parser.add_argument("--val", default=None, help="export folder from another seed for validation (default: hold out the last accounts of --train)")
    parser.add_argument("--holdout", type=float, default=0.15, help="without --val: fraction of accounts (8 slips each, their own seals) held out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--batch", type=int, default=24)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-minutes", type=float, default=45, help="stop training after this long (the last finished epoch is kept)")
    parser.add_argument("--out", default=None, help="folder for seal-pair.onnx, .expected.json and .md (default: models/)")
    parser.add_argument("--smoke", action="store_true", help="a few steps on at most 64 pairs, into a temporary folder")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = tempfile.mkdtemp(prefix="seal-pair-smoke-") if args.smoke else (args.out or os.path.join(repo, "models"))
    os.makedirs(out, exist_ok=True)

    limit = 64 if args.smoke else None
    exports = [load_export(folder, limit) for folder in args.train]
    metas_t = [e[5] for e in exports]
    if len({m["seed"] for m in metas_t}) != len(metas_t):
        raise SystemExit("each training export must come from its own seed")
    if len(exports) > 1 and not args.val:
        raise SystemExit("with several training exports, pass --val (an export from another seed)")
    pt_all = Pairs.concatenate([e[0] for e in exports])
    yt, ct, pt, st = (np.concatenate([e[k] for e in exports]) for k in range(1, 5))
    del exports  # the per-export arrays: the concatenation holds its own copy of their bytes
    meta_t = metas_t[0]
    if args.val:
        xv, yv, cv, pv, _, meta_v = load_export(args.val, limit)
        if any(m["seed"] == meta_v["seed"] for m in metas_t) and not args.smoke:
            raise SystemExit("validation must come from another seed than training")
        xt = pt_all
        split = f"seed {meta_v['seed']}"
    else:
        # Accounts change every 8 slips and each draws its own seals: the last accounts are unseen seals.
        accounts = st // 8
        unique = np.unique(accounts)
        cut = unique[min(len(unique) - 1, int(len(unique) * (1 - args.holdout)))]
        held = accounts >= cut if not args.smoke else np.ones(len(yt), dtype=bool)
        xv, yv, cv, pv, meta_v = pt_all.subset(held), yt[held], ct[held], pt[held], meta_t
        keep = ~held if not args.smoke else np.ones(len(yt), dtype=bool)
        xt, yt, ct = pt_all.subset(keep), yt[keep], ct[keep]
        split = f"seed {meta_t['seed']}, accounts {int(accounts[held].min())}–{int(accounts.max())} held out"
    print(f"train: {len(yt)} pairs ({int(yt.sum())} genuine) from seed(s) {', '.join(str(m['seed']) for m in metas_t)}; val: {len(yv)} pairs ({split})", flush=True)

    model = SealPairNet()
    params = sum(p.numel() for p in model.parameters())
    epochs = 1 if args.smoke else args.epochs
    rng = np.random.default_rng(args.seed)
    steps_per_epoch = len(xt.batches(np.arange(len(yt)), args.batch))
    max_steps = 3 if args.smoke else epochs * steps_per_epoch
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=max_steps, pct_start=0.15)
    pos_weight = torch.tensor([(len(yt) - yt.sum()) / max(1.0, yt.sum())])
    yt_t = torch.from_numpy(yt)
    clock = time.time()
    step = 0
    history = []
    best = None
    for epoch in range(epochs):
        model.train()
        total = 0.0
        done = 0
        for idx in xt.batches(np.arange(len(yt)), args.batch, rng):
            if step >= max_steps:
                break
            x = dihedral(xt.batch(idx), int(rng.integers(8)))
            logit = model(x).squeeze(1)
            loss = F.binary_cross_entropy_with_logits(logit, yt_t[idx], pos_weight=pos_weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item()
            step += 1
            done += 1
            if done % 20 == 0:
                print(f"  epoch {epoch + 1} step {done}/{steps_per_epoch}: loss {total / done:.4f}, {time.time() - clock:.0f} s", flush=True)
        elapsed = time.time() - clock
        val = metrics(predict(model, xv), yv, cv)
        history.append({"epoch": epoch + 1, "loss": total / max(1, done), "val_eer": val["all"]["eer"], "seconds": round(elapsed, 1)})
        per_class = ", ".join(f"{c} {100 * val[c]['eer']:.1f}" for c in CLASSES[1:] if c in val)
        print(f"epoch {epoch + 1}/{epochs}: loss {total / max(1, done):.4f}, val EER {val['all']['eer']:.4f} AUC {val['all']['auc']:.4f} ({per_class}), {elapsed:.0f} s", flush=True)
        if best is None or val["all"]["eer"] < best[0]:
            best = (val["all"]["eer"], epoch + 1, {k: v.clone() for k, v in model.state_dict().items()})
        if elapsed > args.max_minutes * 60:
            print("time limit reached", flush=True)
            break
    train_seconds = time.time() - clock
    model.load_state_dict(best[2])
    chosen_epoch = best[1]
    print(f"kept epoch {chosen_epoch} (lowest validation EER)", flush=True)

    model.eval()
    scores_v = predict(model, xv)
    val = metrics(scores_v, yv, cv)
    classical_val = metrics(pv, yv, cv) if not np.isnan(pv).any() else None

    onnx_path = os.path.join(out, "seal-pair.onnx")
    dummy = torch.zeros(1, CHANNELS, CHECK_SIDE, CHECK_SIDE)
    torch.onnx.export(model, dummy, onnx_path, input_names=["input"], output_names=["logit"],
                      dynamic_axes={"input": {0: "batch", 2: "height", 3: "width"}, "logit": {0: "batch"}},
                      opset_version=13, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(onnx_path))
    digest = sha256(onnx_path)

    n = CHANNELS * CHECK_SIDE * CHECK_SIDE
    cases = []
    worst = 0.0
    for k in RAMPS:
        x = ramp(k, n).reshape(1, CHANNELS, CHECK_SIDE, CHECK_SIDE)
        with torch.no_grad():
            y_torch = model(torch.from_numpy(x)).numpy().reshape(-1)
        y_onnx = run_onnx_numpy(onnx_path, x).reshape(-1)
        worst = max(worst, float(np.abs(y_torch - y_onnx).max()))
        cases.append({"input": f"ramp:{k}", "output": [float(v) for v in y_torch]})
    # Real pairs too (the smallest of the validation set, to keep the NumPy check quick): the ONNX
    # graph must agree with torch on data, not only on ramps.
    smallest = np.argsort(xv.sides, kind="stable")[:2]
    for i in smallest:
        x = xv.batch([i])
        with torch.no_grad():
            y_torch = model(x).numpy().reshape(-1)
        y_onnx = run_onnx_numpy(onnx_path, x.numpy()).reshape(-1)
        worst = max(worst, float(np.abs(y_torch - y_onnx).max()))
    print(f"ONNX (NumPy interpreter) vs torch: max |difference| {worst:.2e}", flush=True)
    if worst > TOLERANCE:
        raise SystemExit(f"ONNX export differs from torch by {worst:.2e} > {TOLERANCE}")

    with open(os.path.join(out, "seal-pair.expected.json"), "w") as f:
        json.dump({"model": "seal-pair", "sha256": digest, "input_shape": [1, CHANNELS, CHECK_SIDE, CHECK_SIDE], "tolerance": TOLERANCE, "cases": cases}, f, indent=2)
        f.write("\n")

    write_card(os.path.join(out, "seal-pair.md"), args, metas_t, meta_v, split, len(yt), int(yt.sum()), len(yv), int(yv.sum()), params,
               os.path.getsize(onnx_path), train_seconds, val, classical_val, history, digest, worst, chosen_epoch)
    print(f"wrote {onnx_path} ({os.path.getsize(onnx_path)} bytes, sha256 {digest}), training {train_seconds:.0f} s", flush=True)
    if args.smoke:
        print(f"smoke run: outputs in {out}")
    return 0


def write_card(path, args, metas_t, meta_v, split, nt, gt, nv, gv, params, size, seconds, val, classical_val, history, digest, worst, chosen_epoch):
    def pct(v):
        return "—" if v is None or v != v else f"{100 * v:.2f} %"

    lines = [
        "# seal-pair: learned score of a registered seal pair",
        "",
        "A small CNN over one registered specimen/impression pair in the specimen's canonical frame. Its logit",
        "is one more input of the engine's calibrated logistic score model (`pair_logit`, see",
        "`src/SealMatch.Engine/Comparison/ScoreModel.cs`); whether the engine uses the fused model by default,",
        "and the comparison with the classical model on fresh seeds, is in the section *Fusion* below.",
        "",
        "## Input",
        "",
        f"`[N, {CHANNELS}, side, side]` float32, each value a byte / 255, built by `SealPairInput.Build`",
        "(`src/SealMatch.Engine/Comparison/SealPairInput.cs`, input version 2) both for the training export and at",
        "serving time: the specimen canvas at its full resolution, 0.1 mm per pixel, centred in a square whose",
        f"side is the canvas rounded up to a multiple of {GRANULE} (a canvas over 512 pixels, a seal over about 48 mm, is",
        "reduced by area averaging to 512). Full resolution because a re-carved seal's change is small: a",
        "character moved by 0.2 mm is two pixels. Channels: specimen ink strength; impression ink strength warped",
        "into the specimen frame by the engine's registration (zero where unknown); mask of pixels observed in",
        "both; impression texture (|I − Gaussian3x3(I)| x 4, where observed). Output `logit` `[N, 1]`: positive",
        "means genuine.",
        "",
        "## Data",
        "",
        "Synthetic, from the repository's generator through the full pipeline (`sealmatch export seal-pairs`:",
        "generate slips → localise → register against the expected specimen). Forged impressions dealt over",
        f"{','.join(metas_t[0]['forgery_classes'])} in turn (a class listed twice has twice the share: F1 re-carved and F3 printed copy are",
        "the classes the classical scores separate worst).",
        "",
        "| split | seed | pairs | genuine | forged |",
        "|---|--:|--:|--:|--:|",
        f"| train | {', '.join(str(m['seed']) for m in metas_t)} | {nt} | {gt} | {nt - gt} |",
        f"| validation ({split}: seals not trained on) | {meta_v['seed']} | {nv} | {gv} | {nv - gv} |",
        "",
        "Training augmentation: the 8 rotations/reflections of the whole pair (it stays registered). Batches hold",
        "pairs of one side (the pairs are never resized).",
        "",
        "## Architecture and training",
        "",
        f"Fully convolutional: 6 x Conv 3x3 (channels {'→'.join(str(w) for w in WIDTHS)}, strides {', '.join(str(s) for s in STRIDES)}: a",
        "480-pixel pair becomes 15 x 15), each with batch norm (folded into the convolution on export) and ReLU;",
        f"global average and global max pooling concatenated ({2 * WIDTHS[-1]}; the max keeps one local difference from",
        f"being averaged away); Linear {2 * WIDTHS[-1]}→64, ReLU, Linear 64→1. Class-balanced binary cross-entropy, AdamW,",
        "one-cycle learning rate; the epoch with the lowest validation EER is kept.",
        "",
        f"- parameters: {params:,}; ONNX file: {size:,} bytes (opset 13, dynamic batch and side)",
        f"- training: {len(history)} epochs (kept epoch {chosen_epoch}), batch {args.batch}, max lr {args.lr}, seed {args.seed}, {args.threads} CPU threads (torch {torch.__version__}); wall time {seconds / 60:.1f} min",
        f"- ONNX graph checked against torch with a NumPy interpreter of the exported graph: max |difference| {worst:.1e}",
        f"- SHA-256: `{digest}`",
        "",
        "## Validation (a seed or accounts not trained on; the CNN's logit alone)",
        "",
        "| class | n | EER CNN | AUC CNN | EER classical probability |",
        "|---|--:|--:|--:|--:|",
    ]
    for c in ["all"] + CLASSES[1:]:
        if c in val:
            cl = classical_val[c]["eer"] if classical_val and c in classical_val else None
            lines.append(f"| {c} | {val[c]['n']} | {pct(val[c]['eer'])} | {val[c]['auc']:.4f} | {pct(cl)} |")
    lines += [
        "",
        f"(Genuine pairs: {val['genuine_n']}. The classical column is the shipped classical score model on the same pairs.)",
        "",
        "Per epoch: " + "; ".join(f"{h['epoch']}: loss {h['loss']:.3f}, val EER {pct(h['val_eer'])}" for h in history),
        "",
        "## Commands",
        "",
        "```",
    ]
    for m in metas_t:
        lines.append(f"dotnet run -c Release --project src/SealMatch.Cli -- export seal-pairs --seed {m['seed']} --genuine {m['genuine_requested']} --forged {m['forged_requested']} --classes {','.join(m['forgery_classes'])} --dpi {m['dpi']} --out /tmp/pair-data/train-{m['seed']}")
    if args.val:
        lines.append(f"dotnet run -c Release --project src/SealMatch.Cli -- export seal-pairs --seed {meta_v['seed']} --genuine {meta_v['genuine_requested']} --forged {meta_v['forged_requested']} --classes {','.join(meta_v['forgery_classes'])} --dpi {meta_v['dpi']} --out /tmp/pair-data/val-{meta_v['seed']}")
    lines += [
        "/usr/bin/python3 models/training/seal_pair.py --train " + " ".join(f"/tmp/pair-data/train-{m['seed']}" for m in metas_t) + (f" --val /tmp/pair-data/val-{meta_v['seed']}" if args.val else f" --holdout {args.holdout}") + f" --seed {args.seed} --epochs {args.epochs} --batch {args.batch} --lr {args.lr}",
        "```",
        "",
        "## Fusion",
        "",
    ]
    # The fusion results come from `calibrate seals` and `eval seals` after training: keep them.
    fusion = "Not measured yet: calibrate the fused score model and run `eval seals` on fresh seeds.\n"
    if os.path.exists(path):
        with open(path) as f:
            previous = f.read()
        if "## Fusion\n\n" in previous:
            fusion = previous.split("## Fusion\n\n", 1)[1]
    lines.append(fusion)
    with open(path, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
