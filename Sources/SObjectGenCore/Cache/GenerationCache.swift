import Dispatch
import Foundation
import SObjectMetadata

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `generate` remembers between runs, so that it makes again only what an edit can reach: per
/// object, a fingerprint of everything its files are made from and the stamp (size, modification
/// time, change time) of each file as written; the stamps of the files made from the whole model; for
/// the files assembled from pieces per object (the DDL files, describeGlobal), where each object's
/// pieces lie in them; and the content hash of every metadata file with its stamp when it was hashed
/// (`MetadataHashing`: a file whose stamp vouches for it is not read again).
///
/// An object's files (reference page, Swift model, describe, layouts, JSON Schemas) and its pieces of
/// the assembled files are made from the object's own file, the files of the objects its fields refer
/// to (key prefixes, tables), the reference fields of the objects whose fields refer to it (child
/// relationships), the names of all objects (Swift type names are chosen among them) and the output
/// API version: its fingerprint hashes exactly those. An emitter that starts reading anything else
/// must grow the fingerprint (`fingerprints(of:metadataHashes:)`).
///
/// Never trusted blindly: a cache made by another build of the generator, for another metadata or
/// output folder, in another format, or that fails its checksum, is ignored as a whole; an entry is
/// used only when its fingerprint matches and every file it lists is still there with the same size,
/// modification time and change time (the inode's `ctime`, which no program can set back: a file
/// rewritten and given its old modification time again still shows). Anything else is made again, so
/// the output is always a cold run's; `--no-cache` ignores the cache for anything the stamps cannot
/// see (a clock set back).
public struct GenerationCache: Sendable {
  public struct FileStamp: Sendable, Equatable {
    public var path: String
    public var size: Int64
    public var modified: Int64
    /// The inode's change time, in nanoseconds.
    public var changed: Int64

    public init(path: String, size: Int64, modified: Int64, changed: Int64 = 0) {
      self.path = path
      self.size = size
      self.modified = modified
      self.changed = changed
    }
  }

  public struct Entry: Sendable, Equatable {
    public var fingerprint: UInt64
    public var files: [FileStamp]

    public init(fingerprint: UInt64, files: [FileStamp]) {
      self.fingerprint = fingerprint
      self.files = files
    }
  }

  /// A file assembled from pieces per object (`AssembledFile`): where each object's pieces lie in
  /// it. The file itself is vouched for by its stamp among `aggregateFiles`.
  public struct Assembled: Sendable, Equatable {
    public var pieces: [String: [Range<Int>]]

    public init(pieces: [String: [Range<Int>]]) {
      self.pieces = pieces
    }
  }

  /// Who made the cache: the generator's executable, the metadata and output folders.
  public var key: String
  /// Content hash per metadata file, by path relative to the metadata folder.
  public var metadataHashes: [String: UInt64]
  /// The stamp of each metadata file when it was hashed, by the same paths (see `MetadataHashing`).
  public var metadataStamps: [String: FileStamp] = [:]
  /// When the metadata files were hashed: the wall clock, in nanoseconds, just before the first was read.
  public var metadataHashedAt: Int64 = 0
  /// Per object name.
  public var objects: [String: Entry]
  /// The files made from the whole model (describeGlobal, SQL).
  public var aggregateFiles: [FileStamp]
  /// By path, the files assembled from pieces per object (describeGlobal, SQL).
  public var assembled: [String: Assembled]

  public init(
    key: String, metadataHashes: [String: UInt64], objects: [String: Entry] = [:], aggregateFiles: [FileStamp] = [],
    assembled: [String: Assembled] = [:]
  ) {
    self.key = key
    self.metadataHashes = metadataHashes
    self.objects = objects
    self.aggregateFiles = aggregateFiles
    self.assembled = assembled
  }

  // MARK: Keys and hashes

  /// The key of a cache for these folders, made by this build of the generator.
  public static func key(metadataDirectory: String, outputDirectory: String) -> String {
    [
      "executable \(ExecutableIdentity.current)",
      "metadata \(URL(fileURLWithPath: metadataDirectory).standardizedFileURL.path)",
      "output \(URL(fileURLWithPath: outputDirectory).standardizedFileURL.path)",
    ].joined(separator: "\n")
  }

  /// Per object name, the hash of everything its files are made from (see the type's comment).
  public static func fingerprints(of model: MetadataModel, metadataHashes: [String: UInt64]) -> [String: UInt64] {
    @Sendable func fileHash(_ object: SObjectDefinition) -> UInt64 {
      ContentHash.combine(ContentHash.of(Data(object.sourceFile.utf8)), metadataHashes[object.sourceFile] ?? 0)
    }
    // Every object's Swift type name is chosen among all the objects' names (`SwiftNaming`).
    var allNames = ContentHash.of(Data(model.outputAPIVersion.description.utf8))
    for object in model.objects { allNames = ContentHash.combine(allNames, ContentHash.of(Data(object.name.utf8))) }
    let shared = allNames
    // Each object's summary as a child and each fingerprint are independent: made on every core.
    let objects = model.objects
    let summaries = Locked<[String: UInt64]>([:])
    DispatchQueue.concurrentPerform(iterations: objects.count) { index in
      let summary = childSummary(objects[index])
      summaries.withLock { $0[objects[index].name] = summary }
    }
    let childSummaries = summaries.withLock { $0 }
    let hashes = Locked<[String: UInt64]>([:])
    DispatchQueue.concurrentPerform(iterations: objects.count) { index in
      let object = objects[index]
      var hash = ContentHash.combine(shared, fileHash(object))
      var targets = Set(SystemFields.referenceTargets)
      object.fields.withUnsafeBufferPointer { fields in
        for index in fields.indices { targets.formUnion(fields[index].reference?.targets ?? []) }
      }
      for target in targets.sorted() {
        hash = ContentHash.combine(hash, model[objectNamed: target].map(fileHash) ?? 1)
      }
      hash = ContentHash.combine(hash, 2)
      for child in model.objects(referencing: object.name) {
        hash = ContentHash.combine(hash, childSummaries[child.name] ?? childSummary(child))
      }
      hashes.withLock { $0[object.name] = hash }
    }
    let fingerprints = hashes.withLock { $0 }
    return fingerprints
  }

