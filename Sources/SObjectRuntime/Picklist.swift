/// The values an open picklist's metadata lists. The generator writes one caseless enum per open
/// picklist (`Account.Picklists.Industry`), and the values as static members of `Picklist` in an
/// extension constrained to it (`.agriculture`).
public protocol PicklistValues: Sendable {
  /// The values the metadata lists, in its order.
  static var rawValues: [String] { get }
}

/// The value of an open picklist: one the metadata lists, or any other value (an admin may add
/// values, or the API does not restrict them), kept as it came. Two values are equal when their
/// raw values are.
///
/// One generic struct instead of an enum per picklist: its conformances live here, once, so a
/// module of thousands of models does not hold a copy of them for each picklist (Swift's module
/// format reads declarations at 31-bit offsets, which limits a module to about 256 MiB).
public struct Picklist<Values: PicklistValues>: PicklistValue, CustomStringConvertible {
  public let rawValue: String

  public init(rawValue: String) { self.rawValue = rawValue }

  /// A value the metadata may not list, by its raw value: `.other("Escalated")`.
  public static func other(_ rawValue: String) -> Self { Self(rawValue: rawValue) }

  public static var knownValues: [Self] { Values.rawValues.map(Self.init(rawValue:)) }

  public var isKnown: Bool { Values.rawValues.contains(rawValue) }

  public var description: String { rawValue }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}
