#!/usr/bin/env python3
"""The build plugin at scale: a throwaway package that applies SObjectGenPlugin to a large org, built
with `swift build` (debug, as an app developer builds), timed.

    python3 Benchmarks/plugin-scale.py --objects 300 --work /tmp/plugin-scale-300
    python3 Benchmarks/plugin-scale.py --objects 3000 --work /tmp/plugin-scale-3000 \\
        --org /tmp/sobjectgen-bench/org-3000x50/metadata --no-control

Makes (or copies, with --org: never edited in place) the org into <work>/App/Metadata, a package App
whose target Models applies the plugin (a path dependency on this checkout through <work>/SObjectGen)
and an executable Probe that decodes a model and reads a resource; then measures, each under
/usr/bin/time: the first build; --noop-runs no-op builds; a one-description edit (`swift build -v`:
the compiler jobs, the Swift files compiled, the plugin outputs rewritten, the resources copied);
a no-op build after it. With --split N, the objects are split over N targets Models1 … ModelsN, each
naming its objects in a sobjectgen-plugin.json (Models1 holds User, which every object points at, and
the others depend on it), and the probe imports all of them. Unless --no-control, the same package
without the plugin (the plugin's outputs copied in as sources and resources; of a split target, only
those of the objects it holds, not the placeholders) is built, then no-op builds of the control and of
App alternate, so that the time the plugin adds to a no-op build shows. With --control-only, App
(built by an earlier run in the same --work) is not built or edited again, only timed.
Prints a Markdown summary at the end.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

repository = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--objects", type=int, default=300)
parser.add_argument("--work", required=True)
parser.add_argument("--org", help="an existing metadata folder to copy (objects/<Object>.yaml)")
parser.add_argument("--noop-runs", type=int, default=3)
parser.add_argument("--no-control", action="store_true")
parser.add_argument("--edit-object", default="Object0007__c")
parser.add_argument("--swift-type", default="Object0007C", help="the Swift type of --edit-object")
parser.add_argument("--split", type=int, default=0, help="split the objects over this many targets")
parser.add_argument("--control-only", action="store_true",
                    help="App in --work is already built (an earlier run): build only the control, then time the "
                         "no-op builds of App and of the control in turn")
options = parser.parse_args()

work = os.path.abspath(options.work)
app = os.path.join(work, "App")
summary = []


def timed(label, command, cwd):
    """Runs a command under /usr/bin/time -v; returns (wall s, CPU s, peak RSS MiB, output)."""
    start = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-v"] + command, cwd=cwd, capture_output=True, text=True)
    wall = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"{label} failed:\n{result.stdout}\n{result.stderr[-5000:]}")
    stats = dict(re.findall(r"^\s*([^:\n]+): (.+)$", result.stderr, re.M))
    cpu = float(stats["User time (seconds)"]) + float(stats["System time (seconds)"])
    rss = int(stats["Maximum resident set size (kbytes)"]) / 1024
    summary.append(f"| {label} | {wall:.2f} | {cpu:.2f} | {rss:.0f} |")
    print(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MiB peak", flush=True)
    return wall, cpu, rss, result.stdout + result.stderr


def write(path, text):
    """Writes a file unless it already holds the text (a rewrite would make SwiftPM plan again)."""
    if os.path.exists(path) and open(path).read() == text:
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        out.write(text)


def custom_objects():
    """The org's objects other than User, sorted."""
    return sorted(os.path.basename(path)[:-len(".yaml")] for path in glob.glob(os.path.join(metadata, "objects/*.yaml"))
                  if not path.endswith("/User.yaml"))


def model_targets():
    return [f"Models{index + 1}" for index in range(options.split)] if options.split else ["Models"]


