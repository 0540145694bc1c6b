import SObjectMetadata

/// Writes `describe/<Object>.json` for every object, `describe/global.json`, and
/// `layouts/<Object>.json` for every layoutable object, all for the API version outputs are made for
/// (`MetadataModel.outputAPIVersion`).
public enum DescribeEmitter {
  public static func emit(_ model: MetadataModel) throws -> [OutputFile] {
    let version = model.outputAPIVersion
    var files: [OutputFile] = [
      OutputFile(
        path: "describe/global.json", text: DescribeGlobalResult.describe(model, version: version).prettyPrinted())
    ]
    for object in model.objects where object.isAvailable(in: version) {
      let describe = try DescribeSObjectResult.describe(object, in: model, version: version)
      files.append(OutputFile(path: "describe/\(object.name).json", text: describe.prettyPrinted()))
      if object.supports(.describeLayout) {
        let layouts = try DescribeLayoutResult.describe(object, version: version)
        files.append(OutputFile(path: "layouts/\(object.name).json", text: layouts.prettyPrinted()))
      }
    }
    return files
  }
}
