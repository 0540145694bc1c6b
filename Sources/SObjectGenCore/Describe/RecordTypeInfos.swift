import SObjectMetadata

/// An object's record types as describes list them: the declared ones (sorted by developer name),
/// then Master, `012000000000000AAA`, which every object has. Master is the default mapping only
/// when there is no other record type; otherwise the declared default (or the first) is.
struct DescribedRecordType {
  var developerName: String
  var name: String
  var id: String
  var isActive: Bool
  var isMaster: Bool
  var isDefaultMapping: Bool

  static func all(of object: SObjectDefinition) -> [DescribedRecordType] {
    let declared = object.recordTypes.sorted { $0.developerName < $1.developerName }
    let defaultName = declared.first { $0.isDefault }?.developerName ?? declared.first?.developerName
    var result = declared.map { recordType in
      DescribedRecordType(
        developerName: recordType.developerName, name: recordType.label,
        id: recordType.id ?? SalesforceID.derived(prefix: "012", from: "\(object.name).\(recordType.developerName)"),
        isActive: recordType.isActive, isMaster: false,
        isDefaultMapping: recordType.developerName == defaultName)
    }
    result.append(
      DescribedRecordType(
        developerName: "Master", name: "Master", id: SalesforceID.masterRecordTypeID, isActive: true,
        isMaster: true, isDefaultMapping: declared.isEmpty))
    return result
  }

  /// A RecordTypeInfo (8 keys). Its `urls` names the record type's layout only where the object is
  /// layoutable: no layout resource exists for the others (describeLayout is not among their calls).
  func recordTypeInfo(urls: DescribeURLs) -> JSONValue {
    let layoutURL: [(String, JSONValue)] =
      ObjectFlags(urls.object).layoutable ? [("layout", .string(urls.layout(forRecordType: id)))] : []
    return .object([
      ("active", .bool(isActive)),
      ("available", true),
      ("defaultRecordTypeMapping", .bool(isDefaultMapping)),
      ("developerName", .string(developerName)),
      ("master", .bool(isMaster)),
      ("name", .string(name)),
      ("recordTypeId", .string(id)),
      ("urls", .object(layoutURL)),
    ])
  }
}
