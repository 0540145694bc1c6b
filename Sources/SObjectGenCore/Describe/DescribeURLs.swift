import SObjectMetadata

/// The `urls` of describes. REST resources are paths under `/services/data/v<version>/sobjects/`,
/// without a host, exactly as the recorded responses give them. The three `ui…` templates carry a
/// host in real responses; a generated describe has no org, so they use `orgname.my.salesforce.com`,
/// the host CumulusCI's recorder puts into its cassettes (the Account v59 fixture).
struct DescribeURLs {
  static let placeholderHost = "https://orgname.my.salesforce.com"

  var object: SObjectDefinition
  var version: APIVersion

  var sobject: String { "/services/data/v\(version)/sobjects/\(object.name)" }

  func layout(forRecordType recordTypeID: String) -> String {
    "\(sobject)/describe/layouts/\(recordTypeID)"
  }

  /// Keys in the order the v59 Account response lists them (Salesforce's order, not alphabetical):
  /// compactLayouts, rowTemplate, approvalLayouts, uiDetailTemplate, uiEditTemplate, listviews,
  /// describe, uiNewRecord, quickActions, layouts, sobject. The layout resources only for layoutable
  /// objects; the `ui…` templates only in the full describe (`includeUITemplates`), uiNewRecord only
  /// with a key prefix.
  func urls(includeUITemplates: Bool) -> JSONValue {
    let layoutable = ObjectFlags(object).layoutable
    var pairs: [(String, JSONValue)] = []
    if layoutable { pairs.append(("compactLayouts", .string("\(sobject)/describe/compactLayouts"))) }
    pairs.append(("rowTemplate", .string("\(sobject)/{ID}")))
    if layoutable { pairs.append(("approvalLayouts", .string("\(sobject)/describe/approvalLayouts"))) }
    if includeUITemplates {
      pairs.append(("uiDetailTemplate", .string("\(Self.placeholderHost)/{ID}")))
      pairs.append(("uiEditTemplate", .string("\(Self.placeholderHost)/{ID}/e")))
    }
    if ObjectFlags(object).listviewable { pairs.append(("listviews", .string("\(sobject)/listviews"))) }
    pairs.append(("describe", .string("\(sobject)/describe")))
    if includeUITemplates, let keyPrefix = object.keyPrefix {
      pairs.append(("uiNewRecord", .string("\(Self.placeholderHost)/\(keyPrefix)/e")))
    }
    if layoutable {
      pairs.append(("quickActions", .string("\(sobject)/quickActions")))
      pairs.append(("layouts", .string("\(sobject)/describe/layouts")))
    }
    pairs.append(("sobject", .string(sobject)))
    return .object(pairs)
  }
}
