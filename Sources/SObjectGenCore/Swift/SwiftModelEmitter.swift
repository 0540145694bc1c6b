import SObjectMetadata

/// Emits `swift/<Object>.swift`: a record struct per object, for the SObjectModels library.
public enum SwiftModelEmitter {
  public static let folder = "swift"

  /// The file name of an object's Swift source.
  public static func fileName(forObject name: String) -> String { "\(name).swift" }

  @Sendable public static func emit(_ model: MetadataModel) -> [OutputFile] {
    model.objects.flatMap { emit($0, in: model) }
  }

  /// The files of one object.
  @Sendable public static func emit(_ object: SObjectDefinition, in model: MetadataModel) -> [OutputFile] {
    [
      OutputFile(
        path: "\(folder)/\(fileName(forObject: object.name))",
        text: SwiftModelTranslator(object: object, model: model).translate())
    ]
  }
}
