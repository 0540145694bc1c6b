import SObjectMetadata

/// Emits `swift/<Object>.swift`: a record struct per object, for the SObjectModels library.
public enum SwiftModelEmitter {
  public static let folder = "swift"

  /// The file name of an object's Swift source.
  public static func fileName(forObject name: String) -> String { "\(name).swift" }

  @Sendable public static func emit(_ model: MetadataModel) -> [OutputFile] {
    let naming = SwiftNaming(model: model)
    return model.objects.map { object in
      OutputFile(
        path: "\(folder)/\(fileName(forObject: object.name))",
        text: SwiftModelTranslator(object: object, model: model, naming: naming).translate())
    }
  }
}
