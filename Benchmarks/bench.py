#!/usr/bin/env python3
"""The benchmark behind Benchmarks/run.sh: see Benchmarks/README.md.

    python3 Benchmarks/bench.py [--sizes 300,1000,3000] [--fields 50] [--runs 3] [--no-peer]
                                [--work /tmp/sobjectgen-bench] [--readme]

Makes an org per size with make-large-org.py, then runs, interleaved (one of each per round), each
under /usr/bin/time -v: the in-process Yams parse of the files, `validate`, `generate` into an empty
folder, `cp -r` of that output into an empty folder (the cost of writing its files alone), `generate`
with nothing changed, `generate` after a one-file edit (one field's description), the same edit made
again four times in a row (each run timed on its own), and swift-openapi-generator on the same objects
as an OpenAPI 3.1 document. Prints a Markdown table of the medians; with --readme, also puts it into
Benchmarks/README.md between the table markers.
"""
import argparse
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SOBJECTGEN = os.path.join(ROOT, ".build", "release", "sobjectgen")
YAMS_PARSE = os.path.join(HERE, ".build", "release", "yams-parse")
PEER = os.path.join(HERE, ".build", "release", "swift-openapi-generator")
BEGIN, END = "<!-- benchmark table: begin -->", "<!-- benchmark table: end -->"
# After each round's first edit, how many more edits are timed, one after another.
EDITS_IN_A_ROW = 4


def timed(command, cwd=None):
    """Runs a command under /usr/bin/time -v; returns wall, user+sys CPU seconds and peak RSS in MiB."""
    result = subprocess.run(["/usr/bin/time", "-v"] + command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stdout[-2000:]}{result.stderr[-4000:]}")
    report = result.stderr

    def field(name):
        return re.search(re.escape(name) + r": (.*)", report).group(1).strip()

    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    rss = int(field("Maximum resident set size (kbytes)")) / 1024
    return {"wall": wall, "cpu": cpu, "rss": rss}


def folder_bytes(path):
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
    return total


def edit_one_description(org, label):
    """Changes the description of the first field of the first object, to one that names `label`."""
    path = os.path.join(org, "objects", "Object0000__c.yaml")
    with open(path) as f:
        text = f.read()
    text = re.sub(r"(  Field00__c:\n    type: [a-z]+\n    properties: [^\n]*\n    description: )(Edit [\d.]+\. )?",
                  lambda m: f"{m.group(1)}Edit {label}. ", text, count=1)
    with open(path, "w") as f:
        f.write(text)


def check_deterministic(org, work, trash):
    """Generates into two new folders and fails unless they equal each other and the benchmark's output."""
    folders = [work + "/again-1", work + "/again-2"]
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([SOBJECTGEN, "generate", "--metadata", org, "--output", folder], check=True,
                       stdout=subprocess.DEVNULL)
    for folder in folders:
        result = subprocess.run(["diff", "-r", "-q", work + "/out", folder], capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"outputs differ between runs:\n{result.stdout[:4000]}")
        set_aside(folder, trash)
    print("outputs byte-identical across 3 runs", file=sys.stderr)


def set_aside(folder, trash):
    """Moves a finished output folder into `trash`, deleted when the benchmark ends, instead of deleting it
    before a timed run. On ext4 without a journal (this machine's disk), a new file skips every inode deleted
    in the last 60 s (360 s while its inode table block is unwritten), scanning them again for each file, so
    a cold run just after deleting a 21,000-file output spent 15-35 % of its samples in the kernel's
    `recently_deleted`: the benchmark's own deletions, not the generator's work."""
    if os.path.exists(folder):
        os.makedirs(trash, exist_ok=True)
        os.rename(folder, os.path.join(trash, f"{len(os.listdir(trash))}-{os.path.basename(folder)}"))


