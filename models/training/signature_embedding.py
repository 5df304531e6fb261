#!/usr/bin/python3
"""Trains the writer-independent signature embedding (models/signature-embedding.onnx).

Input: signatures normalised by the engine's own preprocessing (`sealmatch signatures prepare`),
so training and serving see identical images: 8-bit canvases of 96 x 192 pixels, 255 paper, 0 ink.
The model takes (255 - pixel) / 255 as a [N, 1, 96, 192] float tensor and returns an L2-normalised
128-d embedding.

Split by writer (never by image): --train-writers for the weights, --val-writers for model
selection (and, in C#, for calibrating the decision). Writers outside both ranges are never read:
they are the held-out set the reported evaluation runs on.

Run (about 30 min on 2 cores):
  dotnet run -c Release --project src/SealMatch.Cli -- signatures prepare \
      --data ../shared/data/signatures/cross-media-zh --out /tmp/signatures-prepared
  /usr/bin/python3 models/training/signature_embedding.py --data /tmp/signatures-prepared --seed 1

Smoke (CI, < 1 min, writes to a temporary folder):
  /usr/bin/python3 models/training/signature_embedding.py --data <prepared> --smoke
"""

import argparse
import datetime
import hashlib
import json
import math
import os
import random
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

from common import equal_error_rate, ramp

NAME = "signature-embedding"
HEIGHT, WIDTH = 96, 192
EMBEDDING = 128


def parse_range(text):
    a, _, b = text.partition("-")
    return list(range(int(a), int(b or a) + 1))


def load_writers(root, writers):
    """All genuine images of the given writers: (images uint8 [N,H,W], writer ids, image numbers)."""
    images, labels, numbers = [], [], []
    for w in writers:
        folder = os.path.join(root, "writer-%03d" % w)
        if not os.path.isdir(folder):
            continue
        for f in sorted(os.listdir(folder)):
            stem, ext = os.path.splitext(f)
            if ext.lower() != ".png" or not stem.isdigit():
                continue
            im = np.asarray(Image.open(os.path.join(folder, f)).convert("L"), dtype=np.uint8)
            if im.shape != (HEIGHT, WIDTH):
                raise SystemExit("%s is %s, not a %dx%d prepared canvas: run `sealmatch signatures prepare`" % (f, im.shape, HEIGHT, WIDTH))
            images.append(im)
            labels.append(w)
            numbers.append(int(stem))
    if not images:
        raise SystemExit("no prepared images for writers %s under %s" % (writers[:3], root))
    return np.stack(images), np.array(labels), np.array(numbers)


def to_tensor(images):
    """The engine's SignatureImage.ToTensor: (255 - pixel) / 255, ink bright."""
    return (255.0 - torch.from_numpy(images).float().unsqueeze(1)) / 255.0


