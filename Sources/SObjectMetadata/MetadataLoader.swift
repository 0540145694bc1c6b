import Dispatch
import Foundation

/// Loads the metadata: every object file under `<metadata>/objects/`, checked one by one and then
/// against each other, into one validated `MetadataModel` — or every problem found.
public enum MetadataLoader {
  /// The folder, under the metadata folder, that holds one YAML file per object.
  public static let objectsFolder = "objects"

  /// Lists the object files of a metadata folder, sorted by path, as `path` strings that begin
  /// with `directory` as given (so diagnostics name the paths the user typed).
  public static func objectFilePaths(in directory: String) throws -> [String] {
    let folder = (directory as NSString).appendingPathComponent(objectsFolder)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw MetadataError(diagnostics: [
        .error("no '\(objectsFolder)' folder in metadata folder '\(directory)'", at: nil)
      ])
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
    return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
      .map { (folder as NSString).appendingPathComponent($0) }
  }

  /// Reads and validates the metadata folder. Throws `MetadataError` with every problem.
  public static func load(directory: String) throws -> MetadataModel {
    let paths = try objectFilePaths(in: directory)
    var files: [MetadataFile] = []
    var unreadable: [Diagnostic] = []
    for path in paths {
      do {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let text = String(data: data, encoding: .utf8) else {
          unreadable.append(.error("the file is not UTF-8 text", at: SourceLocation(file: path, line: 1, column: 1)))
          continue
        }
        files.append(MetadataFile(path: path, contents: text))
      } catch {
        unreadable.append(
          .error(
            "cannot read the file: \(error.localizedDescription)", at: SourceLocation(file: path, line: 1, column: 1)))
      }
    }
    let (model, diagnostics) = load(files: files)
    let all = (unreadable + diagnostics).sortedByLocation()
    guard let model, !all.containsErrors else { throw MetadataError(diagnostics: all) }
    return model
  }

  /// Validates files already in memory. Returns the model only when there are no errors.
  public static func load(files: [MetadataFile]) -> (MetadataModel?, [Diagnostic]) {
    guard !files.isEmpty else {
      return (nil, [.error("the metadata holds no object files", at: nil)])
    }
    // Files are independent until the checks across them: parse them in parallel.
    let results = UnsafeResultBuffer<(ParsedObject?, [Diagnostic])>(count: files.count)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      results[index] = ObjectFileParser(file: files[index]).parse()
    }
    var diagnostics = results.values.flatMap { $0?.1 ?? [] }
    let parsed = results.values.compactMap { $0?.0 }
    // An object whose file did not parse still exists, under its file's name: references to it are
    // not reported as undeclared, so one broken file does not cascade into errors in the others.
    let unparsedNames = zip(files, results.values).compactMap { file, result in
      result?.0 == nil ? ((file.path as NSString).lastPathComponent as NSString).deletingPathExtension : nil
    }
    diagnostics += crossFileDiagnostics(parsed, unparsedNames: unparsedNames)
    diagnostics = diagnostics.sortedByLocation()
    if diagnostics.containsErrors || parsed.count != files.count {
      return (nil, diagnostics)
    }
    return (MetadataModel(objects: parsed.map(\.definition)), diagnostics)
  }

  private static func crossFileDiagnostics(_ parsed: [ParsedObject], unparsedNames: [String]) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var byName: [String: ParsedObject] = [:]
    var byPrefix: [String: ParsedObject] = [:]
    for object in parsed.sorted(by: { $0.definition.sourceFile < $1.definition.sourceFile }) {
      let name = object.definition.name
      if let first = byName[name.lowercased()] {
        diagnostics.append(
          .error(
            "object '\(name)' is already defined in \(first.definition.sourceFile)",
            at: object.nameLocation))
      } else {
        byName[name.lowercased()] = object
      }
      if let prefix = object.definition.keyPrefix {
        if let first = byPrefix[prefix] {
          diagnostics.append(
            .error(
              "key prefix '\(prefix)' is already used by object '\(first.definition.name)'",
              at: object.keyPrefixLocation))
        } else {
          byPrefix[prefix] = object
        }
      }
    }
    let declared = byName.values.map(\.definition.name) + unparsedNames
    let unparsed = Set(unparsedNames.map { $0.lowercased() })
    for object in parsed {
      for (field, target, location) in object.referenceTargets {
        guard let match = byName[target.lowercased()] else {
          if unparsed.contains(target.lowercased()) { continue }
          // One sentence: the likely spelling when there is one, else where to declare the object.
          let advice =
            Spelling.suggestion(for: target, among: declared).map { "did you mean '\($0)'?" }
            ?? "declare it in \(objectsFolder)/\(target).yaml"
          diagnostics.append(
            .error("field '\(field)' refers to undeclared object '\(target)'; \(advice)", at: location))
          continue
        }
        if match.definition.name != target {
          diagnostics.append(
            .error(
              "field '\(field)' refers to '\(target)'; the object is spelt '\(match.definition.name)'", at: location))
        }
        // A polymorphic reference tells its targets apart by key prefix (Swift decoding, the SQL
        // and request checks): a target without one could never be recognised.
        let isPolymorphic = object.referenceTargets.filter { $0.field == field }.count > 1
        if isPolymorphic, match.definition.keyPrefix == nil {
          diagnostics.append(
            .error(
              "polymorphic field '\(field)' refers to '\(target)', which has no keyPrefix; give \(objectsFolder)/\(match.definition.name).yaml a keyPrefix so that its IDs can be told apart",
              at: location))
        }
      }
    }
    return diagnostics
  }
}

/// Fixed-size storage that `concurrentPerform` iterations write to at distinct indices.
private final class UnsafeResultBuffer<Value>: @unchecked Sendable {
  private var storage: [Value?]
  private let lock = NSLock()

  init(count: Int) {
    storage = Array(repeating: nil, count: count)
  }

  subscript(index: Int) -> Value? {
    get { lock.withLock { storage[index] } }
    set { lock.withLock { storage[index] = newValue } }
  }

  var values: [Value?] { lock.withLock { storage } }
}
