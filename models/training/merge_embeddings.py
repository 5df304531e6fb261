#!/usr/bin/python3
"""Joins two signature embedding models into one ONNX graph (models/signature-embedding.onnx).

Both members read the same normalised canvas; their L2-normalised embeddings are concatenated and
scaled by 1/sqrt(2), so the joined embedding is L2-normalised too and its cosine similarity is the
mean of the members' similarities. The engine runs the joined graph like any single model.

The expected outputs for the engine's model test are the members' outputs recorded by their
training runs (torch, on the same ramp inputs), joined the same way: so the test checks the joined
ONNX graph in ONNX Runtime against PyTorch.

  /usr/bin/python3 models/training/merge_embeddings.py \
      --member a.onnx a.expected.json --member b.onnx b.expected.json --out models
"""

import argparse
import hashlib
import json
import math
import os

import numpy as np
import onnx
from onnx import compose, helper, numpy_helper

NAME = "signature-embedding"


def join(models):
    """One graph: every member on the shared input `input`, outputs concatenated and scaled."""
    nodes, initialisers, outputs = [], [], []
    for i, model in enumerate(models):
        prefix = "m%d_" % i
        m = compose.add_prefix(model, prefix)
        for node in m.graph.node:
            node.input[:] = ["input" if name == prefix + "input" else name for name in node.input]
            nodes.append(node)
        initialisers.extend(m.graph.initializer)
        outputs.append(prefix + "embedding")
    dims = [m.graph.output[0].type.tensor_type.shape.dim[1].dim_value for m in models]
    scale = numpy_helper.from_array(np.array([1 / math.sqrt(len(models))], dtype=np.float32), "members_scale")
    nodes.append(helper.make_node("Concat", outputs, ["members_concat"], axis=1))
    nodes.append(helper.make_node("Mul", ["members_concat", "members_scale"], ["embedding"]))
    first = models[0].graph.input[0].type.tensor_type.shape.dim
    shape = ["batch"] + [d.dim_value for d in first[1:]]
    graph = helper.make_graph(
        nodes, NAME, [helper.make_tensor_value_info("input", onnx.TensorProto.FLOAT, shape)],
        [helper.make_tensor_value_info("embedding", onnx.TensorProto.FLOAT, ["batch", sum(dims)])],
        initialisers + [scale])
    opset = max(o.version for m in models for o in m.opset_import if o.domain in ("", "ai.onnx"))
    joined = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="sealmatch merge_embeddings.py")
    joined.ir_version = max(m.ir_version for m in models)
    onnx.checker.check_model(joined)
    return joined


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--member", nargs=2, action="append", required=True, metavar=("ONNX", "EXPECTED_JSON"),
                   help="a member model and the expected.json its training run wrote (give two or more)")
    p.add_argument("--out", required=True, help="folder for signature-embedding.onnx and .expected.json")
    args = p.parse_args()
    if len(args.member) < 2:
        raise SystemExit("give at least two --member")

    models, records = [], []
    for path, expected in args.member:
        blob = open(path, "rb").read()
        record = json.load(open(expected))
        if record["sha256"] != hashlib.sha256(blob).hexdigest():
            raise SystemExit("%s does not belong to %s (its sha256 differs)" % (expected, path))
        models.append(onnx.load_from_string(blob))
        records.append(record)
    inputs = [[c["input"] for c in r["cases"]] for r in records]
    if any(i != inputs[0] for i in inputs) or any(r["input_shape"] != records[0]["input_shape"] for r in records):
        raise SystemExit("the members' expected.json record different inputs")

    joined = join(models)
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, NAME + ".onnx")
    onnx.save(joined, onnx_path)
    sha = hashlib.sha256(open(onnx_path, "rb").read()).hexdigest()
    scale = 1 / math.sqrt(len(records))
    cases = []
    for k, name in enumerate(inputs[0]):
        output = [round(v * scale, 7) for r in records for v in r["cases"][k]["output"]]
        cases.append({"input": name, "output": output})
    expected = {"model": NAME, "sha256": sha, "input_shape": records[0]["input_shape"],
                "tolerance": max(r["tolerance"] for r in records), "members": [r["sha256"] for r in records], "cases": cases}
    with open(os.path.join(args.out, NAME + ".expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print("wrote %s (%d bytes, sha256 %s): %d members, %d-d embedding" % (
        onnx_path, os.path.getsize(onnx_path), sha, len(models), len(cases[0]["output"])), flush=True)


if __name__ == "__main__":
    main()