def conv(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class SignatureNet(nn.Module):
    """A small VGG-like CNN: 96x192 -> (average 2x2) 48x96 -> 3x6 feature map -> average and max pooling -> 128-d, L2-normalised."""

    def __init__(self, width=32, input_pool=2):
        super().__init__()
        c = width
        # input_pool 2: the canvas is averaged down to 48x96 first (four times less compute; strokes
        # stay 1-3 pixels wide). input_pool 1: the full 96x192 canvas, one more max pooling, so the
        # same 3x6 map at the end sees the strokes' shape at twice the resolution.
        front = [nn.AvgPool2d(2)] if input_pool == 2 else []
        extra = [] if input_pool == 2 else [conv(c, c), nn.MaxPool2d(2)]
        self.features = nn.Sequential(
            *front,                                                                           # 48x96 (pool 2) or 96x192
            nn.Conv2d(1, c, 5, 2, 2, bias=False), nn.BatchNorm2d(c), nn.ReLU(inplace=True),  # 24x48 or 48x96
            *extra,                                                                           # (pool 1) 24x48
            conv(c, c), nn.MaxPool2d(2),                                                      # 12x24
            conv(c, 2 * c), conv(2 * c, 2 * c), nn.MaxPool2d(2),                              # 6x12
            conv(2 * c, 4 * c), conv(4 * c, 4 * c), nn.MaxPool2d(2),                          # 3x6
            conv(4 * c, 8 * c),
        )
        self.dropout = nn.Dropout(0.3)
        self.embed = nn.Linear(16 * c, EMBEDDING)

    def forward(self, x):
        f = self.features(x)
        pooled = torch.cat([f.mean(dim=(2, 3)), f.amax(dim=(2, 3))], dim=1)
        return F.normalize(self.embed(self.dropout(pooled)), dim=1)


class CosFace(nn.Module):
    """Additive-margin softmax over the training writers (s * (cos - m) for the true writer)."""

    def __init__(self, classes, scale=24.0, margin=0.2):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(classes, EMBEDDING) * 0.01)
        self.scale, self.margin = scale, margin

    def forward(self, embedding, target):
        cos = embedding @ F.normalize(self.weight, dim=1).t()
        onehot = F.one_hot(target, cos.shape[1]).float()
        return F.cross_entropy(self.scale * (cos - self.margin * onehot), target)


