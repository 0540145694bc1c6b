import ArgumentParser
import Foundation
import SObjectGenCore
import SObjectMetadata

@main
struct SObjectGenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sobjectgen",
    abstract:
      "Generates Swift models, SQL, JSON Schema, describe JSON and reference pages from Salesforce object metadata.",
    subcommands: [
      Generate.self, Validate.self, Reference.self, Describe.self, Migrate.self, Init.self, PluginOutputsCommand.self,
    ],
    defaultSubcommand: Generate.self
  )
}

struct MetadataOptions: ParsableArguments {
  @Option(name: .long, help: "The metadata folder (it holds objects/<Object>.yaml).")
  var metadata: String = "Metadata"

  init() {}
  init(metadata: String) { self.metadata = metadata }
}

/// Prints diagnostics to standard error and fails with exit code 1.
func fail(with diagnostics: [Diagnostic], writes: Bool) -> ExitCode {
  for diagnostic in diagnostics { printError(diagnostic.description) }
  let errors = diagnostics.filter { $0.severity == .error }.count
  printError("\(errors) error\(errors == 1 ? "" : "s") found\(writes ? "; nothing was written" : "").")
  return ExitCode.failure
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Loads the metadata or throws the exit after printing every problem.
func loadModel(_ options: MetadataOptions, writes: Bool = false, parseCache: ParseCache? = nil) throws
  -> MetadataModel
{
  do {
    return try MetadataLoader.load(directory: options.metadata, parseCache: parseCache)
  } catch let error as MetadataError {
    throw fail(with: error.diagnostics, writes: writes)
  }
}

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Checks the metadata and prints every problem as path:line:column: error: message.")

  @OptionGroup var options: MetadataOptions

  func run() throws {
    // The checks of a load, without building (or keeping) the model.
    let summary: MetadataLoader.Summary
    do {
      summary = try MetadataLoader.validate(directory: options.metadata)
    } catch let error as MetadataError {
      throw fail(with: error.diagnostics, writes: false)
    }
    print(
      "\(options.metadata): \(summary.objectCount) objects, \(summary.fieldCount) fields; no problems found.")
  }
}

struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Writes every output into the output folder; with --check, only reports what is out of date.")

  @OptionGroup var options: MetadataOptions

  @Option(name: .long, help: "The folder that receives the outputs; the generator owns it.")
  var output: String = "Generated"

  @Flag(name: .long, help: "Write nothing; exit 1 listing every missing, stale or extra file.")
  var check = false

  @Flag(
    name: .long,
    help:
      "Write into the output folder even when it holds the metadata, or is not empty and has no manifest of a previous run."
  )
  var force = false

  @Flag(
    name: .customLong("no-cache"),
    help: "Make every file again, ignoring (and not writing) the cache in .sobjectgen-cache/ beside the output folder.")
  var noCache = false

  var directory: OutputDirectory {
    OutputDirectory(path: output, force: force, protectedPaths: [options.metadata])
  }

  func run() throws {
    if check {
      return try runCheck()
    }
    let generation = IncrementalGeneration(metadata: options.metadata, directory: directory, usesCache: !noCache)
    let result: IncrementalGeneration.Result
    do {
      result = try generation.run()
    } catch let error as MetadataError {
      throw fail(with: error.diagnostics, writes: true)
    } catch let error as OutputError {
      printError(error.description)
      throw ExitCode.failure
    } catch {
      printError("\(error)")
      throw ExitCode.failure
    }
    guard let plan = result.plan else {
      let count = result.fileCount
      print("Generated \(count) files in \(output): 0 added, 0 changed, 0 removed, \(count) unchanged.")
      return
    }
    for path in plan.foreign {
      printError("note: \(directory.displayPath(path)): not written by sobjectgen; left alone")
    }
    print(
      "Generated \(result.fileCount) files in \(output): \(plan.added.count) added, \(plan.changed.count) changed, \(plan.removed.count) removed, \(plan.unchanged.count) unchanged."
    )
    // Everything is written. Freeing the model and the caches of a large org (`result.built`) would
    // take a good share of a small run (0.3 s of a one-file edit at 3,000 objects): the process ends.
    fflush(nil)
    Foundation.exit(0)
  }

  /// `--check`: makes every file (no cache) and compares it with the output folder, writing nothing.
  func runCheck() throws {
    let model = try loadModel(options)
    let directory = self.directory
    do {
      let transaction = try directory.begin(dryRun: true)
      do {
        try Generator.generate(model: model) { _, files in for file in files { try transaction.add(file) } }
      } catch let error as OutputError {
        throw error
      } catch {
        printError("\(error)")
        throw ExitCode.failure
      }
      let plan = try transaction.commit()
      let count = plan.added.count + plan.changed.count + plan.unchanged.count
      for path in plan.added { printError("\(directory.displayPath(path)): missing") }
      for path in plan.changed { printError("\(directory.displayPath(path)): stale") }
      for path in plan.removed { printError("\(directory.displayPath(path)): extra (no output produces it)") }
      for path in plan.foreign {
        printError("\(directory.displayPath(path)): extra (not written by sobjectgen; remove it by hand)")
      }
      let differing = plan.added.count + plan.changed.count + plan.removed.count + plan.foreign.count
      if differing == 0 {
        print("\(output) is up to date: \(count) files checked.")
      } else {
        printError(
          "\(output) is out of date: \(differing) of \(count) files differ; run `swift run sobjectgen generate`.")
        throw ExitCode.failure
      }
    } catch let error as OutputError {
      printError(error.description)
      throw ExitCode.failure
    }
  }
}

