import Dispatch
import Foundation
import SObjectMetadata

/// An output kind: a pure function from the validated model to the files it produces.
///
/// An emitter whose files each depend on one object (and on the model only through lookups) gives
/// `prepareObjects`; the generator then runs it object by object, on every core, and hands each file on
/// as soon as it is made. `emit` makes the files that depend on every object (describeGlobal, SQL).
public struct Emitter: Sendable {
  public var name: String
  /// The files made from the whole model (for a per-object emitter, only its aggregate files).
  public var emit: @Sendable (MetadataModel) throws -> [OutputFile]
  /// Given the model, once per run, the function that makes one object's files (what every object
  /// shares, such as the Swift names of the whole model, is decided there once); nil when the
  /// emitter only works on the whole model.
  public var prepareObjects: (@Sendable (MetadataModel) -> ObjectEmitter)?
  /// The files made from every object as pieces per object (see `AssembledFile`).
  public var assembled: [AssembledFile] = []

  public typealias ObjectEmitter = @Sendable (SObjectDefinition) throws -> [OutputFile]

  public init(name: String, emit: @escaping @Sendable (MetadataModel) throws -> [OutputFile]) {
    self.name = name
    self.emit = emit
    self.prepareObjects = nil
  }

  /// An emitter of files assembled from pieces per object only.
  public init(name: String, assembled: [AssembledFile]) {
    self.name = name
    self.emit = { _ in [] }
    self.prepareObjects = nil
    self.assembled = assembled
  }

  public init(
    name: String,
    prepareObjects: @escaping @Sendable (MetadataModel) -> ObjectEmitter,
    aggregate: @escaping @Sendable (MetadataModel) throws -> [OutputFile] = { _ in [] },
    assembled: [AssembledFile] = []
  ) {
    self.name = name
    self.emit = aggregate
    self.prepareObjects = prepareObjects
    self.assembled = assembled
  }

  public init(
    name: String,
    emitObject: @escaping @Sendable (SObjectDefinition, MetadataModel) throws -> [OutputFile],
    aggregate: @escaping @Sendable (MetadataModel) throws -> [OutputFile] = { _ in [] },
    assembled: [AssembledFile] = []
  ) {
    self.init(
      name: name, prepareObjects: { model in { object in try emitObject(object, model) } }, aggregate: aggregate,
      assembled: assembled)
  }
}

/// The pipeline: load → validate → model → every emitter → files. Writes nothing itself.
public enum Generator {
  /// Every emitter `generate` runs.
  public static let emitters: [Emitter] = [
    Emitter(name: "reference", emitObject: ReferencePageEmitter.emit),
    Emitter(name: "swift", prepareObjects: SwiftModelEmitter.prepare),
    Emitter(name: "describe", emitObject: DescribeEmitter.emit, assembled: [DescribeEmitter.globalFile]),
    Emitter(name: "jsonschema", emitObject: JSONSchemaEmitter.emit),
    // The two DDL files, each made from every object, are made at once, as tasks of their own.
    Emitter(name: "sql", assembled: SQLDialect.allCases.map(SQLSchemaEmitter.assembledFile(for:))),
  ]

  /// Loads and validates the metadata folder, then runs every emitter.
  public static func generate(metadataDirectory: String) throws -> [OutputFile] {
    try generate(model: MetadataLoader.load(directory: metadataDirectory))
  }

  /// Runs every emitter on a validated model; the files come sorted by path.
  public static func generate(model: MetadataModel, emitters: [Emitter] = emitters) throws -> [OutputFile] {
    let collected = Locked<[OutputFile]>([])
    try generate(model: model, emitters: emitters) { _, files in collected.withLock { $0 += files } }
    return collected.withLock { $0 }.sorted { $0.path < $1.path }
  }

