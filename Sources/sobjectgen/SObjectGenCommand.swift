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
    name: .long,
    help:
      "Write into the output folder even when it holds the metadata, or is not empty and has no manifest of a previous run."
  )
  var force = false

  func run() throws {
    let model = try loadModel(options, writes: !check)
    let files: [OutputFile]
    do {
      files = try Generator.generate(model: model)
    } catch {
      printError("\(error)")
      throw ExitCode.failure
    }
    var directory = OutputDirectory(path: output, force: force, protectedPaths: [options.metadata])
    directory.lockTimeout = 120
    do {
      if check {
        try runCheck(directory, files)
      } else {
        let plan = try directory.write(files)
        for path in plan.foreign {
          printError("note: \(directory.displayPath(path)): not written by sobjectgen; left alone")
        }
        print(
          "Generated \(files.count) files in \(output): \(plan.added.count) added, \(plan.changed.count) changed, \(plan.removed.count) removed, \(plan.unchanged.count) unchanged."
        )
      }
    } catch let error as OutputError {
      printError(error.description)
      throw ExitCode.failure
    }
  }

  private func runCheck(_ directory: OutputDirectory, _ files: [OutputFile]) throws {
    let plan = try directory.plan(for: files)
    for path in plan.added { printError("\(directory.displayPath(path)): missing") }
    for path in plan.changed { printError("\(directory.displayPath(path)): stale") }
    for path in plan.removed { printError("\(directory.displayPath(path)): extra (no output produces it)") }
    for path in plan.foreign {
      printError("\(directory.displayPath(path)): extra (not written by sobjectgen; remove it by hand)")
    }
    let count = plan.added.count + plan.changed.count + plan.removed.count + plan.foreign.count
    if count == 0 {
      print("\(output) is up to date: \(files.count + 1) files checked.")
    } else {
      printError(
        "\(output) is out of date: \(count) of \(files.count + 1) files differ; run `swift run sobjectgen generate`.")
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

/// What the build plugin runs: writes the Swift sources and the resource archive of a module. Every file is
/// written on every run, so that SwiftPM sees outputs newer than the metadata that changed.
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
    let folder = URL(fileURLWithPath: output, isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for file in files {
      try file.contents.write(to: folder.appendingPathComponent(file.path), options: .atomic)
    }
  }
}
