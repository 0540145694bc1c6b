import SObjectMetadata

/// An output kind: a pure function from the validated model to the files it produces.
public struct Emitter: Sendable {
  public var name: String
  public var emit: @Sendable (MetadataModel) throws -> [OutputFile]

  public init(name: String, emit: @escaping @Sendable (MetadataModel) throws -> [OutputFile]) {
    self.name = name
    self.emit = emit
  }
}

/// The pipeline: load → validate → model → every emitter → files in memory. Writes nothing.
public enum Generator {
  /// Every emitter `generate` runs, in the order their files are listed.
  public static let emitters: [Emitter] = [
    Emitter(name: "reference", emit: ReferencePageEmitter.emit),
    Emitter(name: "swift", emit: SwiftModelEmitter.emit),
    Emitter(name: "describe", emit: DescribeEmitter.emit),
    Emitter(name: "jsonschema", emit: JSONSchemaEmitter.emit),
    Emitter(name: "sql", emit: SQLSchemaEmitter.emit),
  ]

  /// Loads and validates the metadata folder, then runs every emitter.
  public static func generate(metadataDirectory: String) throws -> [OutputFile] {
    try generate(model: MetadataLoader.load(directory: metadataDirectory))
  }

  /// Runs every emitter on a validated model; the files come sorted by path.
  public static func generate(model: MetadataModel, emitters: [Emitter] = emitters) throws -> [OutputFile] {
    var files: [OutputFile] = []
    for emitter in emitters {
      files += try emitter.emit(model)
    }
    files.sort { $0.path < $1.path }
    for (previous, next) in zip(files, files.dropFirst()) where previous.path == next.path {
      throw GeneratorError.duplicateOutput(path: next.path)
    }
    return files
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
