import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata

/// A fresh temporary folder, removed by the caller with `removeItem`.
func makeTemporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("sobjectgen-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Copies the repository's Metadata/ into a folder of its own.
func copyOfMetadata(in folder: URL) throws -> URL {
  let copy = folder.appendingPathComponent("Metadata")
  try FileManager.default.copyItem(at: URL(fileURLWithPath: metadataFolder), to: copy)
  return copy
}

/// Runs the built `sobjectgen` and returns its exit status, standard output and standard error.
func runCLI(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
  let result = try runProgram(sobjectgenExecutable().path, arguments, directory: directory)
  return (result.status, result.stdout, result.stderr)
}

/// The CLI sits beside the test bundle in the build folder.
func sobjectgenExecutable() -> URL {
  let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  for folder in [beside, beside.deletingLastPathComponent()] {
    let candidate = folder.appendingPathComponent("sobjectgen")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
  }
  return packageRoot.appendingPathComponent(".build/debug/sobjectgen")
}

/// Every file below a folder with its bytes and modification date.
func snapshot(of folder: URL) throws -> [String: (Data, Date)] {
  var result: [String: (Data, Date)] = [:]
  guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return result }
  while let relative = enumerator.nextObject() as? String {
    let url = folder.appendingPathComponent(relative)
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
      let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
      result[relative] = (try Data(contentsOf: url), attributes[.modificationDate] as? Date ?? .distantPast)
    }
  }
  return result
}
