import Foundation
import SObjectMetadata

/// Writes `describe/<Object>.json` for every object, `describe/global.json`, and
/// `layouts/<Object>.json` for every layoutable object, all for the API version outputs are made for
/// (`MetadataModel.outputAPIVersion`).
public enum DescribeEmitter {
  public static func emit(_ model: MetadataModel) throws -> [OutputFile] {
    try emitGlobal(model) + model.objects.flatMap { try emit($0, in: model) }
  }

  /// `describe/global.json`, the file every object contributes to.
  @Sendable public static func emitGlobal(_ model: MetadataModel) throws -> [OutputFile] {
    [OutputFile(path: globalFile.path, contents: try globalFile.contents(model: model))]
  }

  /// `describe/global.json` as fixed text around one piece per object: its entry, indented as in
  /// the file (`DescribeGlobalResult.describe` pretty-printed), or nothing when the object does not
  /// exist in the output version.
  public static let globalFile = AssembledFile(
    path: "describe/global.json", partsPerObject: 1,
    preparePieces: { model in
      let version = model.outputAPIVersion
      return { object in
        guard object.isAvailable(in: version) else { return [Data()] }
        var piece = Data()
        // The entry pretty-printed on its own, each line moved in by the depth of `sobjects`' items;
        // a JSON string holds no raw newline.
        for byte in DescribeGlobalResult.entry(object, version: version).prettyPrintedBytes().dropLast() {
          piece.append(byte)
          if byte == UInt8(ascii: "\n") { piece.append(contentsOf: "    ".utf8) }
        }
        return [piece]
      }
    },
    assemble: { model, out, pieces in
      try out.append("{\n  \"encoding\": \"UTF-8\",\n  \"maxBatchSize\": 200,\n  \"sobjects\": [")
      var isEmpty = true
      for index in model.objects.indices {
        let piece = try pieces(index)[0]
        if !piece.isEmpty {
          try out.append(isEmpty ? "\n    " : ",\n    ")
          isEmpty = false
        }
        try out.appendPiece(piece, object: index, part: 0)
      }
      try out.append(isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    })

  /// The files of one object: its describe and, when it is layoutable, its describeLayout; none when
  /// the object does not exist in the output version.
  @Sendable public static func emit(_ object: SObjectDefinition, in model: MetadataModel) throws -> [OutputFile] {
    let version = model.outputAPIVersion
    guard object.isAvailable(in: version) else { return [] }
    // The field describes are made once and printed once: the layouts' cells take them on one line
    // from the describe's bytes.
    let fields = FieldDescribes(of: object, in: version)
    let memo = JSONPrintMemo()
    let describe = try DescribeSObjectResult.describe(object, in: model, version: version, fields: fields)
    var files = [OutputFile(path: "describe/\(object.name).json", bytes: describe.prettyPrintedBytes(memo: memo))]
    if object.supports(.describeLayout) {
      let layouts = try DescribeLayoutResult.describe(object, version: version, fields: fields)
      files.append(
        OutputFile(path: "layouts/\(object.name).json", bytes: DescribeLayoutResult.printed(layouts, memo: memo)))
    }
    return files
  }
}
