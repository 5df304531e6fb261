"""Writes tiny-relu.onnx, the test fixture for OnnxModel: output = relu(input @ W + b), input [N, 4].

Run with Debian's Python: /usr/bin/python3 tests/SealMatch.Engine.Tests/Models/make_tiny_relu.py
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

W = np.array([[1, -1, 0.5], [0.25, 2, -1], [-0.5, 0, 1], [1, 1, 1]], dtype=np.float32)
B = np.array([0.1, -0.2, 0.3], dtype=np.float32)
graph = helper.make_graph(
    [
        helper.make_node("MatMul", ["input", "W"], ["xw"]),
        helper.make_node("Add", ["xw", "b"], ["z"]),
        helper.make_node("Relu", ["z"], ["output"]),
    ],
    "tiny",
    [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 4])],
    [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", 3])],
    [numpy_helper.from_array(W, "W"), numpy_helper.from_array(B, "b")],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny-relu.onnx"))
