import SObjectMetadata

/// Emits `swift/<Object>.swift`: a record struct per object, for the SObjectModels library.
public enum SwiftModelEmitter {
  public static let folder = "swift"

  /// The file name of an object's Swift source.
  public static func fileName(forObject name: String) -> String { "\(name).swift" }

  @Sendable public static func emit(_ model: MetadataModel) -> [OutputFile] {
    let files = prepare(model)
    return model.objects.flatMap(files)
  }

  /// The function that makes one object's files, with every Swift name of the model decided once.
  @Sendable public static func prepare(_ model: MetadataModel) -> @Sendable (SObjectDefinition) -> [OutputFile] {
    let naming = SwiftNaming(model: model)
    return { object in
      [
        OutputFile(
          path: "\(folder)/\(fileName(forObject: object.name))",
          bytes: SwiftModelTranslator(object: object, model: model, naming: naming).translatedBytes())
      ]
    }
  }
}
