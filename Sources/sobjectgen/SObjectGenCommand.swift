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
func loadModel(
  _ options: MetadataOptions, writes: Bool = false, parseCache: ParseCache? = nil, knownHashes: [String: UInt64] = [:]
) throws -> MetadataModel {
  do {
    return try MetadataLoader.load(directory: options.metadata, parseCache: parseCache, knownHashes: knownHashes)
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
    // Files whose bytes are those of a clean parse of an earlier run are not parsed again.
    let parseCacheURL = GenerationCache.parseCacheLocation(forOutput: output)
    let parseCache = noCache ? nil : ParseCache.read(from: parseCacheURL, key: key)
    let model: MetadataModel
    do {
      // The files were read and hashed just above: those the parse cache holds are not read again.
      model = try loadModel(options, writes: true, parseCache: parseCache, knownHashes: hashes)
    } catch {
      // What parsed cleanly is kept even when the model has errors: the next run after a fix
      // parses only the files that changed.
      if let parseCache, parseCache.isModified { try? parseCache.write(to: parseCacheURL) }
      throw error
    }
    if let parseCache, parseCache.isModified { try? parseCache.write(to: parseCacheURL) }
    // A run that stops half-way must not leave a cache behind that claims the old files.
    if !noCache { try? FileManager.default.removeItem(at: cacheURL) }
    let fingerprints = noCache ? [:] : GenerationCache.fingerprints(of: model, metadataHashes: hashes)
    // Which files each object made (nil: the files made from the whole model), stamped once in place.
    let made = Locked<[String?: [String]]>([:])
    let reused = Locked<[String: GenerationCache.Entry]>([:])
    let assembled = Locked<[String: GenerationCache.Assembled]>([:])
    let previousPieces = PreviousPieces(cache: previous, fingerprints: fingerprints, output: output)
    let directory = self.directory
    let output = self.output
    let previousCache = previous
    let noCache = self.noCache
    do {
      // Files are staged as they are made, on every core, and are not all held at once; the commit
      // moves them into place.
      let transaction = try directory.begin()
      do {
        try Generator.generate(
          model: model,
          reuse: { object in
            guard let fingerprint = fingerprints[object.name], let entry = previousCache?.objects[object.name],
              entry.fingerprint == fingerprint, GenerationCache.isIntact(entry.files, in: output)
            else { return false }
            transaction.addUnchanged(entry.files.map(\.path))
            reused.withLock { $0[object.name] = entry }
            return true
          },
          reusePieces: { previousPieces.pieces(path: $0, object: $1) },
          recordPieces: { path, pieces in
            made.withLock { $0[nil, default: []].append(path) }
            guard !noCache else { return }
            assembled.withLock { $0[path] = GenerationCache.Assembled(pieces: pieces) }
          },
          writeAssembled: { path, make in try transaction.addStreamed(path: path, make: make) },
          into: { object, files in
            for file in files { try transaction.add(file) }
            made.withLock { $0[object?.name, default: []] += files.map(\.path) }
          })
      } catch let error as OutputError {
        transaction.rollback()
        throw error
      } catch {
        transaction.rollback()
        printError("\(error)")
        throw ExitCode.failure
      }
      let plan = try transaction.commit()
      for path in plan.foreign {
        printError("note: \(directory.displayPath(path)): not written by sobjectgen; left alone")
      }
      if !noCache {
        var cache = GenerationCache(key: key, metadataHashes: hashes)
        cache.objects = reused.withLock { $0 }
        cache.assembled = assembled.withLock { $0 }
        for (object, paths) in made.withLock({ $0 }) {
          let stamps = paths.sorted().compactMap { GenerationCache.stamp($0, in: output) }
          if let object, let fingerprint = fingerprints[object] {
            cache.objects[object] = GenerationCache.Entry(fingerprint: fingerprint, files: stamps)
          } else if object == nil {
            cache.aggregateFiles += stamps
          }
        }
        cache.aggregateFiles += [GenerationCache.stamp(OutputDirectory.manifestName, in: output)].compactMap { $0 }
        cache.aggregateFiles.sort { $0.path < $1.path }
        try cache.write(to: cacheURL)
      }
      let count = plan.added.count + plan.changed.count + plan.unchanged.count
      print(
        "Generated \(count) files in \(output): \(plan.added.count) added, \(plan.changed.count) changed, \(plan.removed.count) removed, \(plan.unchanged.count) unchanged."
      )
      // Everything is written. Freeing the model and the caches of a large org would take a good
      // share of a small run (0.3 s of a one-file edit at 3,000 objects): the process ends instead.
      fflush(nil)
      Foundation.exit(0)
    } catch let error as OutputError {
      printError(error.description)
      throw ExitCode.failure
    }
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
    // The plugin's work folder belongs to the plugin: no ownership check (`force`), the same staging,
    // lock and manifest as `generate`.
    do {
      try OutputDirectory(path: output, force: true).write(files)
    } catch let error as OutputError {
      printError(error.description)
      throw ExitCode.failure
    }
  }
}
