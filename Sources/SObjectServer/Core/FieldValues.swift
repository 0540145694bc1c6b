import Foundation
import SObjectGenCore
import SObjectMetadata
import SObjectRuntime

/// A request value turned into what the field stores, judged by the field's resolved facts
/// (`allowedValues(in: .request)`, `resolvedSizes`, `requiresKnownKeyPrefix(in: .request)`, …).
enum FieldValues {
  /// A reference the write must still find in storage: `field` points at `id` in `object`.
  struct PendingReference: Sendable {
    var field: String
    var id: String
    var object: String
  }

  /// The stored value of `input` for `field`, or the problem Salesforce reports.
  static func storedValue(
    _ input: JSONInput, for field: FieldDefinition, model: ServerModel
  ) -> Result<(SQLValue, PendingReference?), APIProblem> {
    if case .null = input { return .success((.null, nil)) }
    let type = field.type
    func cannotDeserialize(_ kind: String) -> APIProblem {
      let shown: String
      switch input {
      case .string(let text): shown = text
      case .integer(let number): shown = String(number)
      case .double(let number): shown = String(number)
      case .bool(let flag): shown = String(flag)
      default: shown = input.tokenName
      }
      return APIProblem(
        "JSON_PARSER_ERROR",
        "Cannot deserialize instance of \(kind) from \(input.tokenName) value \(shown) or request may be missing a required field",
        fields: [field.name])
    }
    switch type {
    case .boolean:
      switch input {
      case .bool(let flag): return .success((.bool(flag), nil))
      case .string(let text) where text.lowercased() == "true" || text.lowercased() == "false":
        return .success((.bool(text.lowercased() == "true"), nil))
      default: return .failure(cannotDeserialize("boolean"))
      }
    case .int, .long:
      let number: Int64
      switch input {
      case .integer(let value): number = value
      case .double(let value) where value.rounded() == value && abs(value) < 9.2e18: number = Int64(value)
      case .string(let text) where Int64(text) != nil: number = Int64(text)!
      default: return .failure(cannotDeserialize(type == .int ? "int" : "long"))
      }
      let digits = String(number.magnitude).count
      if digits > field.resolvedSizes.digits {
        return .failure(outOfRange(field, String(number)))
      }
      return .success((.integer(number), nil))
    case .double, .currency, .percent:
      let number: Double
      switch input {
      case .integer(let value): number = Double(value)
      case .double(let value): number = value
      case .string(let text) where Double(text) != nil: number = Double(text)!
      default: return .failure(cannotDeserialize("double"))
      }
      guard number.isFinite else { return .failure(cannotDeserialize("double")) }
      let sizes = field.resolvedSizes
      let whole = abs(number).rounded(.down)
      if whole >= pow(10, Double(sizes.precision - sizes.scale)) {
        return .failure(outOfRange(field, String(number)))
      }
      return .success((.double(number), nil))
    case .date:
      guard case .string(let text) = input, let date = SalesforceDate(String(text.prefix(10))),
        text.count == 10 || SalesforceDateTime(text) != nil
      else { return .failure(cannotDeserialize("date")) }
      return .success((.text(date.description), nil))
    case .datetime:
      guard case .string(let text) = input, let dateTime = SalesforceDateTime(text) else {
        return .failure(cannotDeserialize("datetime"))
      }
      return .success((.dateTime(dateTime.date), nil))
    case .time:
      guard case .string(let text) = input, let time = SalesforceTime(text) else {
        return .failure(cannotDeserialize("time"))
      }
      return .success((.text(String(time.description.dropLast())), nil))
    case .base64:
      guard case .string(let text) = input, let data = Data(base64Encoded: text) else {
        return .failure(cannotDeserialize("base64"))
      }
      if data.count > field.resolvedSizes.length {
        return .failure(tooLong(field, "(binary)", length: data.count))
      }
      return .success((.binary([UInt8](data)), nil))
    case .id, .reference:
      guard case .string(let text) = input else { return .failure(cannotDeserialize("id")) }
      if text.isEmpty { return .success((.null, nil)) }
      guard let id = AnySalesforceID(text) else {
        return .failure(
          APIProblem("MALFORMED_ID", "\(field.label): id value of incorrect type: \(text)", fields: [field.name]))
      }
      let targets = field.reference?.resolvedTargets ?? []
      guard let target = targets.first(where: { $0.keyPrefix == id.keyPrefix }),
        model.model[objectNamed: target.object] != nil
      else {
        // A request's ID must carry a prefix of one of the field's targets
        // (`requiresKnownKeyPrefix(in: .request)`; a single target has one prefix).
        return .failure(invalidReference(field))
      }
      return .success((.text(id.caseSafe), PendingReference(field: field.name, id: id.caseSafe, object: target.object)))
    case .string, .textarea, .phone, .email, .url, .encryptedstring, .combobox, .picklist, .multipicklist:
      let text: String
      switch input {
      case .string(let value): text = value
      case .integer(let value) where !type.isPicklist: text = String(value)
      case .double(let value) where !type.isPicklist: text = String(value)
      case .bool(let value) where !type.isPicklist: text = String(value)
      default: return .failure(cannotDeserialize("String"))
      }
      // Salesforce stores an empty text as null.
      if text.isEmpty { return .success((.null, nil)) }
      if let allowed = field.allowedValues(in: .request) {
        let chosen = type == .multipicklist ? text.split(separator: ";").map(String.init) : [text]
        if let bad = chosen.first(where: { !allowed.contains($0) }) {
          return .failure(
            APIProblem(
              "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
              "\(field.label): bad value for restricted picklist field: \(bad)",
              fields: [field.name]))
        }
      }
      let length = text.count
      if length > field.resolvedSizes.length {
        return .failure(tooLong(field, text, length: length))
      }
      return .success((.text(text), nil))
    }
  }

  static func invalidReference(_ field: FieldDefinition) -> APIProblem {
    APIProblem(
      "INVALID_CROSS_REFERENCE_KEY", "\(field.label): id value of incorrect type or invalid cross reference id",
      fields: [field.name])
  }

  static func tooLong(_ field: FieldDefinition, _ text: String, length: Int) -> APIProblem {
    let shown = text.count > 40 ? String(text.prefix(40)) + "..." : text
    return APIProblem(
      "STRING_TOO_LONG", "\(field.label): data value too large: \(shown) (max length=\(field.resolvedSizes.length))",
      fields: [field.name])
  }

  static func outOfRange(_ field: FieldDefinition, _ shown: String) -> APIProblem {
    APIProblem(
      "NUMBER_OUTSIDE_VALID_RANGE", "\(field.label): value outside of valid range on numeric field: \(shown)",
      fields: [field.name])
  }

  /// A stored value as the REST API writes it in a record.
  static func json(_ value: SQLValue, for field: FieldDefinition) -> JSONValue {
    switch value {
    case .null: return .null
    case .bool(let flag): return .bool(flag)
    case .integer(let number):
      return field.type == .boolean ? .bool(number != 0) : .number(String(number))
    case .double(let number):
      if field.type == .int || field.type == .long, number.rounded() == number { return .number(String(Int64(number))) }
      return .number(String(number))
    case .dateTime(let date): return .string(StoredDateTime.restText(date))
    case .binary(let bytes): return .string(Data(bytes).base64EncodedString())
    case .text(let text):
      switch field.type {
      case .time:
        return .string(SalesforceTime(text).map(\.description) ?? text)
      default: return .string(text)
      }
    }
  }
}