  /// What the objects a child refers to make of it (their child relationships): the child's name,
  /// plural label and version, and everything about its reference fields but their descriptions and
  /// labels. So that an edit of a child's description does not make every object it refers to
  /// again (User, which every object refers to, has thousands of child relationships in a large org).
  static func childSummary(_ child: SObjectDefinition) -> UInt64 {
    var stream = FileHash.Stream()
    add(child.name, to: &stream)
    add(child.pluralLabel, to: &stream)
    add(child.since?.description ?? "-", to: &stream)
    add(child.sourceFile, to: &stream)
    // The system fields without a reference add nothing: those with one are the same for every object.
    for fields in [SystemFields.referenceFields, child.fields] {
      // Through the buffer each field is read where it lies, not copied (a large org has 150,000).
      fields.withUnsafeBufferPointer { fields in
        for index in fields.indices {
          guard let reference = fields[index].reference else { continue }
          add(fields[index].name, to: &stream)
          add(fields[index].type.rawValue, to: &stream)
          add(fields[index].since?.description ?? "-", to: &stream)
          add(fields[index].isSystem ? "system" : "declared", to: &stream)
          add(fields[index].isNameField ? "name" : "-", to: &stream)
          // The properties as bits in declaration order; the targets one by one, ended by a mark.
          withUnsafeBytes(of: FieldProperty.mask(of: fields[index].properties).littleEndian) { stream.update($0) }
          for target in reference.targets { add(target, to: &stream) }
          add(",", to: &stream)
          add(reference.relationshipName, to: &stream)
          add(reference.relationshipType?.rawValue ?? "-", to: &stream)
        }
      }
    }
    return stream.finish()
  }

  /// Hashes `text` and a zero byte after it.
  private static func add(_ text: String, to stream: inout FileHash.Stream) {
    var text = text
    text.withUTF8 { stream.update(UnsafeRawBufferPointer($0)) }
    withUnsafeBytes(of: UInt8(0)) { stream.update($0) }
  }

  // MARK: Stamps

  /// The stamp of an open file, named `path`; nil when it is not a regular file.
  public static func stamp(_ path: String, descriptor: Int32) -> FileStamp? {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return nil }
    return stamp(path, info)
  }

  static func stamp(_ path: String, _ info: stat) -> FileStamp? {
    guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    #if canImport(Darwin)
      let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
      let changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
    #else
      let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
      let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    #endif
    return FileStamp(path: path, size: Int64(info.st_size), modified: modified, changed: changed)
  }

  /// When the metadata files are those the cache was made from and the output folder holds
  /// exactly the files it lists, as they were written: how many there are (nothing to do).
  /// Otherwise nil.
  public func fileCountIfNothingChanged(metadataHashes: [String: UInt64], output: String) -> Int? {
    guard !metadataHashes.isEmpty, metadataHashes == self.metadataHashes else { return nil }
    let files = objects.values.flatMap(\.files) + aggregateFiles
    guard let existing = try? OutputDirectory(path: output).existingFiles(), existing.count == files.count,
      FolderStamps(root: output).isIntact(files)
    else { return nil }
    return files.count
  }

  /// Where `generate` keeps what each metadata file parsed into (`ParseCache`):
  /// `.sobjectgen-cache/<folder name>.parsed` beside the output folder.
  public static func parseCacheLocation(forOutput output: String) -> URL {
    defaultLocation(forOutput: output).deletingPathExtension().appendingPathExtension("parsed")
  }

  /// Where `generate` keeps the spares of an output folder's streamed files (the DDL files and
  /// describeGlobal; `OutputDirectory.spareFolder`): `.sobjectgen-cache/<folder name>.spare/`.
  public static func spareLocation(forOutput output: String) -> URL {
    defaultLocation(forOutput: output).deletingPathExtension().appendingPathExtension("spare")
  }

  /// Where `generate` keeps the cache of an output folder: `.sobjectgen-cache/<folder name>.cache`
  /// beside it (git-ignored), never inside the folder the generator owns.
  public static func defaultLocation(forOutput output: String) -> URL {
    let folder = URL(fileURLWithPath: output).standardizedFileURL
    return folder.deletingLastPathComponent().appendingPathComponent(".sobjectgen-cache")
      .appendingPathComponent(folder.lastPathComponent + ".cache")
  }
}

/// A 64-bit FNV-1a hash of bytes: stable across runs and machines (unlike `Hasher`), and fast enough
/// to hash a large org's metadata in a few tens of milliseconds.
public enum ContentHash {
  public static func of(_ data: Data) -> UInt64 { FileHash.of(data) }

  public static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var hash = a
    for shift in stride(from: 0, to: 64, by: 8) {
      hash = (hash ^ ((b >> UInt64(shift)) & 0xff)) &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// Sixteen lower-case hexadecimal digits.
  public static func hex(_ value: UInt64) -> String {
    var bytes: [UInt8] = []
    appendHex(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the sixteen digits of `hex(value)` as bytes.
  static func appendHex(_ value: UInt64, to bytes: inout [UInt8]) {
    for shift in stride(from: 60, through: 0, by: -4) {
      let digit = UInt8((value >> UInt64(shift)) & 0xf)
      bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
    }
  }
}
