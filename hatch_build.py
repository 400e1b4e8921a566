"""Build hook: compiles the catalog search kernels (listparse/catalog/csrc/, one translation unit
from module.c) into the extension module listparse/catalog/_kernels, with the C compiler Python
was built with.

A wheel then carries the module and is tagged for this platform; an editable install finds it
in the source tree. Without a working C compiler, or with LISTPARSE_PURE_PYTHON=1 set, the
build goes on without it and listparse runs its numpy kernels instead
(listparse/catalog/kernels.py).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCES = Path("listparse") / "catalog" / "csrc"
MAIN = "module.c"  # includes the other files of SOURCES


def compile_kernels(root: Path) -> tuple[Path | None, str]:
    """Compile the kernels in place; the module's path (None on failure) and what happened."""
    folder = root / SOURCES
    source = folder / MAIN
    target = folder.parent / ("_kernels" + (sysconfig.get_config_var("EXT_SUFFIX") or ".so"))
    newest = max(p.stat().st_mtime for p in folder.iterdir() if p.suffix in (".c", ".h"))
    if target.is_file() and target.stat().st_mtime >= newest:
        return target, f"{target.name} is up to date"
    linker = shlex.split(sysconfig.get_config_var("LDSHARED") or "cc -shared")
    if sys.platform == "darwin" and "-bundle" not in linker:
        linker += ["-bundle", "-undefined", "dynamic_lookup"]
    include = sysconfig.get_paths()["include"]
    flags = ["-O3", "-fPIC", "-DNDEBUG", "-I", include, "-I", str(folder)]
    command = [*linker, *flags, str(source), "-o", str(target), "-lm"]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"no C compiler ({exc}); the numpy kernels will be used"
    if proc.returncode != 0:
        target.unlink(missing_ok=True)
        return None, f"compiling {SOURCES / MAIN} failed; the numpy kernels will be used\n{proc.stderr[-2000:]}"
    return target, f"compiled {target.name}"


class KernelsBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        if os.environ.get("LISTPARSE_PURE_PYTHON", "").strip() not in ("", "0"):
            self.app.display_info("LISTPARSE_PURE_PYTHON is set: the numpy kernels only")
            return
        root = Path(self.root)
        built, message = compile_kernels(root)
        if built is None:
            self.app.display_warning(message)
            return
        self.app.display_info(message)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":
            build_data["force_include"][str(built)] = built.relative_to(root).as_posix()
