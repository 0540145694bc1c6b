import Foundation
import SObjectGenCore
import SObjectMetadata

/// The last stage: rows → records as the REST API returns them.
extension QueryPlan {
  /// A row of `statement()` or `pageStatement` as a record; `childRows[i]` holds child subquery
  /// `i`'s rows by parent Id.
  public func record(_ row: [SQLValue], childRows: [[String: [[SQLValue]]]] = []) -> JSONValue {
    shape(query.shape, row: row, childRows: childRows, type: nil)
  }

  func shape(_ shape: RecordShape, row: [SQLValue], childRows: [[String: [[SQLValue]]]], type: String?) -> JSONValue {
    let typeName = type ?? shape.type
    var pairs: [(String, JSONValue)] = []
    if let idColumn = shape.idColumn, case .text(let id) = row[idColumn] {
      pairs.append(
        (
          "attributes",
          .object([
            ("type", .string(typeName)), ("url", .string("/services/data/v\(apiVersion)/sobjects/\(typeName)/\(id)")),
          ])
        ))
    } else {
      pairs.append(("attributes", .object([("type", .string(typeName))])))
    }
    let recordId: String? = shape.idColumn.flatMap { if case .text(let id) = row[$0] { return id } else { return nil } }
    for entry in shape.entries {
      switch entry {
      case .value(let key, let column, let type):
        pairs.append((key, value(row[column], type: type, key: key, typeName: typeName, id: recordId)))
      case .aggregate(let key, let column, let type):
        pairs.append((key, value(row[column], type: type, key: key, typeName: typeName, id: recordId)))
      case .parent(let key, let parent):
        if let idColumn = parent.idColumn, row[idColumn] == .null {
          pairs.append((key, .null))
        } else {
          pairs.append((key, self.shape(parent, row: row, childRows: childRows, type: nil)))
        }
      case .polymorphic(let key, let idColumn, let byObject, _):
        guard case .text(let id) = row[idColumn] else {
          pairs.append((key, .null))
          continue
        }
        let object = objectsByPrefix[String(id.prefix(3))] ?? "Name"
        if let target = byObject[object] {
          if let targetId = target.idColumn, row[targetId] == .null {
            pairs.append((key, .null))
          } else {
            pairs.append((key, self.shape(target, row: row, childRows: childRows, type: nil)))
          }
        } else {
          pairs.append(
            (
              key,
              .object([
                (
                  "attributes",
                  .object([
                    ("type", .string(object)),
                    ("url", .string("/services/data/v\(apiVersion)/sobjects/\(object)/\(id)")),
                  ])
                )
              ])
            ))
        }
      case .children(let key, let index):
        let child = query.children[index]
        let rows = recordId.flatMap { childRows.indices.contains(index) ? childRows[index][$0] : nil } ?? []
        if rows.isEmpty {
          pairs.append((key, .null))
        } else {
          let childPlan = QueryPlan(
            query: child.query, dialect: dialect, apiVersion: apiVersion, objectsByPrefix: objectsByPrefix)
          let records = rows.map { childPlan.shape(child.query.shape, row: $0, childRows: [], type: nil) }
          pairs.append(
            (key, .object([("totalSize", .int(records.count)), ("done", true), ("records", .array(records))])))
        }
      }
    }
    return .object(pairs)
  }

  static func integer(_ value: SQLValue) -> Int? {
    switch value {
    case .integer(let number): return Int(number)
    case .real(let number): return Int(number)
    case .text(let text): return Int(text)
    default: return nil
    }
  }

  static func number(_ value: Double) -> JSONValue {
    if value == value.rounded(), abs(value) < 1e15 { return .number(String(format: "%.1f", value)) }
    return .number("\(value)")
  }

  /// A column's value in the JSON form of the field's type.
  func value(_ value: SQLValue, type: FieldType?, key: String, typeName: String, id: String?) -> JSONValue {
    if value == .null { return .null }
    switch type {
    case .boolean?:
      switch value {
      case .boolean(let flag): return .bool(flag)
      case .integer(let number): return .bool(number != 0)
      case .text(let text): return .bool(text == "1" || text == "t" || text == "true")
      default: return .null
      }
    case .int?, .long?, nil:
      switch value {
      case .integer(let number): return .int(Int(number))
      case .real(let number): return number == number.rounded() ? .int(Int(number)) : QueryPlan.number(number)
      case .text(let text): return Int(text).map(JSONValue.int) ?? .string(text)
      case .boolean(let flag): return .bool(flag)
      case .null: return .null
      }
    case .double?, .currency?, .percent?:
      switch value {
      case .integer(let number): return QueryPlan.number(Double(number))
      case .real(let number): return QueryPlan.number(number)
      case .text(let text): return Double(text).map(QueryPlan.number) ?? .string(text)
      default: return .null
      }
    case .datetime?:
      guard case .text(let text) = value else { return .null }
      return .string(text.hasSuffix("Z") ? String(text.dropLast()) + "+0000" : text)
    case .time?:
      guard case .text(var text) = value else { return .null }
      if text.count == 8 { text += ".000" }
      if text.count > 12 { text = String(text.prefix(12)) }
      while text.count < 12 { text += "0" }
      return .string(text + "Z")
    case .base64?:
      return .string("/services/data/v\(apiVersion)/sobjects/\(typeName)/\(id ?? "")/\(key)")
    default:
      return .string(value.description)
    }
  }
}

extension QueryPlan {
  init(query: TypedQuery, dialect: SQLDialect, apiVersion: APIVersion, objectsByPrefix: [String: String]) {
    self.query = query
    self.dialect = dialect
    self.apiVersion = apiVersion
    self.objectsByPrefix = objectsByPrefix
  }
}
