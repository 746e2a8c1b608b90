"""Model manifests and the registry that verifies, compiles and hands out OpenVINO models.

A model directory holds ``manifest.json`` (source package, licence, files with SHA-256, input layout,
decoder) beside its IR. Every file is hashed before OpenVINO sees it: a missing, corrupt or swapped file
is refused with a message naming it, and the engine carries on without that stage.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parents[1] / "resources" / "models"
DECODERS = ("nanodet", "centernet", "ssd", "yolo", "db", "ctc")
DEFAULT_SET = {
    "detector": "vehicle-nanodet",
    "text_detector": "ppocr-det-small",
    "text_recogniser": "ppocr-rec-small-plate",
}


class ModelRefused(Exception):
    """A model that cannot be used; the message names the file and why."""


@dataclass(frozen=True)
class Manifest:
    name: str
    version: str
    task: str
    decoder: str
    directory: Path
    files: list[dict[str, str]]
    input: dict[str, Any]
    output: dict[str, Any]
    licence: str
    raw: dict[str, Any] = field(repr=False)

    @property
    def model_file(self) -> Path:
        for f in self.files:
            if f["path"].endswith((".xml", ".onnx")):
                return self.directory / f["path"]
        raise ModelRefused(f"{self.directory / 'manifest.json'}: no .xml or .onnx file listed")


def load_manifest(directory: Path) -> Manifest:
    path = directory / "manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelRefused(f"{path}: manifest missing") from None
    except (OSError, ValueError) as exc:
        raise ModelRefused(f"{path}: unreadable manifest ({exc})") from None
    if not isinstance(data, dict):
        raise ModelRefused(f"{path}: manifest is not a JSON object")
    missing = [k for k in ("name", "version", "task", "decoder", "files", "input", "licence") if k not in data]
    if missing:
        raise ModelRefused(f"{path}: manifest lacks {', '.join(missing)}")
    # A hand-edited or damaged manifest must be refused here, naming the field: past this point the
    # registry and the decoders index into it and would fail with a bare TypeError.
    text = {"name": 200, "version": 200, "task": 200, "decoder": 200, "licence": 100_000}  # longest accepted
    wrong = [k for k, most in text.items() if not isinstance(data[k], str) or not 0 < len(data[k]) <= most]
    wrong += [k for k in ("input", "output") if not isinstance(data.get(k, {}), dict)]
    files = data["files"]
    if not isinstance(files, list) or not files or not all(_file_entry(f) for f in files):
        wrong.append("files (each a relative path inside the model folder and its sha256)")
    if wrong:
        raise ModelRefused(f"{path}: manifest field {', '.join(wrong)} has the wrong type or value")
    if data["decoder"] not in DECODERS:
        raise ModelRefused(f"{path}: decoder {data['decoder']!r} is not one of {', '.join(DECODERS)}")
    return Manifest(
        name=data["name"],
        version=data["version"],
        task=data["task"],
        decoder=data["decoder"],
        directory=directory,
        files=list(data["files"]),
        input=dict(data["input"]),
        output=dict(data.get("output", {})),
        licence=data["licence"],
        raw=data,
    )


def _file_entry(entry: object) -> bool:
    if not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str):
        return False
    path = entry.get("path")
    return isinstance(path, str) and bool(path) and not Path(path).is_absolute() and ".." not in Path(path).parts


def _openvino_reason(exc: Exception) -> str:
    """The line of an OpenVINO error that says what is wrong; its first lines only name C++ source files."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    said = [line for line in lines if not line.startswith(("Exception from ", "Check '"))]
    reason = said[-1] if said else lines[-1] if lines else type(exc).__name__
    return reason if len(reason) <= 300 else reason[:300] + "…"


def verify(manifest: Manifest) -> None:
    """Hash every listed file; raise ModelRefused naming the first that is missing or differs."""
    for entry in manifest.files:
        path = manifest.directory / entry["path"]
        if not path.is_file():
            raise ModelRefused(f"{path}: file missing")
        h = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        if h.hexdigest() != entry["sha256"]:
            raise ModelRefused(
                f"{path}: SHA-256 {h.hexdigest()[:12]}… does not match the manifest's {entry['sha256'][:12]}…"
            )


@dataclass(frozen=True)
class DeviceChoice:
    device: str = "AUTO"
    hint: str = "LATENCY"  # LATENCY | THROUGHPUT | CUMULATIVE_THROUGHPUT


