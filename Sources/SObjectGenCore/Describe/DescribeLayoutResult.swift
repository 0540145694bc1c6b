import SObjectMetadata

/// The REST `/sobjects/<Object>/describe/layouts` result (DescribeLayoutResult) for one API version:
/// `layouts` (null when the object has record types besides Master, as Salesforce answers),
/// `recordTypeMappings`, and `recordTypeSelectorRequired`, an array of one boolean.
public enum DescribeLayoutResult {
  /// `fields`, when given, are the object's field describes in `version` (made once for the
  /// describe and the layouts), which the cells hold as their `details`.
  public static func describe(
    _ object: SObjectDefinition, version: APIVersion, fields: FieldDescribes? = nil
  ) throws -> JSONValue {
    guard object.isAvailable(in: version) else {
      throw DescribeError.objectNotAvailable(object: object.name, since: object.since!, requested: version)
    }
    guard object.supports(.describeLayout) else { throw DescribeError.notLayoutable(object: object.name) }
    let fields = fields ?? FieldDescribes(of: object, in: version)
    let layouts = PageLayouts.layouts(of: object)
    let recordTypes = DescribedRecordType.all(of: object)
    let urls = DescribeURLs(object: object, version: version)
    // The metadata maps no record type to a layout: every record type uses the first one.
    let mappedLayoutID = layoutID(of: layouts[0], in: object)
    let mappings: [JSONValue] = recordTypes.map { recordType in
      .object([
        ("active", .bool(recordType.isActive)),
        ("available", true),
        ("defaultRecordTypeMapping", .bool(recordType.isDefaultMapping)),
        ("developerName", .string(recordType.developerName)),
        ("layoutId", .string(mappedLayoutID)),
        ("master", .bool(recordType.isMaster)),
        ("name", .string(recordType.name)),
        ("picklistsForRecordType", []),
        ("recordTypeId", .string(recordType.id)),
        ("urls", .object([("layout", .string(urls.layout(forRecordType: recordType.id)))])),
      ])
    }
    let hasSeveralRecordTypes = recordTypes.count > 1
    return .object([
      (
        "layouts",
        hasSeveralRecordTypes ? .null : .array(layouts.map { layout($0, of: object, version: version, fields: fields) })
      ),
      ("recordTypeMappings", .array(mappings)),
      ("recordTypeSelectorRequired", [.bool(hasSeveralRecordTypes)]),
    ])
  }

  /// A result as `layouts/<Object>.json` holds it: pretty-printed, but each cell's `details` (the
  /// field's full describe, the same as in the object's describe) on one line, so that the layout's
  /// shape can be read and a changed field shows as one changed line per cell. Printed whole, a
  /// field's 57 keys at a cell's depth made layouts half spaces and more than half of all output.
  /// With the memo the object's describe was printed with, the details are taken from its bytes.
  public static func printed(_ result: JSONValue, memo: JSONPrintMemo? = nil) -> [UInt8] {
    result.prettyPrintedBytes(oneLineKeys: ["details"], memo: memo)
  }

  /// The layout's ID, `00h…`, derived from the object and layout names.
  static func layoutID(of layout: LayoutDefinition, in object: SObjectDefinition) -> String {
    SalesforceID.derived(prefix: "00h", from: "\(object.name).\(layout.name)")
  }

  /// One DescribeLayout (the 12 keys of the REST examples, alphabetical). The metadata declares no
  /// related lists, quick actions, save options or feed view, so those are empty or null; the
  /// detail buttons are the standard Edit, Delete and Clone the object's calls allow.
  static func layout(
    _ layout: LayoutDefinition, of object: SObjectDefinition, version: APIVersion, fields: FieldDescribes
  ) -> JSONValue {
    let id = layoutID(of: layout, in: object)
    let sections = LayoutSectionDescribe.sections(
      of: layout, in: object, layoutID: id, version: version, fields: fields)
    let flags = ObjectFlags(object)
    var buttons: [String] = []
    if flags.updateable { buttons.append("Edit") }
    if flags.deletable { buttons.append("Delete") }
    if flags.createable { buttons.append("Clone") }
    return .object([
      ("buttonLayoutSection", .object([("detailButtons", .array(buttons.map(standardButton)))])),
      ("detailLayoutSections", .array(sections)),
      ("editLayoutSections", .array(sections)),
      ("feedView", .null),
      ("highlightsPanelLayoutSection", .null),
      ("id", .string(id)),
      ("multirowEditLayoutSections", []),
      ("offlineLinks", []),
      ("quickActionList", .object([("quickActionListItems", [])])),
      ("relatedContent", .null),
      ("relatedLists", []),
      ("saveOptions", []),
    ])
  }

  /// A standard button (DescribeLayoutButton, 20 keys): not custom, not overridden, no content.
  static func standardButton(_ name: String) -> JSONValue {
    .object([
      ("behavior", .null),
      ("colors", .null),
      ("content", .null),
      ("contentSource", .null),
      ("custom", false),
      ("encoding", .null),
      ("height", .null),
      ("icons", .null),
      ("label", .string(name)),
      ("menubar", false),
      ("name", .string(name)),
      ("overridden", false),
      ("resizeable", false),
      ("scrollbars", false),
      ("showsLocation", false),
      ("showsStatus", false),
      ("toolbar", false),
      ("url", .null),
      ("width", .null),
      ("windowPosition", .null),
    ])
  }
}
