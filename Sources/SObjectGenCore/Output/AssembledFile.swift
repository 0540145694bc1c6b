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
    try bytes.withUnsafeMutableBytes { buffer in
      var done = 0
      while done < buffer.count {
        let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(range.lowerBound + done))
        if count < 0 && errno == EINTR { continue }
        if count <= 0 {
          throw Failure(description: "cannot read a generated file again: \(String(cString: strerror(errno)))")
        }
        done += count
      }
    }
    return bytes
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
public struct AssemblyBuilder {
  private static let bufferSize = 1 << 16
  private var buffer: [UInt8] = []
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
      try flush()
      try sink.copy(descriptor, range)
      count += range.count
    }
    let name = objectNames[index]
    var list = ranges[name] ?? Array(repeating: 0..<0, count: partsPerObject)
    list[part] = start..<count
    ranges[name] = list
  }

  private mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
    count += bytes.count
    if buffer.count + bytes.count > Self.bufferSize { try flush() }
    if bytes.count >= Self.bufferSize {
      try sink.write(bytes)
    } else {
      buffer.append(contentsOf: bytes)
    }
  }

  /// Hands on what the buffer holds.
  mutating func flush() throws {
    guard !buffer.isEmpty else { return }
    try buffer.withUnsafeBytes { try sink.write($0) }
    buffer.removeAll(keepingCapacity: true)
  }
}
