import SObjectMetadata

/// DescribeLayoutSections (the 10 keys of the v51 Grassroots fixture) of one layout in one API
/// version. Fields that do not exist in the version leave the layout; rows left wholly empty and
/// sections left without rows go too. Empty cells are placeholders, `rows` and `numItems` are the
/// real counts, and `tabOrder` of the components runs through the whole layout: down each column
/// for TopToBottom sections, along each row for LeftToRight ones.
enum LayoutSectionDescribe {
  static func sections(
    of layout: LayoutDefinition, in object: SObjectDefinition, layoutID: String, version: APIVersion,
    fields: FieldDescribes
  ) -> [JSONValue] {
    let available = object.allFields(availableIn: version)
    var nextTabOrder = 1
    var result: [JSONValue] = []
    for (index, section) in layout.sections.enumerated() {
      let kept = section.items.filter { item in
        item.map { cell in available.contains { $0.name == cell.field } } ?? true
      }
      let rows = LayoutSection(
        heading: section.heading, columns: section.columns, tabOrder: section.tabOrder, items: kept
      )
      .rows.filter { row in row.contains { $0 != nil } }
      guard !rows.isEmpty else { continue }
      // Tab order of each filled cell, by (row, column).
      var cellOrder: [(row: Int, column: Int)] = []
      for row in rows.indices {
        for column in 0..<section.columns where rows[row][column] != nil { cellOrder.append((row, column)) }
      }
      if section.tabOrder == .topToBottom {
        cellOrder.sort { ($0.column, $0.row) < ($1.column, $1.row) }
      }
      var tabOrders: [Int: Int] = [:]
      for cell in cellOrder {
        tabOrders[cell.row * section.columns + cell.column] = nextTabOrder
        nextTabOrder += 1
      }
      let layoutRows: [JSONValue] = rows.enumerated().map { rowIndex, row in
        let items: [JSONValue] = row.enumerated().map { column, cell in
          guard let cell, let field = available.first(where: { $0.name == cell.field }) else {
            return LayoutItemDescribe.placeholder
          }
          return LayoutItemDescribe.item(
            cell, field: field, details: fields[field.name] ?? FieldDescribe.describe(field, of: object),
            tabOrder: tabOrders[rowIndex * section.columns + column]!)
        }
        return .object([("layoutItems", .array(items)), ("numItems", .int(items.count))])
      }
      result.append(
        .object([
          ("collapsed", false),
          ("columns", .int(section.columns)),
          ("heading", .string(section.heading)),
          ("layoutRows", .array(layoutRows)),
          (
            "layoutSectionId",
            .string(
              SalesforceID.derived(prefix: "01B", from: "\(object.name).\(layout.name).\(index).\(section.heading)"))
          ),
          ("parentLayoutId", .string(layoutID)),
          ("rows", .int(layoutRows.count)),
          ("tabOrder", .string(section.tabOrder.rawValue)),
          ("useCollapsibleSection", false),
          ("useHeading", .bool(!result.isEmpty)),
        ]))
    }
    return result
  }
}
