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
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
      throw MetadataError(diagnostics: [.error("cannot list the folder '\(folder)': \(readableReason(error))", at: nil)]
      )
    }
    // Hidden files are not metadata: editors' lock and backup files (`.#Visit.yaml`), macOS's `._Visit.yaml`.
    return names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }.sorted()
      .map { PathText.joined(folder, $0) }
  }

  /// Reads and validates the metadata folder. Throws `MetadataError` with every problem.
  ///
  /// With a parse cache, a file whose bytes are those of a clean parse the cache holds is taken from
  /// it instead of being parsed, and every file that parses cleanly is recorded in it; the checks
  /// across files run on every object either way, so the model and the diagnostics are those of a
  /// load without a cache. `knownHashes` (by path relative to the metadata folder, as `FileHash` of
  /// the bytes the caller has just read) lets a file the cache holds be taken from it without being
  /// read again.
  public static func load(
    directory: String, parseCache: ParseCache? = nil, knownHashes: [String: UInt64] = [:]
  ) throws -> MetadataModel {
    let (unreadable, parsed) = try readFiles(in: directory, parseCache: parseCache, knownHashes: knownHashes) {
      $0
    }
    // Files that could not be read are reported on their own, not as "no object files".
    let (model, diagnostics) = parsed.isEmpty && !unreadable.isEmpty ? (nil, []) : assemble(consume parsed)
    let all = (unreadable + diagnostics).sortedByLocation()
    guard let model, !all.containsErrors else { throw MetadataError(diagnostics: all) }
    return model
  }

  /// How many objects and declared fields a metadata folder holds.
  public struct Summary: Sendable, Equatable {
    public var objectCount: Int
    public var fieldCount: Int
  }

  /// Checks the metadata folder as `load` does, with the same diagnostics (throws `MetadataError`
  /// with every problem exactly when `load` would), without building the model: each file's objects
  /// and fields are dropped as soon as it is read, keeping only what the checks across files need
  /// (`ObjectOutline`), so that memory does not grow with the org while the files are parsed.
  public static func validate(directory: String) throws -> Summary {
    let (unreadable, outlines) = try readFiles(in: directory, parseCache: nil, knownHashes: [:]) { $0.outline }
    // As in `load`: files that could not be read are reported on their own, not as "no object files".
    let diagnostics = outlines.isEmpty && !unreadable.isEmpty ? [] : check(outlines)
    let all = (unreadable + diagnostics).sortedByLocation()
    guard !all.containsErrors, !outlines.contains(where: { $0.1 == nil }) else {
      throw MetadataError(diagnostics: all)
    }
    return Summary(
      objectCount: outlines.count, fieldCount: outlines.reduce(0) { $0 + ($1.1?.fieldCount ?? 0) })
  }

  /// Reads and parses every object file of the folder in parallel, keeping of each parse result
  /// what `keep` returns (made on the thread that parsed the file, so that the rest is freed there).
  private static func readFiles<Kept>(
    in directory: String, parseCache: ParseCache?, knownHashes: [String: UInt64],
    keep: @Sendable (ParsedObject) -> Kept
  ) throws -> (unreadable: [Diagnostic], parsed: [(MetadataFile.Name, Kept?, [Diagnostic])]) {
    let paths = try objectFilePaths(in: directory)
    // Files are independent until the checks across them: read and parse them in parallel.
    let results = UnsafeResultBuffer<FileResult<Kept>>(count: paths.count)
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      switch read(paths[index], parseCache: parseCache, knownHashes: knownHashes) {
      case .unreadable(let diagnostic): results[index] = .unreadable(diagnostic)
      case .read(let name, let object, let diagnostics): results[index] = .read(name, object.map(keep), diagnostics)
      }
    }
    var unreadable: [Diagnostic] = []
    var parsed: [(MetadataFile.Name, Kept?, [Diagnostic])] = []
    for result in results.values {
      switch result {
      case .unreadable(let diagnostic)?: unreadable.append(diagnostic)
      case .read(let name, let object, let diagnostics)?: parsed.append((name, object, diagnostics))
      case nil: break
      }
    }
    return (unreadable, parsed)
  }

  /// A file that could not be read, or what it parsed into (nil when it did not) and its diagnostics.
  private enum FileResult<Parsed> {
    case unreadable(Diagnostic)
    case read(MetadataFile.Name, Parsed?, [Diagnostic])
  }

  private static func read(_ path: String, parseCache: ParseCache?, knownHashes: [String: UInt64])
    -> FileResult<ParsedObject>
  {
    let name = MetadataFile.Name(path: path)
    let knownHash = parseCache == nil ? nil : knownHashes[name.relativePath]
    if let parseCache, let knownHash {
      if let object = parseCache.lookup(relativePath: name.relativePath, hash: knownHash, path: path) {
        return .read(name, object, [])
      }
    }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      return .unreadable(
        .error(
          "is a folder named like a metadata file; an object file must be a file",
          at: SourceLocation(file: path, line: 1, column: 1)))
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      return .unreadable(
        .error(
          "cannot read the file: \(readableReason(error, path: path))",
          at: SourceLocation(file: path, line: 1, column: 1)))
    }
    let hash = parseCache.map { _ in FileHash.of(data) }
    // A miss for the known hash is not asked again for the same bytes.
    if let parseCache, let hash, hash != knownHash,
      let object = parseCache.lookup(relativePath: name.relativePath, hash: hash, path: path)
    {
      return .read(name, object, [])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      let (line, column, byte) = firstInvalidUTF8(data)
      return .unreadable(
        .error(
          "the file is not UTF-8 text: byte 0x\(String(format: "%02X", byte)) cannot start or continue a character",
          at: SourceLocation(file: path, line: line, column: column)))
    }
    let (object, diagnostics) = ObjectFileParser(file: MetadataFile(path: path, contents: text)).parse()
    if let parseCache, let hash, let object, diagnostics.isEmpty {
      parseCache.record(relativePath: name.relativePath, hash: hash, parsed: object)
    }
    return .read(name, object, diagnostics)
  }

  /// Validates files already in memory. Returns the model only when there are no errors.
  public static func load(files: [MetadataFile]) -> (MetadataModel?, [Diagnostic]) {
    // Files are independent until the checks across them: parse them in parallel.
    let results = UnsafeResultBuffer<(ParsedObject?, [Diagnostic])>(count: files.count)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      results[index] = ObjectFileParser(file: files[index]).parse()
    }
    return assemble(
      zip(files, results.values).map { file, result in
        (MetadataFile.Name(path: file.path), result?.0, result?.1 ?? [])
      })
  }

  /// The checks across files and the model, from every file's parse result in path order.
  private static func assemble(_ results: consuming [(MetadataFile.Name, ParsedObject?, [Diagnostic])]) -> (
    MetadataModel?, [Diagnostic]
  ) {
    let diagnostics = check(results.map { name, object, diagnostics in (name, object?.outline, diagnostics) })
    if results.isEmpty || diagnostics.containsErrors || results.contains(where: { $0.1 == nil }) {
      return (nil, diagnostics)
    }
    // The definitions move out of the parse results, which go at once: each object's fields are then
    // held once, so that resolving them changes them in place instead of copying a large org's fields.
    var definitions: [SObjectDefinition] = []
    definitions.reserveCapacity(results.count)
    var remaining = consume results
    for index in remaining.indices {
      guard let parsed = remaining[index].1.take() else { continue }
      definitions.append(parsed.definition)
    }
    remaining = []
    return (MetadataModel(objects: consume definitions), diagnostics)
  }

  /// Every file's diagnostics and those of the checks across files, sorted by location.
  private static func check(_ results: [(MetadataFile.Name, ObjectOutline?, [Diagnostic])]) -> [Diagnostic] {
    guard !results.isEmpty else {
      return [.error("the metadata holds no object files", at: nil)]
    }
    var diagnostics = results.flatMap(\.2)
    let parsed = results.compactMap(\.1)
    // An object whose file did not parse still exists, under its file's name: references to it are
    // not reported as undeclared, so one broken file does not cascade into errors in the others.
    let unparsedNames = results.compactMap { name, object, _ in object == nil ? name.stem : nil }
    diagnostics += crossFileDiagnostics(parsed, unparsedNames: unparsedNames)
    return diagnostics.sortedByLocation()
  }

  /// Object names whose output files would collide, ignoring case as macOS and Windows do, with a
  /// file every generation writes.
  static let reservedObjectNames: [String: String] = [
    "global":
      "its describe file would be describe/global.json, the describeGlobal of every object (on a case-insensitive file system whatever its case)",
    "sobjectgenresources":
      "its Swift model would be SObjectGenResources.swift, the file through which the plugin gives access to the generated resources",
  ]

  private static func crossFileDiagnostics(_ parsed: [ObjectOutline], unparsedNames: [String]) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var byName: [String: ObjectOutline] = [:]
    var byPrefix: [String: ObjectOutline] = [:]
    for object in parsed.sorted(by: { $0.sourceFile < $1.sourceFile }) {
      let name = object.name
      let key = name.lowercased()
      if let reason = reservedObjectNames[key] {
        diagnostics.append(.error("object name '\(name)' cannot be used: \(reason)", at: object.nameLocation))
      }
      if let first = byName[key] {
        diagnostics.append(
          .error(
            "object '\(name)' is already defined in \(first.sourceFile)",
            at: object.nameLocation))
      } else {
        byName[key] = object
      }
      if let prefix = object.keyPrefix {
        if let first = byPrefix[prefix] {
          diagnostics.append(
            .error(
              "key prefix '\(prefix)' is already used by object '\(first.name)'",
              at: object.keyPrefixLocation))
        } else {
          byPrefix[prefix] = object
        }
      }
    }
    let declared = byName.values.map(\.name) + unparsedNames
    let unparsed = Set(unparsedNames.map { $0.lowercased() })
    for object in parsed {
      // How many targets each field has: more than one makes it polymorphic.
      var targetCounts: [String: Int] = [:]
      for reference in object.referenceTargets { targetCounts[reference.field, default: 0] += 1 }
      for (field, target, location) in object.referenceTargets {
        let key = target.lowercased()
        guard let match = byName[key] else {
          if unparsed.contains(key) { continue }
          // One sentence: the likely spelling when there is one, else where to declare the object.
          let advice =
            Spelling.suggestion(for: target, among: declared).map { "did you mean '\($0)'?" }
            ?? "declare it in \(objectsFolder)/\(target).yaml"
          diagnostics.append(
            .error("field '\(field)' refers to undeclared object '\(target)'; \(advice)", at: location))
          continue
        }
        if match.name != target {
          diagnostics.append(
            .error(
              "field '\(field)' refers to '\(target)'; the object is spelt '\(match.name)'", at: location))
        }
        // A polymorphic reference tells its targets apart by key prefix (Swift decoding, the SQL
        // and request checks): a target without one could never be recognised.
        if targetCounts[field, default: 0] > 1, match.keyPrefix == nil {
          diagnostics.append(
            .error(
              "polymorphic field '\(field)' refers to '\(target)', which has no keyPrefix; give \(objectsFolder)/\(match.name).yaml a keyPrefix so that its IDs can be told apart",
              at: location))
        }
      }
    }
    return diagnostics
  }
}