class LoadedModel:
    """A compiled model plus its manifest; ``infer`` is thread-safe, ``queue`` gives async inference."""

    def __init__(self, manifest: Manifest, compiled: Any, device: str) -> None:
        self.manifest = manifest
        self.compiled = compiled
        self.device = device
        self._local = threading.local()  # one InferRequest per calling thread, reused

    @property
    def version(self) -> str:
        return self.manifest.version

    def infer(self, *inputs: np.ndarray, copy: bool = True) -> list[np.ndarray]:
        """Synchronous inference on this thread's own request.

        ``copy=False`` returns views into the request's output tensors (no copy of the detector's 1.8 MB of
        outputs): valid only until this thread's next ``infer`` on this model, so decode them at once.
        """
        request = getattr(self._local, "request", None)
        if request is None:
            request = self._local.request = self.compiled.create_infer_request()
        # share_inputs: the tensor wraps our (contiguous) array instead of copying a 3 MB frame into it.
        request.infer(list(inputs), share_inputs=True)
        outputs = [request.get_output_tensor(i).data for i in range(len(self.compiled.outputs))]
        return [np.array(o) for o in outputs] if copy else outputs

    def queue(self, callback: Callable[[list[np.ndarray], Any], None], jobs: int = 0) -> Any:
        """An AsyncInferQueue whose callback gets (outputs, userdata); jobs=0 lets OpenVINO pick.

        The outputs are views into the request, valid only during the callback: decode there.
        """
        import openvino as ov

        q = ov.AsyncInferQueue(self.compiled, jobs)
        n_out = len(self.compiled.outputs)

        def done(request: Any, userdata: Any) -> None:
            callback([request.get_output_tensor(i).data for i in range(n_out)], userdata)

        q.set_callback(done)
        return q

    def optimal_requests(self) -> int:
        return int(self.compiled.get_property("OPTIMAL_NUMBER_OF_INFER_REQUESTS"))


class ModelRegistry:
    """Finds manifests under one or more directories and compiles models on demand, once each."""

    def __init__(
        self,
        dirs: list[Path] | None = None,
        cache_dir: Path | None = None,
        devices: dict[str, DeviceChoice] | None = None,
        default: DeviceChoice | None = None,
    ) -> None:
        import openvino as ov

        self.core = ov.Core()
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            # Compiled blobs are reused on the next start: compile drops from ~1 s to ~0.1 s per model.
            self.core.set_property({"CACHE_DIR": str(cache_dir)})
        self.dirs = dirs or [MODELS_DIR]
        self.devices = devices or {}
        self.default = default or DeviceChoice()
        self.refused: dict[str, str] = {}
        self._loaded: dict[str, LoadedModel] = {}
        self._lock = threading.Lock()

    def manifests(self) -> dict[str, Manifest]:
        found: dict[str, Manifest] = {}
        for root in self.dirs:
            for sub in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
                try:
                    m = load_manifest(sub)
                except ModelRefused as exc:
                    self.refused[sub.name] = str(exc)
                    continue
                found[m.name] = m
        return found

    def load(self, name: str) -> LoadedModel:
        with self._lock:
            if name in self._loaded:
                return self._loaded[name]
            manifest = self.manifests().get(name)
            if manifest is None:
                where = ", ".join(str(d) for d in self.dirs)
                raise ModelRefused(self.refused.get(name) or f"model {name!r} not found under {where}")
            verify(manifest)
            choice = self.devices.get(name, self.default)
            try:
                model = self.core.read_model(str(manifest.model_file))
                compiled = self.core.compile_model(model, choice.device, {"PERFORMANCE_HINT": choice.hint})
            except Exception as exc:  # OpenVINO raises plain RuntimeError for corrupt IR
                raise ModelRefused(
                    f"{manifest.model_file}: OpenVINO cannot load it ({_openvino_reason(exc)})"
                ) from None
            device = choice.device
            if choice.device.startswith("AUTO"):
                try:
                    device = ",".join(compiled.get_property("EXECUTION_DEVICES"))
                except Exception:  # older plugins do not report it
                    device = choice.device
            loaded = LoadedModel(manifest, compiled, device)
            self._loaded[name] = loaded
            log.info("model %s %s on %s", name, manifest.version, device)
            return loaded

    def try_load(self, name: str) -> LoadedModel | None:
        """Load or return None, remembering why; the caller runs without that stage."""
        try:
            return self.load(name)
        except ModelRefused as exc:
            self.refused[name] = str(exc)
            log.error("model refused: %s", exc)
            return None
