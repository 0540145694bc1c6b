import Foundation
import SObjectMetadata

/// A file made from every object (a DDL file, describeGlobal) as fixed text around a few pieces per
/// object, each piece a function of its object (and of what the object's fingerprint covers): so
/// that after an edit the file is assembled again from the pieces of the previous generation's file,
/// only the edited objects' pieces made again (`GenerationCache`).
///
/// `assemble` must give the same bytes whichever way each piece was obtained, as long as the pieces
/// are the same bytes; the generator records where each object's pieces lie in the result.
public struct AssembledFile: Sendable {
  /// Makes a file, handing its bytes in parts to the function it is given (`Generator`'s
  /// `writeAssembled`).
  public typealias Make = (_ write: @escaping (UnsafeRawBufferPointer) throws -> Void) throws -> Void

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
    @Sendable (_ model: MetadataModel, _ builder: inout AssemblyBuilder, _ pieces: (Int) throws -> [Data]) throws ->
      Void

  public init(
    path: String, partsPerObject: Int,
    preparePieces: @escaping @Sendable (MetadataModel) -> @Sendable (SObjectDefinition) throws -> [Data],
    assemble: @escaping @Sendable (MetadataModel, inout AssemblyBuilder, (Int) throws -> [Data]) throws -> Void
  ) {
    self.path = path
    self.partsPerObject = partsPerObject
    self.preparePieces = preparePieces
    self.assemble = assemble
  }

  /// Makes the file, taking each object's pieces from `reuse` when it has them (the previous
  /// generation's bytes of exactly those pieces) and making them otherwise, and hands its bytes to
  /// `write` in parts as they are made (the file is never held whole). Returns, by object name, where
  /// its pieces lie in the file, and the file's hash (`FileHash`).
  public func make(
    model: MetadataModel, reuse: (SObjectDefinition) -> [Data]? = { _ in nil },
    write: @escaping (UnsafeRawBufferPointer) throws -> Void
  ) throws -> (pieces: [String: [Range<Int>]], hash: UInt64) {
    let makePieces = preparePieces(model)
    let objects = model.objects
    var builder = AssemblyBuilder(objectNames: objects.map(\.name), partsPerObject: partsPerObject, write: write)
    try assemble(model, &builder) { index in
      let object = objects[index]
      if let reused = reuse(object), reused.count == partsPerObject { return reused }
      let pieces = try makePieces(object)
      precondition(pieces.count == partsPerObject, "\(path): an object must have \(partsPerObject) pieces")
      return pieces
    }
    try builder.flush()
    return (builder.ranges, builder.hash.finish())
  }

  /// The file's bytes, made in memory.
  public func contents(model: MetadataModel) throws -> Data {
    var contents = Data()
    _ = try make(model: model) { contents.append(contentsOf: $0) }
    return contents
  }
}

/// The bytes of an assembled file as they are written, and where each object's pieces went.
public struct AssemblyBuilder {
  private static let bufferSize = 1 << 16
  private var buffer: [UInt8] = []
  private let write: (UnsafeRawBufferPointer) throws -> Void
  private(set) var count = 0
  private(set) var hash = FileHash.Stream()
  private let objectNames: [String]
  private let partsPerObject: Int
  private(set) var ranges: [String: [Range<Int>]] = [:]

  init(objectNames: [String], partsPerObject: Int, write: @escaping (UnsafeRawBufferPointer) throws -> Void) {
    self.objectNames = objectNames
    self.partsPerObject = partsPerObject
    self.write = write
    buffer.reserveCapacity(Self.bufferSize)
    ranges.reserveCapacity(objectNames.count)
  }

  /// Fixed text.
  public mutating func append(_ text: String) throws {
    var text = text
    try text.withUTF8 { try append(UnsafeRawBufferPointer($0)) }
  }

  /// Part `part` of the model's object at `index`.
  public mutating func appendPiece(_ piece: Data, object index: Int, part: Int) throws {
    let start = count
    try piece.withUnsafeBytes { try append($0) }
    let name = objectNames[index]
    var list = ranges[name] ?? Array(repeating: 0..<0, count: partsPerObject)
    list[part] = start..<count
    ranges[name] = list
  }

  private mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
    count += bytes.count
    if buffer.count + bytes.count > Self.bufferSize { try flush() }
    if bytes.count >= Self.bufferSize {
      hash.update(bytes)
      try write(bytes)
    } else {
      buffer.append(contentsOf: bytes)
    }
  }

  /// Hands on what the buffer holds.
  mutating func flush() throws {
    guard !buffer.isEmpty else { return }
    try buffer.withUnsafeBytes {
      hash.update($0)
      try write($0)
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