def make_package(folder, with_plugin):
    plugins = 'plugins: [.plugin(name: "SObjectGenPlugin", package: "SObjectGen")]' if with_plugin else 'resources: [.process("Resources")]'
    targets = model_targets()
    declared = ""
    for index, name in enumerate(targets):
        dependencies = '[.product(name: "SObjectRuntime", package: "SObjectGen")]' if index == 0 else f'["{targets[0]}"]'
        declared += f"""    .target(
      name: "{name}",
      dependencies: {dependencies},
      {plugins}
    ),
"""
    manifest = f"""// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "{os.path.basename(folder)}",
  platforms: [.macOS(.v13)],
  dependencies: [.package(path: "../SObjectGen", traits: [])],
  targets: [
{declared}    .executableTarget(name: "Probe", dependencies: {json.dumps(targets)}),
  ]
)
"""
    write(os.path.join(folder, "Package.swift"), manifest)
    for index, name in enumerate(targets):
        # A split target's models name User's type: its own file re-exports the target holding User,
        # which makes it visible to every file of the module.
        imported = "SObjectRuntime" if index == 0 else targets[0]
        write(os.path.join(folder, f"Sources/{name}/{name}.swift"), f"@_exported import {imported}\n")
    # The last object, in the last target: decoding it shows that a split target's models compile.
    last = custom_objects()[-1]
    last_type = last.replace("__c", "C")
    write(os.path.join(folder, "Sources/Probe/main.swift"), "import Foundation\n" + "".join(
        f"import {name}\n" for name in targets) + f"""
let decoded = try JSONDecoder().decode({options.swift_type}.self, from: Data("{{}}".utf8))
print({options.swift_type}.apiName, decoded.id == nil ? "decoded" : "?")
let last = try JSONDecoder().decode({last_type}.self, from: Data("{{}}".utf8))
print({last_type}.apiName, last.id == nil ? "decoded" : "?")
print({targets[0]}.SObjectGenResources.paths.count, "paths")
print({holding_target(options.edit_object)}.SObjectGenResources.text(atPath: "describe/{options.edit_object}.json")?.count ?? -1,
      "describe bytes")
print({targets[0]}.SObjectGenResources.text(atPath: "sql/sqlite.sql")?.count ?? -1, "sqlite.sql bytes")
""")


