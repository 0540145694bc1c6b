import ArgumentParser
import Foundation
import SObjectGenCore

/// `sobjectgen init`: a metadata folder for a new package, and how to apply the plugin to it.
struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Creates a metadata folder (objects/ with an example object, and the editor schema) and prints how to apply the build plugin."
  )

  @Option(name: .long, help: "The metadata folder to create, relative to the package root.")
  var metadata: String = "Metadata"

  @Option(name: .long, help: "The name of the target that will hold the generated models.")
  var target: String = "Models"

  func run() throws {
    let folder = URL(fileURLWithPath: metadata, isDirectory: true)
    let files = MetadataScaffold.files
    // Nothing is overwritten: any existing file stops the command before it writes anything.
    let existing = files.map(\.path).filter {
      FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
    }
    guard existing.isEmpty else {
      for path in existing { printError("\(metadata)/\(path): error: the file exists; init overwrites nothing") }
      printError("nothing was written.")
      throw ExitCode.failure
    }
    for file in files {
      let url = folder.appendingPathComponent(file.path)
      do {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.contents.write(to: url, options: .withoutOverwriting)
      } catch {
        printError("\(metadata)/\(file.path): error: cannot write the file (\(error.localizedDescription))")
        throw ExitCode.failure
      }
      print("created \(metadata)/\(file.path)")
    }
    print("")
    print(MetadataScaffold.instructions(metadataPath: metadata, target: target), terminator: "")
  }
}