struct Reference: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Prints an object's reference page, as Salesforce's Object Reference lays it out.")

  @OptionGroup var options: MetadataOptions

  @Argument(help: "The object's API name.")
  var object: String

  @Option(name: .long, help: "text (as the reference pages read) or markdown.")
  var format: PageFormat = .text

  enum PageFormat: String, ExpressibleByArgument {
    case text, markdown
  }

  func run() throws {
    let model = try loadModel(options)
    guard let definition = model[objectNamed: object] else {
      printError("error: no object '\(object)' in \(options.metadata)")
      throw ExitCode.failure
    }
    let page = ReferencePage(object: definition)
    switch format {
    case .text: print(ReferencePageTextRenderer.render(page), terminator: "")
    case .markdown: print(ReferencePageMarkdownRenderer.render(page, sourceFile: definition.sourceFile))
    }
  }
}

/// What the build plugin runs: an incremental `generate` into a folder of the plugin's own (`--generated`, with
/// its cache beside it), then the Swift sources and resource archives of the module made from it
/// (`PluginOutputs`). Only the outputs an edit reaches are made again, and only files whose content
/// changed are written (files no longer produced are removed), so that after a one-description edit the
/// build recompiles and copies only what changed; SwiftPM's build system reruns the command from its own
/// record of the inputs, not by comparing modification times.
struct PluginOutputsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plugin-outputs",
    abstract: "Writes a module's generated sources and resources (used by SObjectGenPlugin).",
    shouldDisplay: false)

  @OptionGroup var options: MetadataOptions

  @Option(name: .long, help: "The plugin's output folder.")
  var output: String

  @Option(
    name: .long,
    help: "The folder that keeps every generated file between runs (default: beside the output folder, with .all).")
  var generated: String?

  @Option(name: .long, help: "The target's name, for messages (with --objects-file).")
  var targetName: String = "the target"

  @Option(
    name: .long,
    help: "The target's sobjectgen-plugin.json: the module gets only the objects it names (default: every object).")
  var objectsFile: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "A target this one depends on, and its sobjectgen-plugin.json.", valueName: "name=path"))
  var dependency: [String] = []

  @Option(
    name: .long,
    help: ArgumentHelp("Another target of the package that holds objects.", valueName: "name=path"))
  var other: [String] = []

  func run() throws {
    let generated = self.generated ?? (output.hasSuffix("/") ? String(output.dropLast()) : output) + ".all"
    // The plugin's work folder belongs to the plugin: no ownership check (`force`), the same staging,
    // lock and manifest as `generate`.
    do {
      let split = try objectsFile.map { file in
        PluginTargetSplit(
          target: try PluginTargetSplit.Target(name: targetName, file: file),
          dependencies: try dependency.map(Self.target(from:)), others: try other.map(Self.target(from:)))
      }
      // A split target's work folder gets the files of its own objects and those made from the whole model.
      let generation = IncrementalGeneration(
        metadata: options.metadata, directory: OutputDirectory(path: generated, force: true),
        objectPatterns: split?.target.patterns)
      // The split's fingerprint when its check last passed, removed until it passes again: a run that
      // fails or stops half-way leaves none.
      let checkedURL = GenerationCache.defaultLocation(forOutput: generated).deletingPathExtension()
        .appendingPathExtension("checked")
      let checked = split == nil ? nil : try? String(contentsOf: checkedURL, encoding: .utf8)
      if split != nil { try? FileManager.default.removeItem(at: checkedURL) }
      let result = try generation.run()
      if let split {
        // Checked before the module's folder is touched: a problem leaves it as it was. With the
        // metadata unchanged (no model loaded) and the split as when its check last passed, the check
        // is not run again: SwiftPM reruns the command after a build that relinks the tool.
        let fingerprint = split.fingerprint
        if result.model != nil || checked != fingerprint {
          let problems = split.problems(
            in: try result.model ?? generation.loadModel(), metadataDirectory: options.metadata)
          if !problems.isEmpty { throw MetadataError(diagnostics: problems) }
        }
        try? fingerprint.write(to: checkedURL, atomically: true, encoding: .utf8)
      }
      // The plugin declared two files for every object file's name: those a split target does not hold
      // are placeholders.
      let objects =
        split == nil
        ? []
        : try MetadataLoader.objectFilePaths(in: options.metadata).map {
          (($0 as NSString).lastPathComponent as NSString).deletingPathExtension
        }
      try PluginOutputs.write(
        result, generated: generated, into: OutputDirectory(path: output, force: true), objects: objects,
        holds: split.map { split in { split.target.holds($0) } } ?? { _ in true })
    } catch let error as MetadataError {
      throw fail(with: error.diagnostics, writes: true)
    } catch let error as OutputError {
      printError(error.description)
      throw ExitCode.failure
    } catch {
      printError("\(error)")
      throw ExitCode.failure
    }
  }

  /// A target named on the command line as `name=path`.
  static func target(from argument: String) throws -> PluginTargetSplit.Target {
    guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
      throw ValidationError("expected name=path, got '\(argument)'")
    }
    return try PluginTargetSplit.Target(
      name: String(argument[..<equals]), file: String(argument[argument.index(after: equals)...]))
  }
}
