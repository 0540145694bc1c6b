/// The value of a multi-select picklist: the REST API sends the selected values joined by `;`.
public struct MultiPicklist<Value: PicklistValue>: Hashable, Sendable, PicklistValue {
  public var values: [Value]

  public init(_ values: [Value]) { self.values = values }

  /// The selected values of `a;b`; nil when a part is empty (`""`, `a;;b`: the API sends null for
  /// no selection) or is not a value of `Value` (a closed list's decoder refuses it, instead of
  /// stopping the process).
  public init?(rawValue: String) {
    var values: [Value] = []
    for part in rawValue.split(separator: ";", omittingEmptySubsequences: false) {
      guard !part.isEmpty, let value = Value(rawValue: String(part)) else { return nil }
      values.append(value)
    }
    self.values = values
  }

  public var rawValue: String { values.map(\.rawValue).joined(separator: ";") }

  public static var knownValues: [MultiPicklist<Value>] { [] }

  /// Known when every selected value is.
  public var isKnown: Bool { values.allSatisfy(\.isKnown) }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let value = MultiPicklist(rawValue: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a selection of \(Value.self)"))
    }
    self = value
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// A value of several picklist values (a multi-select picklist), for request validation.
public protocol MultiplePicklistValues {
  var selectedRawValues: [String] { get }
}

extension MultiPicklist: MultiplePicklistValues {
  public var selectedRawValues: [String] { values.map(\.rawValue) }
}
