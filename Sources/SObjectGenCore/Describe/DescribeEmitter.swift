import SObjectMetadata

/// Writes `describe/<Object>.json` for every object, `describe/global.json`, and
/// `layouts/<Object>.json` for every layoutable object, all for the API version outputs are made for
/// (`MetadataModel.outputAPIVersion`).
public enum DescribeEmitter {
  public static func emit(_ model: MetadataModel) throws -> [OutputFile] {
    try emitGlobal(model) + model.objects.flatMap { try emit($0, in: model) }
  }

  /// `describe/global.json`, the file every object contributes to.
  @Sendable public static func emitGlobal(_ model: MetadataModel) -> [OutputFile] {
    let version = model.outputAPIVersion
    return [
      OutputFile(
        path: "describe/global.json",
        bytes: DescribeGlobalResult.describe(model, version: version).prettyPrintedBytes())
    ]
  }

  /// The files of one object: its describe and, when it is layoutable, its describeLayout; none when
  /// the object does not exist in the output version.
  @Sendable public static func emit(_ object: SObjectDefinition, in model: MetadataModel) throws -> [OutputFile] {
    let version = model.outputAPIVersion
    guard object.isAvailable(in: version) else { return [] }
    let describe = try DescribeSObjectResult.describe(object, in: model, version: version)
    var files = [OutputFile(path: "describe/\(object.name).json", bytes: describe.prettyPrintedBytes())]
    if object.supports(.describeLayout) {
      let layouts = try DescribeLayoutResult.describe(object, version: version)
      files.append(OutputFile(path: "layouts/\(object.name).json", bytes: layouts.prettyPrintedBytes()))
    }
    return files
  }
}
