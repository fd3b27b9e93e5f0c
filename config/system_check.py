"""Stop `make run` early, naming the packages to install, when WeasyPrint lacks its libraries."""

import sys

DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libthai0"


def main():
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        print(f"WeasyPrint cannot load its system libraries ({error}).", file=sys.stderr)
        print("Install them, then run `make run` again. On Debian or Ubuntu:", file=sys.stderr)
        print(f"    sudo apt-get install {DEBIAN_PACKAGES}", file=sys.stderr)
        return 1
    from ctypes.util import find_library

    if not find_library("thai"):
        print("libthai is missing: Thai lines in PDFs would break in mid-word.", file=sys.stderr)
        print("On Debian or Ubuntu: sudo apt-get install libthai0", file=sys.stderr)
        return 1
    if not find_library("harfbuzz-subset"):
        # Not fatal: WeasyPrint then cuts the fonts down with fontTools, in Python.
        print(
            "libharfbuzz-subset is missing: PDFs will take longer to build (a fifth of a long"
            " report's time). On Debian or Ubuntu: sudo apt-get install libharfbuzz-subset0",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
