"""Run every benchmark under bench/ and print its figures.

    make bench                 # all benchmarks, full size
    uv run python bench/run.py --quick   # smaller sizes (what CI could afford)

Each benchmark prints its own table and the baseline it compares with, measured in
the same run. Nothing here asserts a speed: figures are for people to read.
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller corpora")
    parser.add_argument("names", nargs="*", help="benchmark file stems to run (default: all)")
    args = parser.parse_args()
    scripts = sorted(
        p for p in HERE.glob("*.py") if p.name not in {"run.py"} and not p.name.startswith("_")
    )
    if args.names:
        scripts = [p for p in scripts if p.stem in args.names]
    failed = []
    for script in scripts:
        print(f"\n=== {script.stem}", flush=True)
        quick = args.quick and "--quick" in script.read_text(encoding="utf-8")
        cmd = [sys.executable, str(script)] + (["--quick"] if quick else [])
        if subprocess.run(cmd, cwd=HERE.parent).returncode != 0:
            failed.append(script.stem)
    if failed:
        print(f"\nbenchmarks that failed to run: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
