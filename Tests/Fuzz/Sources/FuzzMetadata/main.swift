import Foundation
import SObjectGenCore
import SObjectMetadata

/// The repository's object files, the company every fuzzed file is loaded in (so that references
/// resolve and valid inputs reach the emitters). `SOBJECTGEN_FUZZ_METADATA` names the folder.
let companions: [MetadataFile] = {
  let folder = ProcessInfo.processInfo.environment["SOBJECTGEN_FUZZ_METADATA"] ?? "Metadata"
  let paths = (try? MetadataLoader.objectFilePaths(in: folder)) ?? []
  return paths.compactMap { path in
    (try? String(contentsOfFile: path, encoding: .utf8)).map { MetadataFile(path: path, contents: $0) }
  }
}()

/// The object name a file declares on a `name:` line, so that the file can be named after it.
func declaredName(_ text: String) -> String? {
  for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) where line.hasPrefix("name:") {
    let name = line.dropFirst(5).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
    if !name.isEmpty, name.count <= 80, !name.contains("/") { return name }
  }
  return nil
}

/// One input: a metadata file (any bytes). It is loaded beside the repository's objects, replacing
/// the one of the same name; when the whole is valid, every emitter and the plugin outputs run.
/// Errors are expected; a crash, a hang or an emitter failing on a valid model is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMetadata(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  guard let text = String(bytes: bytes, encoding: .utf8) else { return 0 }
  let name = declaredName(text) ?? "Thing"
  let path = "Metadata/objects/\(name).yaml"
  let files =
    companions.filter { ($0.path as NSString).lastPathComponent != "\(name).yaml" }
    + [MetadataFile(path: path, contents: text)]
  let (model, diagnostics) = MetadataLoader.load(files: files)
  for diagnostic in diagnostics where diagnostic.message.isEmpty {
    fatalError("a diagnostic without a message at \(String(describing: diagnostic.location))")
  }
  guard let model else { return 0 }
  do {
    _ = try Generator.generate(model: model)
    _ = try PluginOutputs.files(model: model)
  } catch {
    fatalError("the metadata was valid but generating failed: \(error)")
  }
  return 0
}
