#!/usr/bin/python3
"""Sums the JUnit XML files of every test layer into the final line of
`make test`: "N passed, N failed" (", N skipped" when some were)."""
import glob
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
files = sorted(glob.glob(sys.argv[1] + "/*.xml"))
# Layers that must have reported: a layer that never ran is a failure.
for want in sys.argv[2:]:
    if not any(f.endswith("/" + want) for f in files):
        print(f"FAILED: no results from {want} (the layer did not run)")
        failed += 1
for f in files:
    try:
        root = ET.parse(f).getroot()
    except ET.ParseError:
        print(f"{f}: unreadable result file", file=sys.stderr)
        failed += 1
        continue
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
            print(f"FAILED: {case.get('classname')}.{case.get('name')}")
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
if not files:
    failed += 1
    print("no test results found", file=sys.stderr)
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