def objects_by_target():
    """Each target's objects: when split, User and the first share of the objects in the first target,
    an equal share in each other."""
    targets = model_targets()
    if not options.split:
        return {targets[0]: ["User"] + custom_objects()}
    names = custom_objects()
    share = -(-len(names) // options.split)
    return {name: (["User"] if index == 0 else []) + names[index * share:(index + 1) * share]
            for index, name in enumerate(targets)}


def holding_target(object_name):
    """The target whose resources hold the object's describe (other targets hold a placeholder)."""
    return next(target for target, held in objects_by_target().items() if object_name in held)


def split_objects():
    """Writes each target's sobjectgen-plugin.json, naming the objects it holds."""
    for name, held in objects_by_target().items():
        write(os.path.join(app, f"Sources/{name}/sobjectgen-plugin.json"), json.dumps({"objects": held}, indent=1) + "\n")


def plugin_output_folder(target):
    found = glob.glob(os.path.join(app, f".build/plugins/outputs/*/{target}/destination/SObjectGenPlugin/Generated"))
    if len(found) != 1:
        sys.exit(f"no single plugin output folder: {found}")
    return found[0]


def modification_times():
    """Every target's plugin outputs, by name (prefixed with the target's when split), with their
    modification times."""
    times = {}
    for target in model_targets():
        folder = plugin_output_folder(target)
        prefix = f"{target}/" if options.split else ""
        times.update({prefix + name: os.stat(os.path.join(folder, name)).st_mtime_ns for name in os.listdir(folder)})
    return times


os.makedirs(work, exist_ok=True)
link = os.path.join(work, "SObjectGen")
if not os.path.lexists(link):
    os.symlink(repository, link)
metadata = os.path.join(app, "Metadata")
if not os.path.exists(metadata):
    if options.org:
        shutil.copytree(options.org, metadata)
    else:
        subprocess.run([sys.executable, os.path.join(repository, "Benchmarks/make-large-org.py"), metadata,
                        str(options.objects)], check=True, stdout=subprocess.DEVNULL)
make_package(app, with_plugin=True)
for target in model_targets():
    if not os.path.lexists(os.path.join(app, f"Sources/{target}/Metadata")):
        os.symlink("../../Metadata", os.path.join(app, f"Sources/{target}/Metadata"))
if options.split:
    split_objects()
objects = len(glob.glob(os.path.join(metadata, "objects/*.yaml")))
load = open("/proc/loadavg").read().split()[:3]
print(f"{objects} object files; {os.cpu_count()} cores; load average {' / '.join(load)}", flush=True)
summary.append(f"{objects} object files, {os.cpu_count()} cores, load average {' / '.join(load)} at the start")
summary.append("")
summary.append("| step | wall s | CPU s | peak RSS MiB |")
summary.append("|---|---|---|---|")


def print_probe(package):
    """Runs the package's Probe, which prints what the models hold."""
    print(subprocess.run([os.path.join(package, ".build/debug/Probe")], capture_output=True, text=True,
                         check=True).stdout, end="")


def build_and_edit_app():
    """The first build of App, its no-op builds, one description edited, a no-op build after it."""
    timed("first build (with the plugin)", build, app)
    print_probe(app)
    for run in range(options.noop_runs):
        timed(f"no-op build {run + 1} (with the plugin)", build, app)

    # One field's description edited.
    before = modification_times()
    edited = os.path.join(metadata, "objects", f"{options.edit_object}.yaml")
    with open(edited) as source:
        text = source.read()
    marker = "    description: "
    position = text.index(marker, text.index("Field03__c")) + len(marker)
    stamp = time.strftime("%H:%M:%S")
    write(edited, text[:position] + f"Edited at {stamp}. " + text[position:])
    _, _, _, log = timed("one description edited (`swift build -v`)", build + ["-v"], app)
    write(os.path.join(work, "edit-build.log"), log)
    after = modification_times()
    rewritten = sorted(name for name in after if before.get(name) != after[name])
    frontend = [line for line in log.splitlines() if "swift-frontend" in line and " -frontend " in line]
    compiled = sorted({os.path.basename(path) for line in frontend for path in re.findall(r"-primary-file (\S+)", line)})
    copies = [line for line in log.splitlines() if re.search(r"\bcp\b|copy", line, re.I) and ".json" in line]
    summary.append("")
    summary.append(f"After the edit: plugin outputs rewritten {len(rewritten)} of {len(after)}: {', '.join(rewritten)}; "
                   f"swift-frontend jobs {len(frontend)}; Swift files compiled (primary files) {len(compiled)}: "
                   f"{', '.join(compiled)}; resource copy lines {len(copies)}")
    print(summary[-1], flush=True)
    print_probe(app)
    timed("no-op build after the edit (with the plugin)", build, app)


def is_placeholder(path):
    """A split target's stand-in for an object another target holds (PluginOutputs' placeholders)."""
    if os.path.getsize(path) > 200:
        return False
    text = open(path).read()
    return text == "{}" or " is held by another target (sobjectgen-plugin.json)." in text


def build_control():
    """The same package without the plugin: each target's Swift outputs as its sources, its JSON
    outputs in a Resources folder processed as resources (as SwiftPM treats a plugin's outputs that
    are not sources: copied flat into the bundle). Not one `.copy` per file: a manifest listing
    3,000 resources takes SwiftPM about 90 s to evaluate, on every build."""
    control = os.path.join(work, "Control")
    shutil.rmtree(control, ignore_errors=True)
    make_package(control, with_plugin=False)
    for target in model_targets():
        outputs = plugin_output_folder(target)
        for name in sorted(os.listdir(outputs)):
            path = os.path.join(outputs, name)
            if name.startswith(".") or (options.split and is_placeholder(path)):
                continue
            folder = os.path.join(control, f"Sources/{target}", "Resources" if name.endswith(".json") else "")
            os.makedirs(folder, exist_ok=True)
            shutil.copy2(path, folder)
    timed("first build (control: no plugin, the outputs as sources)", build, control)
    print_probe(control)
    return control


build = ["swift", "build", "--product", "Probe"]
if options.control_only:
    if not os.path.exists(os.path.join(app, ".build/debug/Probe")):
        sys.exit(f"--control-only: {app} has not been built")
    for run in range(options.noop_runs):
        timed(f"no-op build {run + 1} (with the plugin)", build, app)
else:
    build_and_edit_app()
if options.control_only or not options.no_control:
    control = build_control()
    # Alternated, so that a change in the machine's load falls on both packages alike.
    for run in range(options.noop_runs):
        timed(f"no-op build {run + 1} (control)", build, control)
        timed(f"no-op build {run + 1}, after the control's (with the plugin)", build, app)

print()
print("\n".join(summary))
