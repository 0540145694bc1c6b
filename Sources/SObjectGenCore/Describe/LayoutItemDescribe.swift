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

  /// A field a create must give: createable, not nillable, not defaulted (checkboxes always are).
  static func isRequiredByField(_ field: FieldDefinition) -> Bool {
    field.isRequired
      || (field.isCreateable && !field.isNillable && !field.isDefaultedOnCreate && field.type != .boolean)
  }

  /// A cell holding a field: its label (a lookup's without " ID", as `Owner` for OwnerId), whether
  /// it can be edited on a new or an existing record (never for read-only fields or the owner,
  /// which Salesforce changes through Change Owner), whether the layout or the field makes it
  /// required, and one Field component whose `details` is the field's full describe.
  static func item(
    _ item: LayoutItem, field: FieldDefinition, of object: SObjectDefinition, tabOrder: Int
  ) -> JSONValue {
    let editable = !item.isReadOnly && !field.isReadOnly && field.name != "OwnerId"
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
            ("details", FieldDescribe.describe(field, of: object)),
            ("displayLines", 1),
            ("tabOrder", .int(tabOrder)),
            ("type", "Field"),
            ("value", .string(field.name)),
          ])
        ]
      ),
      ("placeholder", false),
      ("required", .bool(item.isRequired || isRequiredByField(field))),
    ])
  }
}
