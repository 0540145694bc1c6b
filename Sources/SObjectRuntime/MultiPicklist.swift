/// The value of a multi-select picklist: the REST API sends the selected values joined by `;`.
public struct MultiPicklist<Value: PicklistValue>: Hashable, Sendable, Codable, PicklistValue {
  public var values: [Value]

  public init(_ values: [Value]) { self.values = values }

  public init(rawValue: String) {
    values = rawValue.isEmpty ? [] : rawValue.split(separator: ";").map { Value(rawValue: String($0))! }
  }

  public var rawValue: String { values.map(\.rawValue).joined(separator: ";") }

  public static var knownValues: [MultiPicklist<Value>] { [] }

  /// Known when every selected value is.
  public var isKnown: Bool { values.allSatisfy(\.isKnown) }
}
