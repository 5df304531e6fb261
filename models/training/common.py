"""What the training scripts share: the equal error rate they select and report models by, and the
fixed `ramp:k` inputs whose outputs they record for the engine's conformance test
(tests/SealMatch.Engine.Tests/Models/ModelConformanceTests.cs builds the same inputs in C#)."""

import numpy as np


def equal_error_rate(genuine, impostor):
    """Equal error rate of scores where higher means genuine (NaN when either side is empty)."""
    genuine, impostor = np.asarray(genuine), np.asarray(impostor)
    if len(genuine) == 0 or len(impostor) == 0:
        return float("nan")
    thresholds = np.unique(np.concatenate([genuine, impostor]))
    best = 1.0
    for t in thresholds:
        frr = np.mean(genuine < t)
        far = np.mean(impostor >= t)
        best = min(best, max(frr, far))
    return float(best)


def ramp(k, count):
    """The fixed input `ramp:k`: x[i] = ((i * k) mod 1000) / 1000 over `count` values."""
    return (((np.arange(count, dtype=np.int64) * k) % 1000) / 1000.0).astype(np.float32)
