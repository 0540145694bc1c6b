import SObjectMetadata

/// The page layouts an object has: the declared ones, or, where the metadata declares none, one
/// default layout named `<Label> Layout`: an "Information" section with the name field, then the
/// required fields, then the other declared fields in file order; a "System Information" section
/// with Created By and Last Modified By last. Fields the platform keeps for itself (LastViewedDate,
/// LastReferencedDate) are on no layout.
enum PageLayouts {
  static func layouts(of object: SObjectDefinition) -> [LayoutDefinition] {
    object.layouts.isEmpty ? [defaultLayout(of: object)] : object.layouts
  }

  static func defaultLayout(of object: SObjectDefinition) -> LayoutDefinition {
    let onLayouts = object.fields.filter { !DescribeFieldOrder.recentlyViewedFields.contains($0.name) }
    let nameFields = onLayouts.filter(\.isNameField)
    let required = onLayouts.filter { !$0.isNameField && $0.isRequiredOnCreate }
    let others = onLayouts.filter { !$0.isNameField && !$0.isRequiredOnCreate }
    let information = (nameFields + required + others).map { LayoutItem(field: $0.name) }
    var sections: [LayoutSection] = []
    if !information.isEmpty {
      sections.append(LayoutSection(heading: "Information", columns: 2, tabOrder: .topToBottom, items: information))
    }
    sections.append(
      LayoutSection(
        heading: "System Information", columns: 2, tabOrder: .topToBottom,
        items: [LayoutItem(field: "CreatedById"), LayoutItem(field: "LastModifiedById")]))
    return LayoutDefinition(name: "\(object.label) Layout", sections: sections)
  }
}