def median(runs, key):
    return statistics.median(run[key] for run in runs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="300,1000,3000")
    parser.add_argument("--fields", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true", help="skip swift-openapi-generator")
    parser.add_argument("--peer-sizes", default=None,
                        help="run the peer only for these sizes (it takes minutes per run on a loaded machine)")
    parser.add_argument("--work", default="/tmp/sobjectgen-bench")
    parser.add_argument("--readme", action="store_true", help="write the table into Benchmarks/README.md")
    parser.add_argument("--check-deterministic", action="store_true",
                        help="also generate each org twice more and fail unless the outputs are byte-identical")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    for tool in [SOBJECTGEN, YAMS_PARSE] + ([] if args.no_peer else [PEER]):
        if not os.path.exists(tool):
            sys.exit(f"missing {tool}: run Benchmarks/run.sh, which builds it")

    rows = []
    trash = os.path.join(args.work, "set-aside")
    shutil.rmtree(trash, ignore_errors=True)
    for size in sizes:
        work = os.path.join(args.work, f"org-{size}x{args.fields}")
        org, out, openapi = work + "/metadata", work + "/out", work + "/openapi.yaml"
        peer_out, copy = work + "/peer-out", work + "/out-copy"
        set_aside(work, trash)
        os.makedirs(work)
        subprocess.run([sys.executable, os.path.join(HERE, "make-large-org.py"), org, str(size), str(args.fields),
                        openapi], check=True)
        with open(work + "/openapi-generator-config.yaml", "w") as f:
            f.write("generate:\n  - types\n  - client\naccessModifier: public\n")
        fields = size * args.fields
        yaml_bytes = folder_bytes(org)
        results = {name: [] for name in ["parse", "validate", "cold", "copy", "unchanged", "edit", "edits", "peer"]}
        output_bytes = 0
        for round_number in range(1, args.runs + 1):
            results["parse"].append(timed([YAMS_PARSE, org]))
            results["validate"].append(timed([SOBJECTGEN, "validate", "--metadata", org]))
            set_aside(out, trash)
            # Cold: every file parsed again (the parse cache removed), the output cache left stale, and
            # no spares of the files an earlier run replaced (as in a fresh clone) to write over.
            for parsed in glob.glob(os.path.join(work, ".sobjectgen-cache", "*.parsed")):
                os.remove(parsed)
            set_aside(os.path.join(work, ".sobjectgen-cache", "out.spare"), trash)
            # The outputs set aside are written to disk first, so that their writeback does not run
            # beside the cold run, nor throttle its writes.
            os.sync()
            results["cold"].append(timed([SOBJECTGEN, "generate", "--metadata", org, "--output", out]))
            output_bytes = folder_bytes(out)
            # The floor under a cold run: writing the same files and bytes, without making them.
            set_aside(copy, trash)
            os.sync()
            results["copy"].append(timed(["cp", "-r", out, copy]))
            # Each later run, too, starts with nothing left to write back: a developer's edit comes
            # seconds or minutes after the last generation, when the kernel has flushed it (within
            # 30 s), not while 1.5 GB of it is still being written out beside the run.
            os.sync()
            results["unchanged"].append(timed([SOBJECTGEN, "generate", "--metadata", org, "--output", out]))
            # The first edit comes straight after a cold run ("edit"). A developer edits again and again:
            # more edits of the same kind follow, each timed on its own ("edits"), a run of edits with less
            # noise than one sample per round on a shared host.
            for again in range(EDITS_IN_A_ROW + 1):
                edit_one_description(org, f"{round_number}.{again}" if again else str(round_number))
                os.sync()
                results["edits" if again else "edit"].append(
                    timed([SOBJECTGEN, "generate", "--metadata", org, "--output", out]))
            if not args.no_peer and (args.peer_sizes is None or str(size) in args.peer_sizes.split(",")):
                set_aside(peer_out, trash)
                os.makedirs(peer_out)
                results["peer"].append(
                    timed([PEER, "generate", openapi, "--config", work + "/openapi-generator-config.yaml",
                           "--output-directory", peer_out]))
            print(f"{size} objects: round {round_number} of {args.runs} done", file=sys.stderr)
        if args.check_deterministic:
            check_deterministic(org, work, trash)
        row = {"size": size, "fields": fields, "yaml": yaml_bytes, "output": output_bytes,
               "rounds": [(parse["wall"], cold["wall"]) for parse, cold in zip(results["parse"], results["cold"])]}
        for name, runs in results.items():
            if runs:
                row[name] = {key: median(runs, key) for key in ["wall", "cpu", "rss"]}
                row[name].update(min_wall=min(run["wall"] for run in runs), max_wall=max(run["wall"] for run in runs),
                                 count=len(runs))
        if row.get("peer"):
            row["peer_bytes"] = folder_bytes(peer_out)
        rows.append(row)
        set_aside(out, trash)
        set_aside(copy, trash)
        set_aside(peer_out, trash)
    shutil.rmtree(trash, ignore_errors=True)

    table = render(rows, args)
    print(table)
    if args.readme:
        readme = os.path.join(HERE, "README.md")
        with open(readme) as f:
            text = f.read()
        start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
        with open(readme, "w") as f:
            f.write(text[:start] + "\n" + table + "\n" + text[end:])


def render(rows, args):
    load = os.getloadavg()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores, load average "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min) at the end; release builds; "
        f"median of {args.runs} interleaved rounds; {args.fields} fields per object. "
        "Wall and CPU (user + system) in seconds, peak RSS in MiB, from /usr/bin/time -v.",
        "",
        "| objects | step | wall s | CPU s | peak RSS MiB | ratio |",
        "|---|---|---|---|---|---|",
    ]
    names = [("parse", "Yams parse of the files (in-process, both cores)"), ("validate", "`validate`"),
             ("cold", "`generate`, empty output"),
             ("copy", "`cp -r` of that output into an empty folder (writing its files alone)"),
             ("unchanged", "`generate`, nothing changed"),
             ("edit", "`generate`, one description edited (just after the cold run)"),
             ("edits", f"`generate`, {EDITS_IN_A_ROW} more edits in a row, each timed (median of all)"),
             ("peer", "swift-openapi-generator 1.14.3")]
    base = rows[0]
    for row in rows:
        parse = row["parse"]["wall"]
        for name, label in names:
            if name not in row:
                continue
            figures = row[name]
            ratio = ""
            if name in ("validate", "cold", "copy", "unchanged", "edit", "edits"):
                ratio = f"{figures['wall'] / parse:.2f}× parse"
            if name == "edits":
                ratio += f"; wall {figures['min_wall']:.2f}–{figures['max_wall']:.2f} s over {figures['count']} runs"
            if name == "cold" and "copy" in row:
                ratio += f", {figures['wall'] / row['copy']['wall']:.2f}× `cp -r`"
            if name == "cold" and len(row["rounds"]) > 1:
                # The host's speed drifts between rounds: each round's cold run against that round's parse.
                paired = ", ".join(f"{cold / parse:.2f}" for parse, cold in row["rounds"])
                ratio += f"; per round: {paired}× parse"
            if name == "peer":
                ratio = f"{figures['wall'] / row['cold']['wall']:.1f}× `generate`"
            lines.append(f"| {row['size']:,} | {label} | {figures['wall']:.2f} | {figures['cpu']:.2f} | "
                         f"{figures['rss']:.0f} | {ratio} |")
    lines += ["", "| objects | YAML bytes | output bytes | `generate` wall per 1,000 fields | vs. smallest org "
              "| `generate` CPU per 1,000 fields | vs. smallest org |", "|---|---|---|---|---|---|---|"]
    for row in rows:
        per = row["cold"]["wall"] / row["fields"] * 1000
        base_per = base["cold"]["wall"] / base["fields"] * 1000
        cpu = row["cold"]["cpu"] / row["fields"] * 1000
        base_cpu = base["cold"]["cpu"] / base["fields"] * 1000
        peer = f"; peer output {row['peer_bytes']:,}" if row.get("peer_bytes") else ""
        lines.append(f"| {row['size']:,} | {row['yaml']:,} | {row['output']:,}{peer} | {per:.3f} s | "
                     f"{per / base_per:.2f}× | {cpu:.3f} s | {cpu / base_cpu:.2f}× |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
