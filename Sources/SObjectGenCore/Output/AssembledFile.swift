import Foundation
import SObjectMetadata

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file made from every object (a DDL file, describeGlobal) as fixed text around a few pieces per
/// object, each piece a function of its object (and of what the object's fingerprint covers): so
/// that after an edit the file is assembled again from the pieces of the previous generation's file,
/// only the edited objects' pieces made again (`GenerationCache`).
///
/// `assemble` must give the same bytes whichever way each piece was obtained, as long as the pieces
/// are the same bytes; the generator records where each object's pieces lie in the result.
public struct AssembledFile: Sendable {
  /// Makes a file, handing its bytes in parts to the sink it is given (`Generator`'s `writeAssembled`).
  public typealias Make = (_ sink: ByteSink) throws -> Void

  /// The file's path in the output folder.
  public var path: String
  /// How many pieces each object has (the same for every object; a piece may be empty).
  public var partsPerObject: Int
  /// Given the model, once per run, the function that makes one object's pieces.
  public var preparePieces: @Sendable (MetadataModel) -> @Sendable (SObjectDefinition) throws -> [Data]
  /// Writes the file into `builder`: fixed text (`append`) with `appendPiece` for each object's pieces,
  /// the objects in model order for each part. `pieces(index)` gives the pieces of the model's object at
  /// `index`; it is called exactly once per object, in order, part 0 of each object may be appended
  /// right away and the later parts kept until their turn.
  public var assemble:
    @Sendable (_ model: MetadataModel, _ builder: inout AssemblyBuilder, _ pieces: (Int) throws -> [Piece]) throws ->
      Void

  /// One piece of an object: bytes made now, or a range of the previous generation's file.
  public enum Piece: Sendable {
    case bytes(Data)
    /// Bytes `range` of the open file `descriptor` (`PreviousPieces`), copied without being read in.
    case previous(descriptor: Int32, range: Range<Int>)

    public var isEmpty: Bool {
      switch self {
      case .bytes(let data): return data.isEmpty
      case .previous(_, let range): return range.isEmpty
      }
    }
  }

  public init(
    path: String, partsPerObject: Int,
    preparePieces: @escaping @Sendable (MetadataModel) -> @Sendable (SObjectDefinition) throws -> [Data],
    assemble: @escaping @Sendable (MetadataModel, inout AssemblyBuilder, (Int) throws -> [Piece]) throws -> Void
  ) {
    self.path = path
    self.partsPerObject = partsPerObject
    self.preparePieces = preparePieces
    self.assemble = assemble
  }

  /// Makes the file, taking each object's pieces from `reuse` when it has them (the previous
  /// generation's pieces, exactly those bytes) and making them otherwise, and hands its bytes to
  /// `sink` in parts as they are made (the file is never held whole). Returns, by object name, where
  /// its pieces lie in the file.
  public func make(
    model: MetadataModel, reuse: (SObjectDefinition) -> [Piece]? = { _ in nil }, sink: ByteSink
  ) throws -> [String: [Range<Int>]] {
    let makePieces = preparePieces(model)
    let objects = model.objects
    var builder = AssemblyBuilder(objectNames: objects.map(\.name), partsPerObject: partsPerObject, sink: sink)
    try assemble(model, &builder) { index in
      let object = objects[index]
      if let reused = reuse(object), reused.count == partsPerObject { return reused }
      let pieces = try makePieces(object)
      precondition(pieces.count == partsPerObject, "\(path): an object must have \(partsPerObject) pieces")
      return pieces.map(Piece.bytes)
    }
    try builder.flush()
    return builder.ranges
  }

  /// The file's bytes, made in memory.
  public func contents(model: MetadataModel) throws -> Data {
    let contents = DataCollector()
    _ = try make(model: model, sink: contents.sink)
    return contents.data
  }
}

/// Where the bytes of a file being made go: bytes made now (`write`), or a range of an open file
/// (`copy`: the file system copies it, the bytes are never read into memory where it can).
public struct ByteSink {
  public var write: (UnsafeRawBufferPointer) throws -> Void
  public var copy: (_ descriptor: Int32, _ range: Range<Int>) throws -> Void

  public init(
    write: @escaping (UnsafeRawBufferPointer) throws -> Void,
    copy: @escaping (_ descriptor: Int32, _ range: Range<Int>) throws -> Void
  ) {
    self.write = write
    self.copy = copy
  }

  /// A sink that reads copied ranges in and hands them to `write` like any other bytes.
  public init(write: @escaping (UnsafeRawBufferPointer) throws -> Void) {
    self.write = write
    self.copy = { descriptor, range in
      try FileRange.read(descriptor, range).withUnsafeBytes { try write($0) }
    }
  }
}

/// Collects what a `ByteSink` is given, in memory.
public final class DataCollector {
  public private(set) var data = Data()

  public init() {}

  public var sink: ByteSink {
    ByteSink { [self] bytes in data.append(contentsOf: bytes) }
  }
}

/// Ranges of open files: read in, or copied into another file by the kernel.
public enum FileRange {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Bytes `range` of the open file, read in full.
  public static func read(_ descriptor: Int32, _ range: Range<Int>) throws -> Data {
    var bytes = Data(count: range.count)
    let done = try bytes.withUnsafeMutableBytes { try read(descriptor, at: range.lowerBound, into: $0) }
    guard done == range.count else {
      throw Failure(description: "cannot read a generated file again: it is shorter than when it was written")
    }
    return bytes
  }

