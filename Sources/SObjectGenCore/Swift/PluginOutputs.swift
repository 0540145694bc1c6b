import Dispatch
import Foundation
import SObjectMetadata

/// What the build plugin puts into a module, named as `GeneratedFileNames.pluginOutputs` declares:
/// the Swift sources; per object, an archive of its other generated files (describe JSON, layouts,
/// JSON Schemas, reference page); an archive of the files made from the whole model (describeGlobal,
/// SQL); and an accessor that finds a file's archive by its path.
///
/// `write` brings the plugin's folder up to date from an incremental generation, making again only
/// the outputs whose generated files changed and writing only those whose content changed, so that
/// after an edit SwiftPM compiles and copies only what the edit reached.
public enum PluginOutputs {
  /// One file the plugin writes, and the generated files (paths as under `Generated/`) it is made from.
  public struct Output: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
      /// An object's Swift model, copied.
      case swiftSource
      /// A JSON object from each source's path to its text.
      case archive
      /// The accessor: `sources` are every archived path, and `archives` the archive of each.
      case accessor(archives: [String])
    }

    public var path: String
    public var kind: Kind
    public var sources: [String]
  }

  /// The plugin's files for the generated files of each object and those made from the whole model.
  public static func outputs(objectFiles: [String: [String]], aggregateFiles: [String]) -> [Output] {
    var outputs: [Output] = []
    var archived: [(path: String, archive: String)] = []
    for (object, paths) in objectFiles.sorted(by: { $0.key < $1.key }) {
      let swift = paths.filter(GeneratedFileNames.isSwiftSource)
      let others = paths.filter { !GeneratedFileNames.isSwiftSource($0) }.sorted()
      if !swift.isEmpty {
        outputs.append(
          Output(path: GeneratedFileNames.swiftSource(forObject: object), kind: .swiftSource, sources: swift))
      }
      let archive = GeneratedFileNames.resourceArchive(forObject: object)
      outputs.append(Output(path: archive, kind: .archive, sources: others))
      archived += others.map { ($0, archive) }
    }
    let aggregates = aggregateFiles.sorted()
    outputs.append(Output(path: GeneratedFileNames.resourceArchive, kind: .archive, sources: aggregates))
    archived += aggregates.map { ($0, GeneratedFileNames.resourceArchive) }
    archived.sort { $0.path < $1.path }
    outputs.append(
      Output(
        path: GeneratedFileNames.resourceAccessorSource, kind: .accessor(archives: archived.map(\.archive)),
        sources: archived.map(\.path)))
    return outputs.sorted { $0.path < $1.path }
  }

  /// Makes one output, reading its sources with `read` (the accessor reads none).
  public static func make(_ output: Output, read: (String) throws -> Data) throws -> OutputFile {
    switch output.kind {
    case .swiftSource:
      return OutputFile(path: output.path, contents: try output.sources.reduce(into: Data()) { $0 += try read($1) })
    case .archive:
      let members = try output.sources.map { ($0, JSONValue.string(String(decoding: try read($0), as: UTF8.self))) }
      return OutputFile(path: output.path, text: JSONValue.object(members).compact())
    case .accessor(let archives):
      return OutputFile(path: output.path, text: resourceAccessor(paths: output.sources, archives: archives))
    }
  }

  /// Every output, made in memory from a cold generation of the model.
  public static func files(model: MetadataModel) throws -> [OutputFile] {
    let made = Locked<(objects: [String: [OutputFile]], aggregates: [OutputFile])>(([:], []))
    try Generator.generate(model: model) { object, files in
      made.withLock { made in
        if let object { made.objects[object.name, default: []] += files } else { made.aggregates += files }
      }
    }
    let (objects, aggregates) = made.withLock { $0 }
    var contents: [String: Data] = [:]
    for file in objects.values.joined() + aggregates { contents[file.path] = file.contents }
    let outputs = outputs(
      objectFiles: objects.mapValues { $0.map(\.path) }, aggregateFiles: aggregates.map(\.path))
    return try outputs.map { output in try make(output) { contents[$0]! } }
  }

  // MARK: Writing

  /// Brings the plugin's folder up to date with the generation `result` wrote into `generated` (an
  /// `IncrementalGeneration` of the same run). An output is made again only when the stamps of the
  /// generated files it is made from (or, for the accessor, the list of paths) differ from the last
  /// run's, or its own file is not as the last run left it; a state file beside the folder
  /// (`.sobjectgen-cache/<folder name>.cache`, in `GenerationCache`'s format, an entry per output)
  /// remembers both. What is made is written only when its content changed.
  @discardableResult
  public static func write(
    _ result: IncrementalGeneration.Result, generated: String, into directory: OutputDirectory
  ) throws -> OutputDirectory.Plan {
    let folder = directory.path
    let outputs = outputs(
      objectFiles: result.objectFiles.mapValues { $0.map(\.path) }, aggregateFiles: result.aggregateFiles.map(\.path))
    var stamps: [String: GenerationCache.FileStamp] = [:]
    for stamp in result.objectFiles.values.joined() + result.aggregateFiles { stamps[stamp.path] = stamp }
    let fingerprints = outputs.map { fingerprint($0, stamps: stamps) }
    let stateURL = GenerationCache.defaultLocation(forOutput: folder)
    let key = GenerationCache.key(metadataDirectory: generated, outputDirectory: folder)
    let previous = GenerationCache.read(from: stateURL, key: key)
    // A run that stops half-way must not leave a state behind that vouches for the old files.
    try? FileManager.default.removeItem(at: stateURL)
    let transaction = try directory.begin()
    let firstError = Locked<(index: Int, error: Error)?>(nil)
    DispatchQueue.concurrentPerform(iterations: outputs.count) { index in
      let output = outputs[index]
      if let entry = previous?.objects[output.path], entry.fingerprint == fingerprints[index],
        GenerationCache.isIntact(entry.files, in: folder)
      {
        transaction.addUnchanged([output.path])
        return
      }
      do {
        try transaction.add(
          make(output) { path in
            let full = (generated as NSString).appendingPathComponent(path)
            guard let data = try FileSystem.readIfRegularFile(full) else {
              throw OutputError(path: full, problem: "does not exist; the generation did not write it")
            }
            return data
          })
      } catch {
        firstError.withLock { first in
          if first.map({ index < $0.index }) ?? true { first = (index, error) }
        }
      }
    }
    if let first = firstError.withLock({ $0 }) {
      transaction.rollback()
      throw first.error
    }
    let plan = try transaction.commit()
    var state = GenerationCache(key: key, metadataHashes: [:])
    for (output, fingerprint) in zip(outputs, fingerprints) {
      guard let stamp = GenerationCache.stamp(output.path, in: folder) else { continue }
      state.objects[output.path] = GenerationCache.Entry(fingerprint: fingerprint, files: [stamp])
    }
    try state.write(to: stateURL)
    return plan
  }

  /// The hash of what an output is made from: its kind, and each source's path and stamp (for the
  /// accessor, each path and its archive).
  static func fingerprint(_ output: Output, stamps: [String: GenerationCache.FileStamp]) -> UInt64 {
    var stream = FileHash.Stream()
    func add(_ text: String) {
      var text = text
      text.withUTF8 { stream.update(UnsafeRawBufferPointer($0)) }
      withUnsafeBytes(of: UInt8(0)) { stream.update($0) }
    }
    switch output.kind {
    case .swiftSource: add("swift")
    case .archive: add("archive")
    case .accessor(let archives):
      add("accessor")
      for archive in archives { add(archive) }
    }
    for path in output.sources {
      add(path)
      let stamp = stamps[path]
      add(stamp.map { "\($0.size) \($0.modified)" } ?? "missing")
    }
    return stream.finish()
  }

  // MARK: The accessor

  static func resourceAccessor(paths: [String], archives: [String]) -> String {
    var names: [String] = []
    var numbers: [String: Int] = [:]
    for archive in archives where numbers[archive] == nil {
      numbers[archive] = names.count
      names.append(String(archive.dropLast(".json".count)))
    }
    var w = SwiftCodeWriter()
    w.line("// Generated by sobjectgen. Do not edit.")
    w.line()
    w.line("import Foundation")
    w.line()
    w.doc(
      "The files sobjectgen generated for this module besides its Swift sources (describe JSON, SQL, JSON Schemas, reference pages), carried as resources (an archive per object, and one of the files made from the whole model), so that an app can use them without the repository's `Generated/` folder."
    )
    w.block("public enum SObjectGenResources") { w in
      w.line("/// The paths of the files, as under `Generated/` (`describe/Account.json`), sorted.")
      w.line("public static let paths: [String] = [")
      for path in paths { w.line("  \(SwiftNames.literal(path)),") }
      w.line("]")
      w.line()
      w.line("/// The text of a generated file, by its path as under `Generated/`.")
      w.block("public static func text(atPath path: String) -> String?") { w in
        w.line("guard let index = index(ofPath: path) else { return nil }")
        w.line("return lastArchive.files(of: archives[archiveIndexes[index]])[path]")
      }
      w.line()
      w.line("/// The bytes of a generated file, by its path as under `Generated/`.")
      w.block("public static func data(atPath path: String) -> Data?") { w in
        w.line("text(atPath: path).map { Data($0.utf8) }")
      }
      w.line()
      w.line("/// The resources (JSON objects from path to text) that carry the files.")
      w.line("private static let archives: [String] = [")
      for name in names { w.line("  \(SwiftNames.literal(name)),") }
      w.line("]")
      w.line()
      w.line("/// For each of `paths`, the index in `archives` of the resource that carries it.")
      w.line("private static let archiveIndexes: [Int] = [")
      let indexes = archives.map { String(numbers[$0]!) }
      for start in stride(from: 0, to: indexes.count, by: 20) {
        w.line("  " + indexes[start..<min(start + 20, indexes.count)].joined(separator: ", ") + ",")
      }
      w.line("]")
      w.line()
      w.block("private static func index(ofPath path: String) -> Int?") { w in
        w.line("var low = 0")
        w.line("var high = paths.count")
        w.block("while low < high") { w in
          w.line("let middle = (low + high) / 2")
          w.line("if paths[middle] < path { low = middle + 1 } else { high = middle }")
        }
        w.line("return low < paths.count && paths[low] == path ? low : nil")
      }
      w.line()
      w.line("/// The archive read last, kept, so that reading several files of one object reads its resource once.")
      w.line("private static let lastArchive = LastArchive()")
      w.line()
      w.block("private final class LastArchive: @unchecked Sendable") { w in
        w.line("private let lock = NSLock()")
        w.line("private var name = \"\"")
        w.line("private var files: [String: String] = [:]")
        w.line()
        w.block("func files(of archive: String) -> [String: String]") { w in
          w.line("lock.lock()")
          w.line("defer { lock.unlock() }")
          w.block("if archive != name") { w in
            w.line("name = archive")
            w.line("files = [:]")
            w.line("guard let url = Bundle.module.url(forResource: archive, withExtension: \"json\"),")
            w.line("  let data = try? Data(contentsOf: url),")
            w.line("  let decoded = try? JSONDecoder().decode([String: String].self, from: data)")
            w.line("else { return files }")
            w.line("files = decoded")
          }
          w.line("return files")
        }
      }
    }
    return w.text
  }
}