def augment(x, gen):
    """Random small rotation, scale, shear, shift, elastic warp, stroke width and ink contrast."""
    n = x.shape[0]
    u = lambda lo, hi: torch.rand(n, generator=gen) * (hi - lo) + lo
    angle = u(-8, 8) * math.pi / 180
    scale = u(0.85, 1.12)
    aspect = u(0.9, 1.1)
    shear = u(-0.2, 0.2)
    tx, ty = u(-0.06, 0.06), u(-0.08, 0.08)
    cos, sin = torch.cos(angle), torch.sin(angle)
    # Output -> input mapping in normalised coordinates; the canvas is twice as wide as high.
    a11 = cos / (scale * aspect)
    a12 = (-sin + shear) / scale * 0.5
    a21 = sin / scale * 2.0
    a22 = cos * aspect / scale
    theta = torch.stack([torch.stack([a11, a12, tx], 1), torch.stack([a21, a22, ty], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    # Elastic: a smooth random displacement (coarse noise upsampled).
    coarse = (torch.rand(n, 2, 4, 8, generator=gen) - 0.5) * 0.06
    elastic = F.interpolate(coarse, size=(HEIGHT, WIDTH), mode="bicubic", align_corners=False).permute(0, 2, 3, 1)
    x = F.grid_sample(x, grid + elastic, mode="bilinear", padding_mode="zeros", align_corners=False)
    # Stroke width: dilate a third, erode a third (3x3 grey morphology).
    r = torch.rand(n, generator=gen)
    thick = F.max_pool2d(x, 3, 1, 1)
    thin = -F.max_pool2d(-x, 3, 1, 1)
    x = torch.where((r < 0.33).view(n, 1, 1, 1), thick, torch.where((r > 0.67).view(n, 1, 1, 1), thin, x))
    # Ink contrast: weaker ink and a gamma, then renormalise like the engine (90th percentile = 1).
    gamma = u(0.7, 1.4).view(n, 1, 1, 1)
    x = x.clamp(0, 1) ** gamma
    flat = x.reshape(n, -1)
    # 90th percentile of the inked pixels (> 0.05) from a 256-bin histogram per image.
    levels = (flat * 255).round().long().clamp(0, 255)
    hist = torch.zeros(n, 256).scatter_add_(1, levels, torch.ones_like(flat))
    hist[:, :13] = 0
    cum = hist.cumsum(1)
    total = cum[:, -1]
    ref = torch.where(total > 0, (cum < 0.9 * total.unsqueeze(1)).sum(1).float() / 255, torch.ones(n))
    return (x / ref.clamp(min=0.05).view(n, 1, 1, 1)).clamp(0, 1)


def verification_eer(emb, writers, numbers, references=5, paper=True, draws=5, seed=0):
    """EER of the mean cosine similarity to k references, per writer, other writers as impostors."""
    rng = np.random.RandomState(seed)
    sel = (numbers <= 10) if paper else np.ones(len(numbers), bool)
    emb, writers = emb[sel], writers[sel]
    genuine, impostor = [], []
    for _ in range(draws):
        for w in np.unique(writers):
            own = np.flatnonzero(writers == w)
            refs = rng.choice(own, size=min(references, len(own) - 1), replace=False)
            ref_emb = emb[refs]
            questions = np.setdiff1d(own, refs)
            others = np.flatnonzero(writers != w)
            genuine.extend((emb[questions] @ ref_emb.T).mean(1))
            impostor.extend((emb[others] @ ref_emb.T).mean(1))
    return equal_error_rate(genuine, impostor)


def same_text_eer(emb, writers, numbers, texts, references=3, draws=4, seed=0):
    """EER when a signatory is a writer signing one text: k of the writer's images of that text are the
    references, the rest genuine, the other writers' images of the same text impostors."""
    rng = np.random.RandomState(seed)
    text = (numbers - 1) % texts
    genuine, impostor = [], []
    for _ in range(draws):
        for w in np.unique(writers):
            for t in range(texts):
                own = np.flatnonzero((writers == w) & (text == t))
                if len(own) <= references:
                    continue
                refs = rng.choice(own, size=references, replace=False)
                ref_emb = emb[refs]
                questions = np.setdiff1d(own, refs)
                others = np.flatnonzero((writers != w) & (text == t))
                genuine.extend((emb[questions] @ ref_emb.T).mean(1))
                impostor.extend((emb[others] @ ref_emb.T).mean(1))
    return equal_error_rate(genuine, impostor) if genuine and impostor else float("nan")


@torch.no_grad()
def embed_all(model, images, batch=256):
    model.eval()
    out = [model(to_tensor(images[i:i + batch])) for i in range(0, len(images), batch)]
    return torch.cat(out).numpy()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="prepared folder (sealmatch signatures prepare --out)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--train-writers", default="1-50")
    p.add_argument("--val-writers", default="51-60")
    p.add_argument("--epochs", type=int, default=45)
    p.add_argument("--minutes", type=float, default=32.0, help="stop training after this wall time")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--width", type=int, default=24, help="channels of the first layer")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."), help="models folder")
    p.add_argument("--smoke", action="store_true", help="a few steps on a few writers, into a temporary folder")
    p.add_argument("--identity", choices=["writer", "writer-text", "both"], default="writer",
                   help="training classes: writers, (writer, text) pairs when writers wrote --texts names in turn, or both (two heads, losses added)")
    p.add_argument("--input-pool", type=int, choices=[1, 2], default=2, help="2: average the canvas to 48x96 first; 1: full resolution")
    p.add_argument("--texts", type=int, default=10, help="with --identity writer-text: image K is text (K - 1) mod N")
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)

    train_w, val_w = parse_range(args.train_writers), parse_range(args.val_writers)
    if set(train_w) & set(val_w):
        raise SystemExit("training and validation writers overlap")
    if args.smoke:
        train_w, val_w = train_w[:4], val_w[:3]
        args.epochs, args.minutes = 1, 0.5
        args.out = tempfile.mkdtemp(prefix="signature-smoke-")

    started = time.time()
    x_train, y_train_w, n_train = load_writers(args.data, train_w)
    x_val, y_val, n_val = load_writers(args.data, val_w)
    # A signatory is a writer signing one name: (writer, text) is the class; with "both" a second
    # head over the writers alone keeps what the writer's hand has in common across names.
    writer_text = [(int(w), int((n - 1) % args.texts)) for w, n in zip(y_train_w, n_train)]
    writer_only = [int(w) for w in y_train_w]
    label_sets = {"writer": [writer_only], "writer-text": [writer_text], "both": [writer_text, writer_only]}[args.identity]
    targets = []
    for identity in label_sets:
        classes = {c: i for i, c in enumerate(sorted(set(identity)))}
        targets.append((torch.tensor([classes[c] for c in identity]), len(classes)))
    n_classes = " + ".join(str(n) for _, n in targets)
    print("train: %d images, %s classes; validation: %d images of %d writers" % (len(x_train), n_classes, len(x_val), len(set(y_val.tolist()))), flush=True)

    model = SignatureNet(args.width, args.input_pool)
    heads = nn.ModuleList(CosFace(n) for _, n in targets)
    params = sum(p.numel() for p in model.parameters())
    print("model: %d parameters" % params, flush=True)
    steps_per_epoch = max(1, len(x_train) // args.batch)
    total_steps = args.epochs * steps_per_epoch
    optimiser = torch.optim.AdamW(list(model.parameters()) + list(heads.parameters()), lr=2e-3, weight_decay=5e-4)
    max_lr = 3e-3

    def learning_rate(progress):
        # Warm-up then cosine decay over whichever runs out first: the epochs or the wall-time budget.
        return max_lr * min(1.0, progress / 0.05) * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))

    x_all = to_tensor(x_train)
    best = (float("inf"), None, -1)
    history = []
    step = 0
    deadline = started + args.minutes * 60
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(x_all), generator=gen)
        losses = []
        for b in range(steps_per_epoch):
            idx = order[b * args.batch:(b + 1) * args.batch]
            progress = max(step / total_steps, (time.time() - started) / (args.minutes * 60))
            for group in optimiser.param_groups:
                group["lr"] = learning_rate(progress)
            xb = augment(x_all[idx], gen)
            embedding = model(xb)
            loss = sum(head(embedding, y[idx]) for head, (y, _) in zip(heads, targets))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            losses.append(loss.item())
            step += 1
            if args.smoke and step >= 3:
                break
        emb = embed_all(model, x_val)
        eer_paper = verification_eer(emb, y_val, n_val, 5, paper=True, seed=args.seed)
        eer_all = verification_eer(emb, y_val, n_val, 5, paper=False, seed=args.seed)
        eer_text = same_text_eer(emb, y_val, n_val, args.texts, seed=args.seed)
        history.append({"epoch": epoch + 1, "loss": float(np.mean(losses)), "val_eer_paper_5ref": eer_paper, "val_eer_all_5ref": eer_all, "val_eer_same_text_3ref": eer_text})
        print("epoch %d: loss %.3f, validation EER paper %.2f%%, all media %.2f%%, same text %.2f%%, %.0f s" % (epoch + 1, np.mean(losses), 100 * eer_paper, 100 * eer_all, 100 * eer_text, time.time() - started), flush=True)
        # Selection on the validation writers only; later epochs win ties (a lower learning rate).
        score = {"writer-text": eer_text, "writer": eer_paper + 0.5 * eer_all, "both": eer_text + eer_paper}[args.identity]
        if score <= best[0]:
            best = (score, {k: v.clone() for k, v in model.state_dict().items()}, epoch + 1)
        if args.smoke or time.time() > deadline:
            break

    train_seconds = time.time() - started
    model.load_state_dict(best[1])
    model.eval()
    emb = embed_all(model, x_val)
    metrics = {
        "selected_epoch": best[2],
        "val_eer_paper_5ref": verification_eer(emb, y_val, n_val, 5, paper=True, seed=args.seed),
        "val_eer_paper_1ref": verification_eer(emb, y_val, n_val, 1, paper=True, seed=args.seed),
        "val_eer_all_5ref": verification_eer(emb, y_val, n_val, 5, paper=False, seed=args.seed),
        "val_eer_same_text_3ref": same_text_eer(emb, y_val, n_val, args.texts, seed=args.seed),
    }
    print("selected epoch %d: %s" % (best[2], metrics), flush=True)

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, NAME + ".onnx")
    dummy = torch.zeros(1, 1, HEIGHT, WIDTH)
    torch.onnx.export(model, dummy, onnx_path, input_names=["input"], output_names=["embedding"],
                      dynamic_axes={"input": {0: "batch"}, "embedding": {0: "batch"}}, opset_version=13, do_constant_folding=True)
    import onnx
    onnx.checker.check_model(onnx.load(onnx_path))
    blob = open(onnx_path, "rb").read()
    sha = hashlib.sha256(blob).hexdigest()

    count = HEIGHT * WIDTH
    cases = []
    with torch.no_grad():
        for k in (7919, 104729):
            x = torch.from_numpy(ramp(k, count)).view(1, 1, HEIGHT, WIDTH)
            cases.append({"input": "ramp:%d" % k, "output": [round(float(v), 7) for v in model(x)[0]]})
    verified = verify_onnx(onnx_path, model)
    expected = {"model": NAME, "sha256": sha, "input_shape": [1, 1, HEIGHT, WIDTH], "tolerance": 1e-4, "cases": cases}
    with open(os.path.join(args.out, NAME + ".expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")

    card = model_card(args, params, len(blob), sha, train_seconds, metrics, history, len(x_train), n_classes, len(x_val), verified)
    with open(os.path.join(args.out, NAME + ".md"), "w") as f:
        f.write(card)
    print("wrote %s (%d bytes, sha256 %s) in %.0f s" % (onnx_path, len(blob), sha, time.time() - started), flush=True)


def verify_onnx(path, model):
    """ONNX Runtime against torch when the Python package is present; otherwise the C# model test does it."""
    try:
        import onnxruntime
    except ImportError:
        print("onnxruntime (Python) not installed: the ONNX file is checked against the recorded torch outputs by the engine's model test", flush=True)
        return "by the engine's model test (tests/SealMatch.Engine.Tests, expected.json, ONNX Runtime)"
    session = onnxruntime.InferenceSession(path)
    x = torch.rand(3, 1, HEIGHT, WIDTH, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        want = model(x).numpy()
    got = session.run(None, {"input": x.numpy()})[0]
    diff = float(np.abs(want - got).max())
    if diff > 1e-4:
        raise SystemExit("ONNX output differs from torch by %g" % diff)
    return "ONNX Runtime vs torch, max abs difference %.2g" % diff


def model_card(args, params, size, sha, seconds, metrics, history, n_train, n_classes, n_val, verified):
    command = "/usr/bin/python3 models/training/signature_embedding.py --data <prepared> --seed %d --train-writers %s --val-writers %s --epochs %d --minutes %g --batch %d --width %d --threads %d --identity %s --texts %d --input-pool %d" % (
        args.seed, args.train_writers, args.val_writers, args.epochs, args.minutes, args.batch, args.width, args.threads, args.identity, args.texts, args.input_pool)
    rows = "\n".join("| %d | %.3f | %.2f %% | %.2f %% | %.2f %% |" % (h["epoch"], h["loss"], 100 * h["val_eer_paper_5ref"], 100 * h["val_eer_all_5ref"], 100 * h["val_eer_same_text_3ref"]) for h in history)
    classes_are = {"writer-text": "(writer, name) pairs: a signatory is a writer signing one name",
                   "writer": "the training writers",
                   "both": "(writer, name) pairs and, in a second head whose loss is added, the training writers"}[args.identity]
    selection = {"writer-text": "the same-text validation EER", "writer": "paper EER + ½ all-media EER",
                 "both": "same-name EER + paper EER"}[args.identity]
    front = ("2 × 2 average pooling to 48 × 96, conv 5×5 stride 2" if args.input_pool == 2
             else "the full 96 × 192 canvas, conv 5×5 stride 2 and one more 3×3 block with max pooling")
    return """# signature-embedding

Writer-independent embedding of a handwritten signature: a signature normalised by the engine
(`SignaturePreprocessor`, 96 × 192 canvas) in, an L2-normalised 128-d vector out. The engine
compares a questioned signature's vector with the signatory's references (writer-dependent
decision, `SignatureEngine.Compare`, calibrated on the validation writers).

## Data and split

- `../shared/data/signatures/cross-media-zh` (Luo et al. 2023, MIT licence): 70 writers × 40 images.
  Contrary to its README, each writer wrote **ten different names** (王涛, 张磊, 郭鑫, 陈静, 赵雪,
  李浩然, 徐俊杰, 杨紫涵, 董欣怡, 朱佳怡), once per medium: image K is name (K − 1) mod 10;
  1–10 paper, 11–20 iPad, 21–30 phone in hand, 31–40 phone on a table. So a writer's genuine
  images differ in text, and another writer's image of the same number is a same-text impostor.
- Preprocessed with `sealmatch signatures prepare` (the engine's C# preprocessing, identical at serving time).
- Split by writer: training writers %s (%d images, all media, %s classes); validation writers %s
  (%d images; model selection here, and the C# calibration); writers 61–70 are held out: never
  read by this script, used only for the reported `eval signatures`.

## Architecture

VGG-like CNN: %s (%d channels), then 3×3
conv–BN–ReLU blocks with max pooling (%d → %d → %d → %d channels) down to 3 × 6, average and max pooling concatenated, dropout 0.3,
linear to 128, L2 normalisation. Trained with an additive-margin softmax (CosFace, s = 24,
m = 0.2) over %s; selection of the epoch by %s on the validation writers; AdamW, warm-up then cosine learning rate from 3e-3 over the epochs or the
wall-time budget, whichever ends first, batch %d.
Augmentation on the fly: rotation ±8°, scale 0.85–1.12, aspect ±10 %%, shear ±0.2, shift, a
smooth elastic warp, stroke dilation/erosion (3 × 3), ink gamma 0.7–1.4 with the engine's
contrast renormalisation.

- Parameters: %d
- ONNX file: %d bytes, opset 13, input `input` [N, 1, 96, 192] float32 = (255 − pixel) / 255,
  output `embedding` [N, 128]
- SHA-256: `%s`
- ONNX check: %s
- Training time: %.1f min on %d CPU threads (shared machine), seed %d, selected epoch %d

## Metrics (validation writers %s; mean cosine similarity to k references, 5 seeded draws)

| | EER |
|---|---|
| paper, 5 references | %.2f %% |
| paper, 1 reference | %.2f %% |
| all media, 5 references | %.2f %% |
| same name, all media, 3 references (4 draws) | %.2f %% |

In the first three rows genuine questions are the writer's other images (other names:
text-independent); in the last, the writer's other images of the same name. Impostors are the other
validation writers' images (the same ten names; in the last row the same name).

### Training curve

| epoch | loss | val EER paper 5 refs | val EER all 5 refs | val EER same name 3 refs |
|---|---|---|---|---|
%s

## Held-out evaluation (writers 61–70)

Added after training from `sealmatch eval signatures --writers 61-70` (this script never reads
those writers); rerunning the script leaves this section empty.

## Reproduce

```
dotnet run -c Release --project src/SealMatch.Cli -- signatures prepare --data ../shared/data/signatures/cross-media-zh --out <prepared>
%s
```
Wall time limits make the run depend on machine load (`--minutes`); the selected epoch is recorded above.
""" % (args.train_writers, n_train, n_classes, args.val_writers, n_val, front, args.width, args.width, 2 * args.width, 4 * args.width, 8 * args.width,
       classes_are, selection, args.batch, params, size, sha, verified, seconds / 60, args.threads, args.seed, metrics["selected_epoch"], args.val_writers,
       100 * metrics["val_eer_paper_5ref"], 100 * metrics["val_eer_paper_1ref"], 100 * metrics["val_eer_all_5ref"], 100 * metrics["val_eer_same_text_3ref"], rows, command)


if __name__ == "__main__":
    main()