  /// Reads bytes of the open file from `offset` until `buffer` is full or the file ends; how many.
  public static func read(_ descriptor: Int32, at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws
    -> Int
  {
    var done = 0
    while done < buffer.count {
      let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
      if count < 0 && errno == EINTR { continue }
      if count < 0 {
        throw Failure(description: "cannot read a generated file again: \(String(cString: strerror(errno)))")
      }
      if count == 0 { break }
      done += count
    }
    return done
  }

  /// Appends bytes `range` of `source` at the current offset of `destination` (the file `display`
  /// names in errors), in the kernel where it can (`sendfile`, file to file), else through a buffer.
  public static func copy(_ source: Int32, _ range: Range<Int>, to destination: Int32, display: String) throws {
    var offset = off_t(range.lowerBound)
    var remaining = range.count
    #if os(Linux)
      while remaining > 0 {
        let count = sendfile(destination, source, &offset, remaining)
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }  // Not supported here, or the file ended: the buffer below says which.
        remaining -= count
      }
    #endif
    while remaining > 0 {
      let chunk = try read(source, Int(offset)..<(Int(offset) + min(remaining, 1 << 20)))
      try chunk.withUnsafeBytes { try FileSystem.writeAll(destination, $0, display: display) }
      offset += off_t(chunk.count)
      remaining -= chunk.count
    }
  }
}

/// The bytes of an assembled file as they are written, and where each object's pieces went.
///
/// Ranges of the previous generation's file are not copied one by one: a copy is held back, and
/// grows while what follows is the next range of the same file, or bytes (fixed text, a piece made
/// again) equal to the file's bytes right after it. After a one-object edit, a file of tens of
/// megabytes is then copied in a few calls (the bytes before the edited piece, those after it)
/// instead of one call per piece of every object, which cost the kernel far more than the bytes.
public struct AssemblyBuilder {
  private static let bufferSize = 1 << 16
  private var buffer: [UInt8] = []
  /// A range of a previous file not yet handed on; while there is one, `buffer` is empty.
  private var pendingCopy: (descriptor: Int32, range: Range<Int>)?
  /// Where bytes of the previous file are read in to be compared.
  private var scratch: [UInt8] = []
  private let sink: ByteSink
  private(set) var count = 0
  private let objectNames: [String]
  private let partsPerObject: Int
  private(set) var ranges: [String: [Range<Int>]] = [:]

  init(objectNames: [String], partsPerObject: Int, sink: ByteSink) {
    self.objectNames = objectNames
    self.partsPerObject = partsPerObject
    self.sink = sink
    buffer.reserveCapacity(Self.bufferSize)
    ranges.reserveCapacity(objectNames.count)
  }

  /// Fixed text.
  public mutating func append(_ text: String) throws {
    var text = text
    try text.withUTF8 { try append(UnsafeRawBufferPointer($0)) }
  }

  /// Part `part` of the model's object at `index`.
  public mutating func appendPiece(_ piece: AssembledFile.Piece, object index: Int, part: Int) throws {
    let start = count
    switch piece {
    case .bytes(let bytes):
      try bytes.withUnsafeBytes { try append($0) }
    case .previous(let descriptor, let range):
      if let pending = pendingCopy, pending.descriptor == descriptor, pending.range.upperBound == range.lowerBound {
        pendingCopy = (descriptor, pending.range.lowerBound..<range.upperBound)
      } else if !range.isEmpty {
        try flush()
        pendingCopy = (descriptor, range)
      }
      count += range.count
    }
    let name = objectNames[index]
    var list = ranges[name] ?? Array(repeating: 0..<0, count: partsPerObject)
    list[part] = start..<count
    ranges[name] = list
  }

  private mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
    if bytes.isEmpty { return }
    count += bytes.count
    if let pending = pendingCopy {
      if bytes.count <= Self.bufferSize, try follows(pending, with: bytes) {
        pendingCopy = (pending.descriptor, pending.range.lowerBound..<(pending.range.upperBound + bytes.count))
        return
      }
      try flushCopy()
    }
    if buffer.count + bytes.count > Self.bufferSize { try flush() }
    if bytes.count >= Self.bufferSize {
      try sink.write(bytes)
    } else {
      buffer.append(contentsOf: bytes)
    }
  }

  /// Whether the previous file holds exactly `bytes` right after `copy`.
  private mutating func follows(_ copy: (descriptor: Int32, range: Range<Int>), with bytes: UnsafeRawBufferPointer)
    throws -> Bool
  {
    if scratch.count < bytes.count { scratch = [UInt8](repeating: 0, count: Self.bufferSize) }
    return try scratch.withUnsafeMutableBytes { scratch in
      let read = try FileRange.read(
        copy.descriptor, at: copy.range.upperBound,
        into: UnsafeMutableRawBufferPointer(rebasing: scratch[..<bytes.count]))
      return read == bytes.count && memcmp(scratch.baseAddress!, bytes.baseAddress!, bytes.count) == 0
    }
  }

  private mutating func flushCopy() throws {
    guard let pending = pendingCopy else { return }
    pendingCopy = nil
    try sink.copy(pending.descriptor, pending.range)
  }

  /// Hands on what is held back: the copy or the buffer.
  mutating func flush() throws {
    try flushCopy()
    guard !buffer.isEmpty else { return }
    try buffer.withUnsafeBytes { try sink.write($0) }
    buffer.removeAll(keepingCapacity: true)
  }
}
