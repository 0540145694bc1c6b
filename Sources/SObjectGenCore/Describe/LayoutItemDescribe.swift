import SObjectMetadata

/// A DescribeLayoutItem (the 6 keys of the v51 Grassroots fixture) and its field component.
enum LayoutItemDescribe {
  /// An empty cell.
  static let placeholder: JSONValue = .object([
    ("editableForNew", false),
    ("editableForUpdate", false),
    ("label", ""),
    ("layoutComponents", []),
    ("placeholder", true),
    ("required", false),
  ])

  /// A cell holding a field: its label (a lookup's without " ID", as `Owner` for OwnerId), whether
  /// it can be edited on a new or an existing record (as the field is createable and updateable,
  /// unless the layout makes it read-only; never the owner, which Salesforce changes through Change
  /// Owner), whether the layout or the field (`isRequiredOnCreate`) makes it required, and one Field
  /// component whose `details` is the field's full describe.
  static func item(_ item: LayoutItem, field: FieldDefinition, details: JSONValue, tabOrder: Int) -> JSONValue {
    let editable = !item.isReadOnly && field.name != "OwnerId"
    var label = field.label
    if field.type == .reference, label.hasSuffix(" ID") { label = String(label.dropLast(3)) }
    return .object([
      ("editableForNew", .bool(editable && field.isCreateable)),
      ("editableForUpdate", .bool(editable && field.isUpdateable)),
      ("label", .string(label)),
      (
        "layoutComponents",
        [
          .object([
            ("details", details),
            ("displayLines", 1),
            ("tabOrder", .int(tabOrder)),
            ("type", "Field"),
            ("value", .string(field.name)),
          ])
        ]
      ),
      ("placeholder", false),
      ("required", .bool(item.isRequired || field.isRequiredOnCreate)),
    ])
  }
}