/// Where the first byte that is not valid UTF-8 is: line, column (in characters) and the byte.
func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int, byte: UInt8) {
  var line = 1
  var column = 1
  var previousWasCR = false
  var parser = Unicode.UTF8.ForwardParser()
  var iterator = data.makeIterator()
  var offset = 0
  while true {
    switch parser.parseScalar(from: &iterator) {
    case .valid(let encoded):
      let scalar = Unicode.UTF8.decode(encoded)
      offset += encoded.count
      if scalar == "\n" {
        if !previousWasCR { line += 1 }
        column = 1
      } else if scalar == "\r" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      previousWasCR = scalar == "\r"
    case .error:
      return (line, column, data[data.startIndex + offset])
    case .emptyInput:
      return (line, column, 0)
    }
  }
}

/// What went wrong with a file, in words: the POSIX reason behind Foundation's error.
func readableReason(_ error: Error, path: String? = nil) -> String {
  let error = error as NSError
  var code: Int?
  // Foundation does not always keep the POSIX error; opening the file again tells it.
  if let path {
    let fd = open(path, O_RDONLY)
    if fd < 0 { code = Int(errno) } else { close(fd) }
  }
  if code == nil, error.domain == NSPOSIXErrorDomain { code = error.code }
  if code == nil, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
    underlying.domain == NSPOSIXErrorDomain
  {
    code = underlying.code
  }
  switch code.map(Int32.init) {
  case ELOOP?: return "too many symbolic links (a symbolic link loop?)"
  case EACCES?, EPERM?: return "permission denied"
  case ENOENT?: return "does not exist (a broken symbolic link?)"
  case EISDIR?: return "is a folder, not a file"
  case ENOTDIR?: return "a part of the path is not a folder"
  case let code?: return String(cString: strerror(code))
  case nil:
    switch error.code {
    case NSFileReadNoSuchFileError: return "does not exist (a broken symbolic link?)"
    case NSFileReadNoPermissionError: return "permission denied"
    default: return error.localizedFailureReason ?? error.localizedDescription
    }
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
