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
      Generate.self, Validate.self, Reference.self, Describe.self, Migrate.self, PluginOutputsCommand.self,
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
func loadModel(_ options: MetadataOptions, writes: Bool = false) throws -> MetadataModel {
  do {
    return try MetadataLoader.load(directory: options.metadata)
  } catch let error as MetadataError {
    throw fail(with: error.diagnostics, writes: writes)
  }
}

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Checks the metadata and prints every problem as path:line:column: error: message.")

  @OptionGroup var options: MetadataOptions

  func run() throws {
    let model = try loadModel(options)
    let fields = model.objects.reduce(0) { $0 + $1.fields.count }
    print("\(options.metadata): \(model.objects.count) objects, \(fields) fields; no problems found.")
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
    name: .customLong("no-cache"),
    help: "Make every file again, ignoring (and not writing) the cache in .sobjectgen-cache/ beside the output folder.")
  var noCache = false

  func run() throws {
    if check {
      return try runCheck()
    }
    let cacheURL = GenerationCache.defaultLocation(forOutput: output)
    var key = ""
    var hashes: [String: UInt64] = [:]
    var previous: GenerationCache?
    if !noCache {
      key = GenerationCache.key(metadataDirectory: options.metadata, outputDirectory: output)
      previous = GenerationCache.read(from: cacheURL, key: key)
      hashes = (try? GenerationCache.metadataHashes(of: options.metadata)) ?? [:]
      if let previous, let count = previous.fileCountIfNothingChanged(metadataHashes: hashes, output: output) {
        print("Generated \(count) files in \(output): 0 added, 0 changed, 0 removed, \(count) unchanged.")
        return
      }
    }
    let model = try loadModel(options, writes: true)
    // A run that stops half-way must not leave a cache behind that claims the old files.
    if !noCache { try? FileManager.default.removeItem(at: cacheURL) }
    let fingerprints = noCache ? [:] : GenerationCache.fingerprints(of: model, metadataHashes: hashes)
    let next = Locked(GenerationCache(key: key, metadataHashes: hashes))
    // Files go to the folder as they are made, on every core, and are not all held at once.
    let session = try OutputDirectory(path: output).session()
    let output = self.output
    let previousCache = previous
    do {
      try Generator.generate(
        model: model,
        reuse: { object in
          guard let fingerprint = fingerprints[object.name], let entry = previousCache?.objects[object.name],
            entry.fingerprint == fingerprint, GenerationCache.isIntact(entry.files, in: output)
          else { return false }
          session.acceptUnchanged(entry.files.map(\.path))
          next.withLock { $0.objects[object.name] = entry }
          return true
        },
        into: { object, files in
          try session.accept(files)
          guard !fingerprints.isEmpty else { return }
          let stamps = files.compactMap { GenerationCache.stamp($0.path, in: output) }
          next.withLock { cache in
            if let object, let fingerprint = fingerprints[object.name] {
              cache.objects[object.name] = GenerationCache.Entry(fingerprint: fingerprint, files: stamps)
            } else if object == nil {
              cache.aggregateFiles += stamps
            }
          }
        })
    } catch {
      printError("\(error)")
      throw ExitCode.failure
    }
    let plan = try session.finish()
    if !noCache {
      var cache = next.withLock { $0 }
      cache.aggregateFiles.sort { $0.path < $1.path }
      try cache.write(to: cacheURL)
    }
    let count = plan.added.count + plan.changed.count + plan.unchanged.count
    print(
      "Generated \(count) files in \(output): \(plan.added.count) added, \(plan.changed.count) changed, \(plan.removed.count) removed, \(plan.unchanged.count) unchanged."
    )
  }

  /// `--check`: makes every file (no cache) and compares it with the output folder, writing nothing.
  func runCheck() throws {
    let model = try loadModel(options)
    let session = try OutputDirectory(path: output).session(dryRun: true)
    do {
      try Generator.generate(model: model) { _, files in try session.accept(files) }
    } catch {
      printError("\(error)")
      throw ExitCode.failure
    }
    let plan = try session.finish()
    let count = plan.added.count + plan.changed.count + plan.unchanged.count
    for path in plan.added { printError("\(output)/\(path): missing") }
    for path in plan.changed { printError("\(output)/\(path): stale") }
    for path in plan.removed { printError("\(output)/\(path): extra (no output produces it)") }
    if plan.isUpToDate {
      print("\(output) is up to date: \(count) files checked.")
    } else {
      let differing = plan.added.count + plan.changed.count + plan.removed.count
      printError(
        "\(output) is out of date: \(differing) of \(count) files differ; run `swift run sobjectgen generate`.")
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

/// What the build plugin runs: writes the Swift sources and the resource archive of a module. Only files
/// whose content changed are written (and files no longer produced removed), so that after a
/// one-description edit the build recompiles only the sources that changed; SwiftPM's build system
/// reruns the command from its own record of the inputs, not by comparing modification times.
struct PluginOutputsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plugin-outputs",
    abstract: "Writes a module's generated sources and resources (used by SObjectGenPlugin).",
    shouldDisplay: false)

  @OptionGroup var options: MetadataOptions

  @Option(name: .long, help: "The plugin's output folder.")
  var output: String

  func run() throws {
    let model = try loadModel(options, writes: true)
    let files = PluginOutputs.files(from: try Generator.generate(model: model))
    let session = try OutputDirectory(path: output).session()
    try session.accept(files)
    try session.finish()
  }
}
