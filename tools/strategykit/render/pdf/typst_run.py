"""Compile one Typst document in a process of its own (run as a script by ``toolchain.compile_pdf``).

Typst runs in-process in the ``typst`` package, where nothing can bound its memory; as a child
process it runs under the build's limits (``bounds``). This file imports nothing of strategykit, so
the child starts in the time Python and Typst take to load. It reads its arguments as JSON on stdin,
writes the PDF to the path given, and prints the outcome as JSON: the warnings, or the error with
its message, hints and location, as plain data.
"""

import json
import sys


def main() -> int:
    args = json.load(sys.stdin)
    import typst

    try:
        pdf, warnings = typst.compile_with_warnings(
            args["input"], root=args["root"], font_paths=args["font_paths"], ignore_system_fonts=True,
            pdf_standards=["ua-1"], timestamp=args["timestamp"], sys_inputs={},
            package_path=args["packages"], package_cache_path=args["packages"])
    except typst.TypstError as exc:
        json.dump({"error": {"message": getattr(exc, "message", "") or str(exc).splitlines()[0],
                             "hints": [str(h) for h in (getattr(exc, "hints", None) or [])],
                             "diagnostic": str(getattr(exc, "diagnostic", "") or "")}}, sys.stdout)
        return 0
    with open(args["output"], "wb") as fh:
        fh.write(pdf)
    json.dump({"warnings": [{"message": getattr(w, "message", "") or str(w),
                             "diagnostic": str(getattr(w, "diagnostic", "") or "")} for w in warnings]},
              sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
