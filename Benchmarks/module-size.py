#!/usr/bin/env python3
"""How much of a Swift module one generated model takes, and so how many models one module can hold.

    python3 Benchmarks/module-size.py [fields per object, default 50]

Swift's module format records where each declaration and each type's member table starts as a
31-bit offset in bits (`BitOffset = PointerEmbeddedInt<unsigned, 31>` in
swift/include/swift/Serialization/ModuleFormat.h), and the member tables come last in the file. So a
whole module must stay under 2^31 bits (256 MiB): past that, swift-frontend fails to read it back
(`DESERIALIZATION FAILURE` while loading a type's members), as it did for 3,000 models (443 MB
before 24 Nov, 368 MB after).

The script makes a two-object org (Benchmarks/make-large-org.py), generates it with this checkout's
debug `sobjectgen`, emits a module (`swiftc -frontend -emit-module`, the flags of a debug `swift
build`) of User alone and of User with one model, walks the top-level blocks of each module file
(LLVM's bitstream format: a block's length is written at its start), and prints each block's size,
one model's share of the whole file, and the number of such models 256 MiB holds.
"""
import os
import subprocess
import sys
import tempfile

repository = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
fields = int(sys.argv[1]) if len(sys.argv) > 1 else 50
# Block IDs of swift/include/swift/Serialization/ModuleFormat.h.
names = {8: "module", 9: "control", 10: "input", 11: "declarations and types", 12: "identifiers",
         13: "index", 14: "SIL", 15: "SIL index", 196: "member tables"}


class Bits:
    def __init__(self, data):
        self.data = data
        self.position = 32  # after the 4-byte signature

    def read(self, width):
        value = 0
        for index in range(width):
            bit = self.position + index
            value |= ((self.data[bit >> 3] >> (bit & 7)) & 1) << index
        self.position += width
        return value

    def vbr(self, width):
        value, shift = 0, 0
        while True:
            chunk = self.read(width)
            value |= (chunk & ((1 << (width - 1)) - 1)) << shift
            shift += width - 1
            if not chunk & (1 << (width - 1)):
                return value

    def align(self):
        self.position = (self.position + 31) // 32 * 32


def blocks(path):
    """The sizes in bytes of the blocks inside the module block, by block ID."""
    bits = Bits(open(path, "rb").read())
    sizes, file_sizes = {}, {}

    def walk(width, depth, end):
        while bits.position < end:
            abbreviation = bits.read(width)
            if abbreviation == 1:  # ENTER_SUBBLOCK
                block, inner = bits.vbr(8), bits.vbr(4)
                bits.align()
                words = bits.read(32)
                start = bits.position
                if depth == 1:
                    sizes[block] = sizes.get(block, 0) + words * 4
                if depth == 0 and block == 8:
                    walk(inner, 1, start + words * 32)
                bits.position = start + words * 32
            elif abbreviation == 0:  # END_BLOCK
                bits.align()
                return
            elif abbreviation == 2:  # DEFINE_ABBREV
                for _ in range(bits.vbr(5)):
                    if bits.read(1):
                        bits.vbr(8)
                    elif bits.read(3) in (1, 2):
                        bits.vbr(5)
            elif abbreviation == 3:  # UNABBREV_RECORD
                bits.vbr(6)
                for _ in range(bits.vbr(6)):
                    bits.vbr(6)
            else:
                sys.exit(f"{path}: an abbreviated record where blocks were expected")

    walk(2, 0, len(bits.data) * 8)
    return sizes


def run(command, **arguments):
    subprocess.run(command, check=True, **arguments)


run(["swift", "build", "--product", "sobjectgen"], cwd=repository, stdout=subprocess.DEVNULL)
run(["swift", "build", "--target", "SObjectRuntime"], cwd=repository, stdout=subprocess.DEVNULL)
binaries = subprocess.run(["swift", "build", "--show-bin-path"], cwd=repository, capture_output=True, text=True,
                          check=True).stdout.strip()
with tempfile.TemporaryDirectory() as work:
    run([sys.executable, os.path.join(repository, "Benchmarks/make-large-org.py"), f"{work}/org", "1", str(fields)],
        stdout=subprocess.DEVNULL)
    run([f"{binaries}/sobjectgen", "generate", "--metadata", f"{work}/org", "--output", f"{work}/out", "--no-cache"],
        stdout=subprocess.DEVNULL)
    swift = f"{work}/out/swift"
    sizes, file_sizes = {}, {}
    for label, files in [("User", ["User.swift"]), ("User and Object0000__c", ["User.swift", "Object0000__c.swift"])]:
        module = f"{work}/{len(files)}.swiftmodule"
        run(["swiftc", "-frontend", "-emit-module", "-module-name", "Models", "-Onone", "-g", "-enable-testing",
             "-parse-as-library", "-I", f"{binaries}/Modules", "-emit-module-path", module] + [f"{swift}/{name}" for name in files])
        sizes[label] = blocks(module)
        file_sizes[label] = os.path.getsize(module)
    one, two = sizes["User"], sizes["User and Object0000__c"]
    print(f"A model of {fields} custom fields (+ 7 system fields), Swift module blocks in bytes:")
    print("| block | User | User and one model | the model's share |")
    print("|---|---|---|---|")
    for block in sorted(two):
        print(f"| {names.get(block, block)} | {one.get(block, 0):,} | {two[block]:,} | {two[block] - one.get(block, 0):,} |")
    share = file_sizes["User and Object0000__c"] - file_sizes["User"]
    print(f"| whole file | {file_sizes['User']:,} | {file_sizes['User and Object0000__c']:,} | {share:,} |")
    print(f"\n2^31 bits (256 MiB) hold about {(1 << 28) // share:,} such models in one module.")