  /// Runs every emitter on a validated model, on every core, and hands the files to `consume` as
  /// they are made, an object's files at a time (with the object; nil for the files made from the
  /// whole model), so that they need not all be held at once. `consume` is called from several
  /// threads at once, in no fixed order; no file's bytes depend on that order.
  ///
  /// `reuse` is asked first for each object: when it answers true, the object's files are not made
  /// (the caller already has them). For an assembled file, `reusePieces(path, object)` gives the
  /// object's pieces as the previous generation made them, or nil to make them again; where each
  /// object's pieces lie in each assembled file is handed to `recordPieces`.
  /// With `writeAssembled`, an assembled file is not held whole nor handed to `consume`:
  /// `writeAssembled(path, make)` calls `make` with a sink that takes the file's bytes in parts. Throws
  /// `GeneratorError.duplicateOutput` when two outputs have the same path, and otherwise the error of
  /// the first object (in name order) whose emitter failed.
  public static func generate(
    model: MetadataModel, emitters: [Emitter] = emitters,
    reuse: @Sendable (SObjectDefinition) throws -> Bool = { _ in false },
    reusePieces: @Sendable (String, SObjectDefinition) -> [AssembledFile.Piece]? = { _, _ in nil },
    recordPieces: @Sendable (String, [String: [Range<Int>]]) -> Void = { _, _ in },
    writeAssembled: (@Sendable (String, AssembledFile.Make) throws -> Void)? = nil,
    into consume: @Sendable (SObjectDefinition?, [OutputFile]) throws -> Void
  ) throws {
    let perObject = emitters.compactMap { $0.prepareObjects?(model) }
    let assembled = emitters.flatMap(\.assembled)
    let aggregates = emitters.map(\.emit)
    let objects = model.objects
    let seen = Locked<Set<String>>([])
    // The error of the lowest task, so that the same metadata fails the same way on every run.
    let firstError = Locked<(task: Int, error: Error)?>(nil)
    // The aggregates (the SQL of every object) are the longest tasks: they start first.
    let wholeModelTasks = assembled.count + aggregates.count
    let taskCount = wholeModelTasks + (perObject.isEmpty ? 0 : objects.count)
    DispatchQueue.concurrentPerform(iterations: taskCount) { task in
      do {
        let files: [OutputFile]
        var object: SObjectDefinition?
        if task < assembled.count {
          let file = assembled[task]
          if let writeAssembled {
            try seen.withLock { seen in
              guard seen.insert(file.path).inserted else { throw GeneratorError.duplicateOutput(path: file.path) }
            }
            try writeAssembled(file.path) { sink in
              recordPieces(file.path, try file.make(model: model, reuse: { reusePieces(file.path, $0) }, sink: sink))
            }
            files = []
          } else {
            let contents = DataCollector()
            let pieces = try file.make(model: model, reuse: { reusePieces(file.path, $0) }, sink: contents.sink)
            recordPieces(file.path, pieces)
            files = [OutputFile(path: file.path, contents: contents.data)]
          }
        } else if task < wholeModelTasks {
          files = try aggregates[task - assembled.count](model)
        } else {
          object = objects[task - wholeModelTasks]
          if try reuse(object!) { return }
          files = try perObject.flatMap { try $0(object!) }
        }
        try seen.withLock { seen in
          for file in files where !seen.insert(file.path).inserted {
            throw GeneratorError.duplicateOutput(path: file.path)
          }
        }
        try consume(object, files)
      } catch {
        firstError.withLock { first in
          if first.map({ task < $0.task }) ?? true { first = (task, error) }
        }
      }
    }
    if let first = firstError.withLock({ $0 }) { throw first.error }
  }
}

/// A value shared between threads, reached only under its lock.
public final class Locked<Value>: @unchecked Sendable {
  private var value: Value
  private let lock = NSLock()

  public init(_ value: Value) { self.value = value }

  public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}

public enum GeneratorError: Error, CustomStringConvertible, Equatable {
  case duplicateOutput(path: String)

  public var description: String {
    switch self {
    case .duplicateOutput(let path): return "error: two outputs would be written to '\(path)'"
    }
  }
}
